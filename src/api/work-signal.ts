/**
 * A wake-up signal for claims waiting in this process: a run became claimable (created
 * Scheduled, resumed, released from a concurrency wait). Waiters also wake on a timer,
 * so runs made by another server sharing the database are found within a second.
 *
 * @module
 */

const waiters = new Set<() => void>();

/** Wakes every claim waiting in this process. */
export function signalWork(): void {
  for (const wake of [...waiters]) wake();
}

/** Resolves on the next {@link signalWork}, after `ms`, or when `signal` aborts, whichever comes first. */
export function waitForWork(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      waiters.delete(done);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    waiters.add(done);
    signal?.addEventListener("abort", done, { once: true });
  });
}
