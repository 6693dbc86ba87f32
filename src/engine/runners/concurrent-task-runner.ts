/**
 * The default task runner: submitted task runs execute concurrently, up to a bound.
 *
 * @module
 */
import { Semaphore, type TaskRunner } from "./task-runner.js";

/** The default bound: enough for I/O-bound fan-out, small enough not to exhaust file descriptors. */
export const DEFAULT_MAX_CONCURRENCY = 64;

/**
 * Runs submitted task runs concurrently, at most `maxConcurrency` at once (default 64), so
 * that a map over 10,000 fetches never opens 10,000 sockets at the same time.
 *
 * @example
 * ```ts
 * flow({ name: "crawl", taskRunner: new ConcurrentTaskRunner({ maxConcurrency: 16 }) }, fn);
 * ```
 */
export class ConcurrentTaskRunner implements TaskRunner {
  readonly name: string;
  readonly #semaphore: Semaphore;

  constructor(options: { maxConcurrency?: number } = {}) {
    const max = options.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY;
    this.#semaphore = new Semaphore(max);
    this.name = `concurrent(${max})`;
  }

  schedule(work: () => Promise<unknown>): void {
    this.#semaphore.schedule(work);
  }

  acquire(): Promise<() => void> | (() => void) {
    return this.#semaphore.acquire();
  }
}
