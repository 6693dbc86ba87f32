/**
 * The largest mapped case, run several times in one process, reading RSS after each run
 * to show whether memory stays flat.
 *
 * @module
 */
import { median, timeMs, usPer } from "../shared/stats.js";
import type { Measurement } from "./measure.js";
import { collectGarbage, RssSampler } from "./rss-sampler.js";

/** The largest case's measurement, plus RSS after each run. */
export interface LargeRunsResult {
  readonly measurement: Measurement;
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
 * Runs `work(n)` `runs` times (every run timed: the first runs at a size no earlier case
 * reached, so it is measured too), sampling peak RSS and reading RSS after each run.
 *
 * @example
 * ```ts
 * const large = await largeRuns("mapped (lean)", 100_000, 5, (n) => cases.mappedLean(n));
 * console.log(large.rssAfter.map((b) => b / 2 ** 20));
 * ```
 */
export async function largeRuns(
  label: string,
  n: number,
  runs: number,
  work: (n: number) => unknown,
): Promise<LargeRunsResult> {
  const runsMs: number[] = [];
  const rssAfter: number[] = [];
  let peakRss = 0;
  for (let i = 0; i < runs; i++) {
    collectGarbage();
    const sampler = RssSampler.start();
    try {
      runsMs.push(await timeMs(() => work(n)));
    } finally {
      peakRss = Math.max(peakRss, sampler.stop());
    }
    collectGarbage();
    rssAfter.push(process.memoryUsage.rss());
  }
  const perTask = runsMs.map((ms) => usPer(ms, n));
  return {
    measurement: {
      label,
      n,
      runsMs,
      usPerTask: median(perTask),
      minUsPerTask: Math.min(...perTask),
      peakRss,
    },
    rssAfter,
  };
}
