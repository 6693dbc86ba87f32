/**
 * The task runs of a flow run that have not settled yet, counted.
 *
 * @module
 */

/**
 * Counts a flow run's unsettled task runs, so the flow can wait for all it submitted
 * (including runs submitted by tasks while it waits) without holding a promise per run.
 *
 * @example
 * ```ts
 * const open = new OpenTaskRuns();
 * open.opened();
 * setTimeout(() => open.closed(), 10);
 * await open.idle();
 * ```
 */
export class OpenTaskRuns {
  #count = 0;
  #wake: (() => void) | undefined;

  /** Task runs started and not settled yet. */
  get count(): number {
    return this.#count;
  }

  /** A task run started. */
  opened(): void {
    this.#count++;
  }

  /** A task run settled. */
  closed(): void {
    if (--this.#count === 0 && this.#wake !== undefined) {
      const wake = this.#wake;
      this.#wake = undefined;
      wake();
    }
  }

  /** Resolves once no task run is open (at once when none is). */
  idle(): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const previous = this.#wake;
      this.#wake =
        previous === undefined
          ? resolve
          : () => {
              previous();
              resolve();
            };
    });
  }
}
