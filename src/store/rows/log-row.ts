/**
 * Log lines as rows, and back.
 *
 * @module
 */
import type { LogRecord } from "../../schemas/index.js";
import type { Selectable } from "kysely";
import type { LogsTable } from "../database.js";
import type { BindValue } from "./bind-value.js";

/** The columns a log line writes, in bound-value order. */
export const LOG_COLUMNS = [
  "flow_run_id",
  "task_run_id",
  "level",
  "name",
  "message",
  "timestamp",
] as const satisfies readonly (keyof LogsTable)[];

/** The bound values of one log line, in {@link LOG_COLUMNS} order. */
export function logToValues(log: LogRecord): BindValue[] {
  return [log.flowRunId, log.taskRunId ?? null, log.level, log.name, log.message, log.timestamp];
}

/** The log line a row holds. */
export function logFromRow(row: Selectable<LogsTable>): LogRecord {
  return {
    id: row.id,
    flowRunId: row.flow_run_id,
    taskRunId: row.task_run_id ?? undefined,
    level: row.level,
    name: row.name,
    message: row.message,
    timestamp: row.timestamp,
  };
}
