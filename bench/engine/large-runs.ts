/**
 * The largest mapped case, run several times in one process, reading RSS after each run
 * to show whether memory stays flat.
 *
 * @module
 */
import { timeWithCpu, type Timing } from "../shared/stats.js";
import { LoopStall } from "./loop-stall.js";
import { toMeasurement, type Measurement } from "./measure.js";
import { collectGarbage, type RssMonitor } from "./rss-monitor.js";

/** The largest case's measurement, plus RSS after each run. */
export interface LargeRunsResult {
  readonly measurement: Measurement;
  /** Peak RSS of each run, in bytes. */
  readonly peakRss: readonly number[];
  /** RSS after each run (after a garbage collection when `--expose-gc` is on), in bytes. */
  readonly rssAfter: readonly number[];
}

/** RSS counts as flat when the last run ends at most this much above the first. */
export const FLAT_TOLERANCE = 0.1;

/** True when RSS after the last run is within {@link FLAT_TOLERANCE} of RSS after the first. */
export function isFlat(rssAfter: readonly number[]): boolean {
  const first = rssAfter[0];
  const last = rssAfter[rssAfter.length - 1];
  if (first === undefined || last === undefined) return false;
  return last <= first * (1 + FLAT_TOLERANCE);
}

/**
 * Runs `work(n)` `count` times, every run timed (the first runs at a size no earlier case
 * reached, so it is its own warm-up and is measured too), tracking each run's peak RSS
 * and reading RSS after each run.
 *
 * @example
 * ```ts
 * const large = await largeRuns("mapped (lean)", 100_000, 5, (n) => cases.mappedLean(n), monitor);
 * console.log(large.rssAfter.map((b) => b / 2 ** 20));
 * ```
 */
export async function largeRuns(
  label: string,
  n: number,
  count: number,
  work: (n: number) => unknown,
  monitor: RssMonitor,
): Promise<LargeRunsResult> {
  const runs: Timing[] = [];
  const peakRss: number[] = [];
  const rssAfter: number[] = [];
  let maxStallMs = 0;
  for (let i = 0; i < count; i++) {
    collectGarbage();
    monitor.reset();
    const stall = LoopStall.start();
    try {
      stall.begin();
      runs.push(await timeWithCpu(() => work(n)));
      stall.end();
    } finally {
      maxStallMs = Math.max(maxStallMs, stall.stop());
      peakRss.push(monitor.peak());
    }
    collectGarbage();
    rssAfter.push(process.memoryUsage.rss());
  }
  return {
    measurement: toMeasurement(label, n, runs, Math.max(...peakRss), maxStallMs),
    peakRss,
    rssAfter,
  };
}
