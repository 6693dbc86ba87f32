/**
 * Reading log lines from SQLite.
 *
 * @module
 */
import type { Kysely, Selectable } from "kysely";
import type { LogRecord } from "../../schemas/index.js";
import type { Database, LogsTable } from "../database.js";
import { logFromRow } from "../rows/log-row.js";
import type { LogQuery } from "../store.js";
import type { SqlRunner } from "./sql-runner.js";

/** Log lines matching `query`, oldest first. */
export function readLogs(runner: SqlRunner, qb: Kysely<Database>, query: LogQuery): LogRecord[] {
  let select = qb.selectFrom("logs").selectAll();
  if (query.flowRunId !== undefined) select = select.where("flow_run_id", "=", query.flowRunId);
  if (query.taskRunId !== undefined) select = select.where("task_run_id", "=", query.taskRunId);
  if (query.minLevel !== undefined) select = select.where("level", ">=", query.minLevel);
  if (query.afterId !== undefined) select = select.where("id", ">", query.afterId);
  const compiled = select.orderBy("id").limit(query.limit).compile();
  return runner.all<Selectable<LogsTable>>(compiled).map(logFromRow);
}
