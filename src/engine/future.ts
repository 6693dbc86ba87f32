/**
 * Task futures: handles of submitted task runs.
 *
 * @module
 */
import type { State } from "../states/index.js";
import type { RunOutcome } from "./outcome.js";

const FUTURE = Symbol.for("ordo.task-future");

/**
 * The handle of a submitted task run. Its settlement never rejects, so a failed future
 * that nobody awaits never raises an unhandled rejection.
 *
 * The engine's object for a started call is its own future (one object per call of a map
 * of many, not two), so this class only describes what a future offers.
 *
 * @example
 * ```ts
 * const f = fetchRows.submit("users");
 * const rows = await f.result(); // throws if the task run failed
 * const state = await f.wait();  // never throws for a task failure
 * ```
 */
export abstract class TaskFuture<T = unknown> {
  /** Marks futures, also of another copy of Ordo (set on the prototype, not on each future). */
  declare readonly [FUTURE]: true;
  /** The id of the task run. */
  abstract readonly taskRunId: string;

  /** The task run's state right now (it may still change). */
  abstract get state(): State<T>;

  /** Waits for the final state. Never rejects for a task failure. */
  abstract wait(): Promise<State<T>>;

  /** Waits for the value; rejects with the task run's error if it failed. */
  abstract result(): Promise<T>;

  /** @internal The outcome, for the engine. */
  abstract outcome(): Promise<RunOutcome>;

  /** @internal The outcome if settled. */
  abstract settledOutcome(): RunOutcome | undefined;
}

Object.defineProperty(TaskFuture.prototype, FUTURE, { value: true });

/** True for a {@link TaskFuture}. */
export function isTaskFuture(value: unknown): value is TaskFuture {
  return typeof value === "object" && value !== null && FUTURE in value;
}
