/**
 * Task runs: the run recorder's batches, and reading task runs and cached results.
 *
 * @module
 */
import {
  DEFAULT_TASK_RUN_EVENTS,
  TaskRunFilterSchema,
  type RecorderBatch,
  type TaskRun,
  type TaskRunEvents,
  type TaskRunFilter,
} from "../schemas/index.js";
import type { CacheHit, StateData } from "../states/index.js";
import type { Store } from "../store/index.js";
import { notFound, parseInput } from "./errors.js";
import { flowRunsWithEvents, taskRunStateEvents, type TaskRunEventFlowRun } from "./task-run-events.js";

/** Options of {@link recordBatch}. */
export interface RecordBatchOptions {
  /** Which new task-run states become events (`ORDO_TASK_RUN_EVENTS`; default {@link DEFAULT_TASK_RUN_EVENTS}). */
  readonly taskRunEvents?: TaskRunEvents | undefined;
}

/**
 * Writes one run-recorder batch in one transaction, with an `ordo.task-run.<StateName>`
 * event for each new state it carries (`newStates`) that `taskRunEvents` keeps. This is
 * the hot path: the batch is not validated here (the engine builds it; the HTTP server
 * validates it at the edge). A batch that breaks a constraint is rejected whole with
 * `ORDO_INVALID_INPUT`; a batch sent again with its `batchId` writes nothing, events
 * included.
 *
 * @example
 * ```ts
 * await recordBatch(store, batch, { taskRunEvents: "terminal" });
 * ```
 */
export async function recordBatch(
  store: Store,
  batch: RecorderBatch,
  options: RecordBatchOptions = {},
): Promise<void> {
  const mode = options.taskRunEvents ?? DEFAULT_TASK_RUN_EVENTS;
  const ids = flowRunsWithEvents(batch, mode);
  if (ids.size === 0) return store.recordTaskRunBatch(batch);
  const flowRuns = new Map<string, TaskRunEventFlowRun>();
  for (const id of ids) {
    const run = await store.readFlowRun(id);
    if (run !== undefined) flowRuns.set(id, run);
  }
  return store.recordTaskRunBatch(batch, taskRunStateEvents(batch, flowRuns, mode));
}

/** Reads task runs in creation order; the filter's defaults apply (limit 1000). */
export async function readTaskRuns(store: Store, filter: TaskRunFilter = {}): Promise<TaskRun[]> {
  return store.readTaskRuns(parseInput(TaskRunFilterSchema, filter, "task-run filter"));
}

/** Reads one task run; throws `ORDO_NOT_FOUND` for an unknown id. */
export async function readTaskRun(store: Store, id: string): Promise<TaskRun> {
  const run = await store.readTaskRun(id);
  if (run === undefined) throw notFound("task run", id);
  return run;
}

/** A task run's detailed state records (failures, retries, crashes), oldest first. */
export function readTaskRunStates(store: Store, id: string): Promise<StateData[]> {
  return store.readTaskRunStates(id);
}

/**
 * The newest completed task run stored under `cacheKey` with a result that has not
 * expired at `now`, as a cache hit.
 */
export function findCachedResult(store: Store, cacheKey: string, now: number): Promise<CacheHit | undefined> {
  return store.findCachedResult(cacheKey, now);
}
