/**
 * One measured case: warm-ups, timed repetitions, peak RSS over all of them.
 *
 * @module
 */
import { median, timeMs, usPer } from "../shared/stats.js";
import { collectGarbage, RssSampler } from "./rss-sampler.js";

/** What one case measured. */
export interface Measurement {
  readonly label: string;
  /** Tasks (or rows, or calls) per run. */
  readonly n: number;
  /** Duration of each measured run, in ms. */
  readonly runsMs: readonly number[];
  /** Median µs per task over the measured runs. */
  readonly usPerTask: number;
  /** Fastest run, in µs per task. */
  readonly minUsPerTask: number;
  /** Highest RSS sampled during the case (warm-ups included), in bytes. */
  readonly peakRss: number;
}

/** How to run a case. */
export interface MeasureOptions {
  readonly warmups: number;
  readonly reps: number;
  /** Untimed preparation before every run (warm-ups included). */
  readonly before?: (() => void) | undefined;
}

/**
 * Runs `work(n)` `warmups` times, then `reps` times timed, sampling RSS throughout (after a
 * garbage collection, when `--expose-gc` allows one).
 *
 * @example
 * ```ts
 * const m = await measure("mapped", 10_000, (n) => cases.mapped(n), { warmups: 1, reps: 5 });
 * console.log(m.usPerTask);
 * ```
 */
export async function measure(
  label: string,
  n: number,
  work: (n: number) => unknown,
  options: MeasureOptions,
): Promise<Measurement> {
  collectGarbage();
  const sampler = RssSampler.start();
  const runsMs: number[] = [];
  try {
    for (let i = 0; i < options.warmups + options.reps; i++) {
      options.before?.();
      const ms = await timeMs(() => work(n));
      if (i >= options.warmups) runsMs.push(ms);
    }
  } finally {
    sampler.stop();
  }
  const perTask = runsMs.map((ms) => usPer(ms, n));
  return {
    label,
    n,
    runsMs,
    usPerTask: median(perTask),
    minUsPerTask: Math.min(...perTask),
    peakRss: sampler.peak,
  };
}
