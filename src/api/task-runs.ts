/**
 * Task runs: the run recorder's batches, and reading task runs and cached results.
 *
 * @module
 */
import {
  TaskRunFilterSchema,
  type RecorderBatch,
  type TaskRun,
  type TaskRunFilter,
} from "../schemas/index.js";
import type { CacheHit, StateData } from "../states/index.js";
import type { Store } from "../store/index.js";
import { notFound, parseInput } from "./errors.js";

/**
 * Writes one run-recorder batch in one transaction. This is the hot path: the batch is
 * not validated here (the engine builds it; the HTTP server validates it at the edge).
 * A batch that breaks a constraint is rejected whole with `ORDO_INVALID_INPUT`.
 */
export function recordBatch(store: Store, batch: RecorderBatch): Promise<void> {
  return store.recordTaskRunBatch(batch);
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
