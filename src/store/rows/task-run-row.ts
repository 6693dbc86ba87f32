/**
 * Task runs as rows, and back. The write side is the run recorder's hot path: it builds a
 * flat array of bound values in {@link TASK_RUN_COLUMNS} order, with no per-row objects
 * beyond that array and no validation.
 *
 * @module
 */
import type { CompactState, TaskRun } from "../../schemas/index.js";
import type { ResultRef } from "../../states/index.js";
import type { TaskRunsTable } from "../database.js";
import type { BindValue } from "./bind-value.js";
import { fromJsonColumn } from "./json-column.js";
import { errorToJson, stateFromColumns } from "./state-columns.js";

/** The columns a task-run snapshot writes, in bound-value order. */
export const TASK_RUN_COLUMNS = [
  "id",
  "flow_run_id",
  "task_key",
  "dynamic_key",
  "name",
  "tags",
  "state_type",
  "state_name",
  "state_timestamp",
  "state_message",
  "state_scheduled_time",
  "state_error",
  "state_history",
  "run_count",
  "start_time",
  "end_time",
  "inputs_hash",
  "cache_key",
  "cache_expiration",
  "result",
  "inputs",
  "wait_for",
  "parent_task_run_id",
  "created_at",
  "updated_at",
] as const satisfies readonly (keyof TaskRunsTable)[];

/** The columns an upsert of a newer snapshot leaves alone: the run's identity. */
export const TASK_RUN_IDENTITY_COLUMNS: ReadonlySet<string> = new Set([
  "id",
  "flow_run_id",
  "task_key",
  "dynamic_key",
  "created_at",
]);

/**
 * The JSON columns bound as NULL when empty (`[]` or `{}`): binding NULL costs less than
 * binding text, and the insert statement puts the empty JSON back with `coalesce`.
 */
export const TASK_RUN_EMPTY_JSON = { tags: "[]", inputs: "{}", wait_for: "[]" } as const;

function arrayText(value: readonly unknown[]): string | null {
  return value.length === 0 ? null : JSON.stringify(value);
}

function recordText(value: Record<string, readonly string[]>): string | null {
  for (const _ in value) return JSON.stringify(value);
  return null;
}

/** How each column of {@link TASK_RUN_COLUMNS} is bound from a snapshot. */
const VALUE_OF: { readonly [C in (typeof TASK_RUN_COLUMNS)[number]]: (run: TaskRun) => BindValue } = {
  id: (run) => run.id,
  flow_run_id: (run) => run.flowRunId,
  task_key: (run) => run.taskKey,
  dynamic_key: (run) => run.dynamicKey,
  name: (run) => run.name,
  tags: (run) => arrayText(run.tags),
  state_type: (run) => run.state.type,
  state_name: (run) => run.state.name,
  state_timestamp: (run) => run.state.timestamp,
  state_message: (run) => run.state.message ?? null,
  state_scheduled_time: (run) => run.state.scheduledTime ?? null,
  state_error: (run) => (run.state.error === undefined ? null : errorToJson(run.state.error)),
  state_history: (run) => JSON.stringify(run.stateHistory),
  run_count: (run) => run.runCount,
  start_time: (run) => run.startTime ?? null,
  end_time: (run) => run.endTime ?? null,
  inputs_hash: (run) => run.inputsHash ?? null,
  cache_key: (run) => run.cacheKey ?? null,
  cache_expiration: (run) => run.cacheExpiration ?? null,
  result: (run) => (run.result === undefined ? null : JSON.stringify(run.result)),
  inputs: (run) => recordText(run.inputs),
  wait_for: (run) => arrayText(run.waitFor),
  parent_task_run_id: (run) => run.parentTaskRunId ?? null,
  created_at: (run) => run.createdAt,
  updated_at: (run) => run.updatedAt,
};

const VALUES_IN_ORDER = TASK_RUN_COLUMNS.map((column) => VALUE_OF[column]);

/**
 * The bound values of one task-run snapshot, in {@link TASK_RUN_COLUMNS} order (empty JSON
 * columns as NULL, see {@link TASK_RUN_EMPTY_JSON}).
 */
export function taskRunToValues(run: TaskRun): BindValue[] {
  return VALUES_IN_ORDER.map((valueOf) => valueOf(run));
}

/**
 * Task-run rows by column: `columns[c][r]` is the value of column `c` (in
 * {@link TASK_RUN_COLUMNS} order) for row `r`, and a column that is NULL in every row is
 * `null`. A batch of many rows is then a few arrays instead of an array per row: fewer
 * objects to make, and far less to copy to another thread (a column of numbers is stored
 * and copied unboxed).
 */
export interface TaskRunColumns {
  readonly rows: number;
  readonly columns: readonly (readonly BindValue[] | null)[];
}

function allNull(column: readonly BindValue[]): boolean {
  for (let i = 0; i < column.length; i++) if (column[i] !== null) return false;
  return true;
}

/** The {@link TaskRunColumns} of `runs`. */
export function taskRunColumns(runs: readonly TaskRun[]): TaskRunColumns {
  return {
    rows: runs.length,
    columns: VALUES_IN_ORDER.map((valueOf) => {
      const column = runs.map(valueOf);
      return allNull(column) ? null : column;
    }),
  };
}

/**
 * Calls `write` with the bound values of each row of `table`, in order, in one array that
 * is reused: `write` must use it before it returns.
 */
export function forEachTaskRunRow(table: TaskRunColumns, write: (row: BindValue[]) => void): void {
  const { columns } = table;
  const row = new Array<BindValue>(columns.length);
  for (let r = 0; r < table.rows; r++) {
    for (let c = 0; c < columns.length; c++) row[c] = columns[c]?.[r] ?? null;
    write(row);
  }
}

/** The task run a row holds. */
export function taskRunFromRow(row: TaskRunsTable): TaskRun {
  return {
    id: row.id,
    flowRunId: row.flow_run_id,
    taskKey: row.task_key,
    dynamicKey: row.dynamic_key,
    name: row.name,
    tags: fromJsonColumn<string[]>(row.tags),
    state: stateFromColumns(row),
    stateHistory: fromJsonColumn<CompactState[]>(row.state_history),
    runCount: row.run_count,
    startTime: row.start_time ?? undefined,
    endTime: row.end_time ?? undefined,
    inputsHash: row.inputs_hash ?? undefined,
    cacheKey: row.cache_key ?? undefined,
    cacheExpiration: row.cache_expiration ?? undefined,
    result: row.result === null ? undefined : fromJsonColumn<ResultRef>(row.result),
    inputs: fromJsonColumn<Record<string, string[]>>(row.inputs),
    waitFor: fromJsonColumn<string[]>(row.wait_for),
    parentTaskRunId: row.parent_task_run_id ?? undefined,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
