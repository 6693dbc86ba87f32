/**
 * A task runner that executes submitted task runs one at a time, in submission order.
 *
 * @module
 */
import { Semaphore, type TaskRunner } from "./task-runner.js";

/**
 * Runs submitted task runs one at a time, in the order they were submitted.
 *
 * @example
 * ```ts
 * flow({ name: "ordered", taskRunner: new SequentialTaskRunner() }, fn);
 * ```
 */
export class SequentialTaskRunner implements TaskRunner {
  readonly name = "sequential";
  readonly #semaphore = new Semaphore(1);

  schedule(work: () => Promise<unknown>): void {
    this.#semaphore.schedule(work);
  }

  acquire(): Promise<() => void> | (() => void) {
    return this.#semaphore.acquire();
  }
}
