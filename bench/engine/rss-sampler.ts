/**
 * Peak resident set size during a stretch of work, sampled every 10 ms.
 *
 * @module
 */

/**
 * Samples `process.memoryUsage.rss()` on a 10 ms interval and keeps the highest value.
 * The interval only fires when the event loop turns, so synchronous stretches are
 * covered by the samples just before and after them (`stop()` takes a last sample).
 *
 * @example
 * ```ts
 * const sampler = RssSampler.start();
 * await work();
 * const peakBytes = sampler.stop();
 * ```
 */
export class RssSampler {
  #peak: number;
  readonly #timer: NodeJS.Timeout;

  private constructor(intervalMs: number) {
    this.#peak = process.memoryUsage.rss();
    this.#timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Starts sampling now. */
  static start(intervalMs = 10): RssSampler {
    return new RssSampler(intervalMs);
  }

  /** Takes one sample now (also called by the interval). */
  sample(): void {
    const rss = process.memoryUsage.rss();
    if (rss > this.#peak) this.#peak = rss;
  }

  /** The highest RSS seen so far, in bytes. */
  get peak(): number {
    return this.#peak;
  }

  /** Stops sampling and returns the peak RSS in bytes. */
  stop(): number {
    this.sample();
    clearInterval(this.#timer);
    return this.#peak;
  }
}

/** Runs a full garbage collection when the process was started with `--expose-gc`. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return false;
  gc();
  gc();
  return true;
}
