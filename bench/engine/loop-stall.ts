/**
 * The longest stretch the main thread's event loop went without a timer turn.
 *
 * @module
 */

/**
 * Watches the main thread with a 10 ms `setInterval` and keeps the longest gap between
 * two turns inside the watched runs (from {@link LoopStall.begin} to
 * {@link LoopStall.end}). A long gap means timers (the run recorder's flush, heartbeats,
 * timeouts) could not fire during it.
 *
 * @example
 * ```ts
 * const stall = LoopStall.start();
 * stall.begin();
 * await work();
 * stall.end();
 * console.log(stall.stop(), "ms");
 * ```
 */
export class LoopStall {
  #last = performance.now();
  #max = 0;
  #inRun = false;
  readonly #timer: NodeJS.Timeout;

  private constructor(intervalMs: number) {
    this.#timer = setInterval(() => this.#turn(), intervalMs);
  }

  /** Starts watching. */
  static start(intervalMs = 10): LoopStall {
    return new LoopStall(intervalMs);
  }

  #turn(): void {
    const now = performance.now();
    if (this.#inRun) this.#max = Math.max(this.#max, now - this.#last);
    this.#last = now;
  }

  /** A watched run starts now. */
  begin(): void {
    this.#last = performance.now();
    this.#inRun = true;
  }

  /** The watched run ended now (the gap since the last timer turn counts). */
  end(): void {
    this.#turn();
    this.#inRun = false;
  }

  /** Stops watching; returns the longest gap between timer turns inside the runs, in ms. */
  stop(): number {
    clearInterval(this.#timer);
    return this.#max;
  }
}
