/**
 * Task futures: handles of submitted task runs.
 *
 * @module
 */
import type { StartedTaskRun } from "./task-engine.js";
import { State } from "../states/index.js";
import { stateOf, type RunOutcome } from "./outcome.js";

const FUTURE = Symbol.for("ordo.task-future");

/**
 * The handle of a submitted task run. Its settlement never rejects, so a failed future
 * that nobody awaits never raises an unhandled rejection.
 *
 * @example
 * ```ts
 * const f = fetchRows.submit("users");
 * const rows = await f.result(); // throws if the task run failed
 * const state = await f.wait();  // never throws for a task failure
 * ```
 */
export class TaskFuture<T = unknown> {
  /** Marks futures, also of another copy of Ordo (set on the prototype, not on each future). */
  declare readonly [FUTURE]: true;
  /** The id of the task run. */
  readonly taskRunId: string;
  readonly #run: StartedTaskRun;

  /** @internal Created by the engine. */
  constructor(run: StartedTaskRun) {
    this.taskRunId = run.taskRunId;
    this.#run = run;
  }

  /** The task run's state right now (it may still change). */
  get state(): State<T> {
    const run = this.#run;
    if (run.outcome !== undefined) return stateOf<T>(run.outcome, run.read);
    const ids = { flowRunId: run.flowRunId, taskRunId: this.taskRunId };
    // Not started yet (waiting for a runner slot): Pending since the call.
    if (run.snapshot === undefined)
      return new State<T>({ type: "PENDING", name: "Pending", timestamp: run.createdAt }, ids);
    return new State<T>(run.snapshot.state, ids);
  }

  /** Waits for the final state. Never rejects for a task failure. */
  async wait(): Promise<State<T>> {
    return stateOf<T>(await this.#run.settled, this.#run.read);
  }

  /** Waits for the value; rejects with the task run's error if it failed. */
  result(): Promise<T> {
    return this.#run.value() as Promise<T>;
  }

  /** @internal The outcome, for the engine. */
  outcome(): Promise<RunOutcome> {
    return this.#run.settled;
  }

  /** @internal The outcome if settled. */
  settledOutcome(): RunOutcome | undefined {
    return this.#run.outcome;
  }
}

Object.defineProperty(TaskFuture.prototype, FUTURE, { value: true });

/** True for a {@link TaskFuture}. */
export function isTaskFuture(value: unknown): value is TaskFuture {
  return typeof value === "object" && value !== null && FUTURE in value;
}
