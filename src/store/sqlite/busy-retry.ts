/**
 * Waiting out a locked SQLite database without blocking the event loop.
 *
 * SQLite's own busy handler sleeps inside the native call, blocking the thread, so the
 * store keeps it short (a few ms) and retries a locked operation here instead: roll back,
 * await a short jittered sleep that grows from 1 to 20 ms, try again, until a deadline.
 *
 * @module
 */
import { setTimeout as sleep } from "node:timers/promises";
import { OrdoError } from "../../errors/index.js";

/** How long to keep retrying a locked database. */
export interface BusyRetryOptions {
  /** Give up after this many ms and throw `ORDO_DATABASE_BUSY`. */
  readonly timeoutMs: number;
  /** What was being done, for the error message, e.g. `write`. */
  readonly operation: string;
}

/**
 * True for SQLite's "database is locked" errors (SQLITE_BUSY and its extended codes): another
 * connection holds a lock. (SQLITE_LOCKED is a conflict inside one connection, a bug that
 * waiting does not fix, so it is not retried.)
 */
export function isBusyError(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("code" in error)) return false;
  const code = error.code;
  return typeof code === "string" && code.startsWith("SQLITE_BUSY");
}

const MAX_DELAY_MS = 20;

/**
 * Runs `attempt` (synchronous: it holds no lock across an await) and, while it throws a
 * busy error, sleeps asynchronously and runs it again. The first attempt runs at once.
 */
export async function retryWhileBusy<T>(attempt: () => T, options: BusyRetryOptions): Promise<T> {
  const started = Date.now();
  let delay = 1;
  let tries = 0;
  for (;;) {
    tries += 1;
    try {
      return attempt();
    } catch (error) {
      if (!isBusyError(error)) throw error;
      const elapsed = Date.now() - started;
      if (elapsed >= options.timeoutMs) {
        throw new OrdoError(
          "ORDO_DATABASE_BUSY",
          `the database stayed locked for ${elapsed} ms (${tries} tries) during a ${options.operation}`,
          { operation: options.operation, elapsedMs: elapsed, tries },
          { cause: error },
        );
      }
      const jittered = delay / 2 + (Math.random() * delay) / 2;
      await sleep(Math.min(jittered, options.timeoutMs - elapsed));
      delay = Math.min(MAX_DELAY_MS, delay * 2);
    }
  }
}
