/**
 * One measured case: warm-ups, timed repetitions, peak RSS and the longest event-loop
 * stall over all of them.
 *
 * @module
 */
import { median, timeWithCpu, usPer, type Timing } from "../shared/stats.js";
import { LoopStall } from "./loop-stall.js";
import { collectGarbage, type RssMonitor } from "./rss-monitor.js";

/** What one case measured. */
export interface Measurement {
  readonly label: string;
  /** Tasks (or rows, or calls) per run. */
  readonly n: number;
  /** Duration of each measured run, in ms. */
  readonly runsMs: readonly number[];
  /** Median µs per task over the measured runs. */
  readonly usPerTask: number;
  /**
   * Median CPU µs per task of the whole process (user + system, all threads): above the
   * wall time when V8's garbage-collector and compiler threads work in parallel.
   */
  readonly cpuUsPerTask: number;
  /** Fastest run, in µs per task. */
  readonly minUsPerTask: number;
  /** Highest RSS sampled during the case (warm-ups included), in bytes. */
  readonly peakRss: number;
  /** Longest time the main thread went without a timer turn during the case, in ms. */
  readonly maxStallMs: number;
}

/** How to run a case. */
export interface MeasureOptions {
  readonly warmups: number;
  readonly reps: number;
  /** Untimed preparation before every run (warm-ups included). */
  readonly before?: (() => void) | undefined;
}

/** Builds a {@link Measurement} from the timings of the measured runs. */
export function toMeasurement(
  label: string,
  n: number,
  runs: readonly Timing[],
  peakRss: number,
  maxStallMs: number,
): Measurement {
  const perTask = runs.map((r) => usPer(r.ms, n));
  return {
    label,
    n,
    runsMs: runs.map((r) => r.ms),
    usPerTask: median(perTask),
    cpuUsPerTask: median(runs.map((r) => usPer(r.cpuMs, n))),
    minUsPerTask: Math.min(...perTask),
    peakRss,
    maxStallMs,
  };
}

/**
 * Runs `work(n)` `warmups` times, then `reps` times timed, tracking peak RSS with
 * `monitor` (reset after a garbage collection, when `--expose-gc` allows one).
 *
 * @example
 * ```ts
 * const m = await measure("mapped", 10_000, (n) => cases.mapped(n), monitor, { warmups: 1, reps: 5 });
 * console.log(m.usPerTask);
 * ```
 */
export async function measure(
  label: string,
  n: number,
  work: (n: number) => unknown,
  monitor: RssMonitor,
  options: MeasureOptions,
): Promise<Measurement> {
  collectGarbage();
  monitor.reset();
  const stall = LoopStall.start();
  const runs: Timing[] = [];
  let maxStallMs = 0;
  try {
    for (let i = 0; i < options.warmups + options.reps; i++) {
      options.before?.();
      stall.begin();
      const timing = await timeWithCpu(() => work(n));
      stall.end();
      if (i >= options.warmups) runs.push(timing);
    }
  } finally {
    maxStallMs = stall.stop();
  }
  return toMeasurement(label, n, runs, monitor.peak(), maxStallMs);
}
