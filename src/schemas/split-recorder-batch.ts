/**
 * Splitting a recorder batch in halves, to find the item a database refuses.
 *
 * @module
 */
import type { RecorderBatch, TaskRun } from "./task-run.js";

/** The `newStates` of `batch` that name one of `runs` (they travel with their snapshot). */
function newStatesOf(batch: RecorderBatch, runs: readonly TaskRun[]): Pick<RecorderBatch, "newStates"> {
  if (batch.newStates === undefined) return {};
  const ids = new Set(runs.map((run) => run.id));
  return { newStates: batch.newStates.filter(([taskRunId]) => ids.has(taskRunId)) };
}

/**
 * The two halves of `batch` (task runs, state records and logs each cut in the middle; the
 * new-state ranges go with their task runs).
 * A batch with a `batchId` gives halves with ids derived from it (`<id>.a`, `<id>.b`), so
 * each half is still written at most once.
 */
export function splitRecorderBatch(batch: RecorderBatch): [RecorderBatch, RecorderBatch] {
  const half = <T>(items: readonly T[]): [T[], T[]] => {
    const mid = Math.ceil(items.length / 2);
    return [items.slice(0, mid), items.slice(mid)];
  };
  const [runsA, runsB] = half(batch.taskRuns);
  const [statesA, statesB] = half(batch.taskRunStates);
  const [logsA, logsB] = half(batch.logs);
  const ids =
    batch.batchId === undefined
      ? [{}, {}]
      : [{ batchId: `${batch.batchId}.a` }, { batchId: `${batch.batchId}.b` }];
  return [
    { ...ids[0], taskRuns: runsA, taskRunStates: statesA, logs: logsA, ...newStatesOf(batch, runsA) },
    { ...ids[1], taskRuns: runsB, taskRunStates: statesB, logs: logsB, ...newStatesOf(batch, runsB) },
  ];
}
