/**
 * A flow run's submitted task runs waiting for a runner slot.
 *
 * @module
 */
import type { TaskRunner } from "./runners/task-runner.js";

/** A task run that can be started. */
export interface StartableTaskRun {
  /** Starts the run; the promise settles when the run has settled. */
  start(): Promise<unknown>;
}

/**
 * The task runs of one flow run that wait for a slot of its task runner, started in call
 * order.
 *
 * The runner is given one work function per waiting run, but it is the same function each
 * time: each call starts the run that has waited longest. A map of 100,000 calls costs the
 * runner's queue 100,000 references to one function instead of 100,000 closures (about
 * 110 bytes each, kept until the run starts).
 *
 * @example
 * ```ts
 * const waiting = new WaitingTaskRuns(new ConcurrentTaskRunner({ maxConcurrency: 2 }));
 * for (const run of runs) waiting.add(run); // the first two start now
 * ```
 */
export class WaitingTaskRuns {
  readonly #runner: TaskRunner;
  #runs: (StartableTaskRun | undefined)[] = [];
  #head = 0;
  readonly #startNext = (): Promise<unknown> => this.#next().start();

  constructor(runner: TaskRunner) {
    this.#runner = runner;
  }

  /** Runs waiting now. */
  get size(): number {
    return this.#runs.length - this.#head;
  }

  /** Queues `run` for a runner slot (it may start at once). */
  add(run: StartableTaskRun): void {
    this.#runs.push(run);
    this.#runner.schedule(this.#startNext);
  }

  #next(): StartableTaskRun {
    const runs = this.#runs;
    const run = runs[this.#head];
    if (run === undefined) throw new Error("a task runner started more work than it was given");
    runs[this.#head++] = undefined;
    if (this.#head === runs.length) {
      this.#runs = [];
      this.#head = 0;
    } else if (this.#head > 4096 && this.#head * 2 > runs.length) {
      this.#runs = runs.slice(this.#head);
      this.#head = 0;
    }
    return run;
  }
}
