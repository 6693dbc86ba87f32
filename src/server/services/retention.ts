/**
 * The retention service's round: deletes finished flow runs (with their states, task
 * runs and logs) and events older than the configured age, in small batches with a pause
 * between them so the database is never locked for long; and forgets recorder-batch ids
 * after a month (they only serve to refuse a resent batch).
 *
 * @module
 */
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { Store } from "../../store/index.js";

/** How long a recorder-batch id is remembered. */
export const RECORDED_BATCH_TTL_MS = 30 * 24 * 3600 * 1000;

/** What one retention round deleted. */
export interface RetentionReport {
  readonly flowRuns: number;
  readonly events: number;
  readonly recordedBatches: number;
}

async function inBatches(deleteBatch: () => Promise<number>, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch();
    total += deleted;
    if (deleted < batchSize) return total;
    await yieldToLoop(); // let other writers in between batches
  }
}

/**
 * Deletes, as of `now`, what is older than `maxAgeMs` (nothing but old batch ids when
 * `maxAgeMs` is undefined), `batchSize` rows at a time.
 */
export async function retentionRound(
  store: Store,
  maxAgeMs: number | undefined,
  now: number,
  batchSize = 200,
): Promise<RetentionReport> {
  let flowRuns = 0;
  let events = 0;
  if (maxAgeMs !== undefined) {
    const before = now - maxAgeMs;
    flowRuns = await inBatches(
      () => store.records.retention.deleteFlowRunsBefore(before, batchSize),
      batchSize,
    );
    events = await inBatches(() => store.records.retention.deleteEventsBefore(before, batchSize), batchSize);
  }
  const recordedBatches = await inBatches(
    () => store.records.retention.deleteRecordedBatchesBefore(now - RECORDED_BATCH_TTL_MS, batchSize * 5),
    batchSize * 5,
  );
  return { flowRuns, events, recordedBatches };
}
