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

/**
 * The bound values of one task-run snapshot, in {@link TASK_RUN_COLUMNS} order (empty JSON
 * columns as NULL, see {@link TASK_RUN_EMPTY_JSON}).
 */
export function taskRunToValues(run: TaskRun): BindValue[] {
  const state = run.state;
  return [
    run.id,
    run.flowRunId,
    run.taskKey,
    run.dynamicKey,
    run.name,
    arrayText(run.tags),
    state.type,
    state.name,
    state.timestamp,
    state.message ?? null,
    state.scheduledTime ?? null,
    state.error === undefined ? null : errorToJson(state.error),
    JSON.stringify(run.stateHistory),
    run.runCount,
    run.startTime ?? null,
    run.endTime ?? null,
    run.inputsHash ?? null,
    run.cacheKey ?? null,
    run.cacheExpiration ?? null,
    run.result === undefined ? null : JSON.stringify(run.result),
    recordText(run.inputs),
    arrayText(run.waitFor),
    run.parentTaskRunId ?? null,
    run.createdAt,
    run.updatedAt,
  ];
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
