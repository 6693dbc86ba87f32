/**
 * A service loop: run a round, wait, run again; never two rounds at once.
 *
 * @module
 */

/** A running loop. */
export interface Loop {
  /** Stops scheduling rounds and waits for the one in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `round` every `intervalMs` (the first after one interval). A failed round is
 * logged with the service's name and the loop goes on.
 */
export function startLoop(name: string, intervalMs: number, round: () => Promise<void>): Loop {
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      current = round()
        .catch((error: unknown) => {
          console.error(`[ordo server] ${name} failed:`, error instanceof Error ? error.message : error);
        })
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  };
  schedule();
  return {
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await current;
    },
  };
}
