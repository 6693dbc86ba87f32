/**
 * Timeouts that do not wait for the function: at the deadline the run's signal is aborted
 * and the caller moves on, whether or not the function stops.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

/** The result of {@link runWithTimeout}. */
export type TimeoutResult<T> = { timedOut: false; value: T } | { timedOut: true; error: OrdoError };

/**
 * Runs `fn` with a deadline. On time: its value (or its error, thrown). At the deadline:
 * `controller` is aborted with an `ORDO_TIMED_OUT` error and `{ timedOut: true }` is
 * returned at once; a late rejection of `fn` is swallowed.
 *
 * @example
 * ```ts
 * const r = await runWithTimeout(() => fetch(url, { signal: c.signal }), 5000, c);
 * ```
 */
export function runWithTimeout<T>(
  fn: () => T | PromiseLike<T>,
  ms: number,
  controller: AbortController,
): Promise<TimeoutResult<T>> {
  return new Promise<TimeoutResult<T>>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      if (done) return;
      done = true;
      const error = new OrdoError("ORDO_TIMED_OUT", `timed out after ${ms / 1000}s`, { timeoutMs: ms });
      controller.abort(error);
      resolve({ timedOut: true, error });
    }, ms);
    let pending: PromiseLike<T> | T;
    try {
      pending = fn();
    } catch (error) {
      clearTimeout(timer);
      reject(error);
      return;
    }
    Promise.resolve(pending).then(
      (value) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        resolve({ timedOut: false, value });
      },
      (error: unknown) => {
        if (done) return; // A late failure after the timeout: already reported as TimedOut.
        done = true;
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
