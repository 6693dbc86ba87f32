/**
 * The {@link State} object users receive from `t.state()`, `future.wait()` and `flow.state()`.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { ErrorInfo, StateData } from "./state-data.js";
import { StateType, isTerminalType, type StateName } from "./state-type.js";

/** Loads the value of a completed run, or rebuilds the error of a failed one. */
export type ResultLoader<T> = () => Promise<T>;

/** The ids and loader a {@link State} is created with. */
export interface StateInit<T> {
  readonly flowRunId?: string | undefined;
  readonly taskRunId?: string | undefined;
  /** Returns the run's value; rejects with the run's error for failed states. */
  readonly load?: ResultLoader<T> | undefined;
}

/**
 * A run's state: its type and name, when it was entered, and the run's result.
 *
 * @example
 * ```ts
 * const state = await risky.state(1);
 * if (state.isFailed()) console.log(state.message);
 * else console.log(await state.result());
 * ```
 */
export class State<T = unknown> {
  /** The state type, e.g. `COMPLETED`. */
  readonly type: StateType;
  /** The state name, e.g. `Cached`. */
  readonly name: StateName;
  /** A human-readable message, e.g. the failure's message. */
  readonly message: string | undefined;
  /** The flow run this state belongs to (for task runs: the flow run that ran it). */
  readonly flowRunId: string | undefined;
  /** The task run this state belongs to, for task-run states. */
  readonly taskRunId: string | undefined;
  /** Failure details for failed, crashed and timed-out states. */
  readonly error: ErrorInfo | undefined;
  readonly #timestamp: number;
  readonly #load: ResultLoader<T> | undefined;

  constructor(data: StateData, init: StateInit<T> = {}) {
    this.type = data.type;
    this.name = data.name;
    this.message = data.message;
    this.error = data.error;
    this.#timestamp = data.timestamp;
    this.flowRunId = init.flowRunId;
    this.taskRunId = init.taskRunId;
    this.#load = init.load;
  }

  /** When the run entered this state. */
  get timestamp(): Date {
    return new Date(this.#timestamp);
  }

  /** The state as plain data. */
  toData(): StateData {
    return {
      type: this.type,
      name: this.name,
      timestamp: this.#timestamp,
      message: this.message,
      error: this.error,
    };
  }

  /**
   * The run's value for a completed state. For a failed, crashed or cancelled state it
   * throws the run's error; for a state that is not final it throws `ORDO_RESULT_NOT_AVAILABLE`.
   */
  async result(): Promise<T> {
    if (this.#load === undefined) {
      throw new OrdoError(
        "ORDO_RESULT_NOT_AVAILABLE",
        `the ${this.name} state has no result${this.message ? `: ${this.message}` : ""}`,
        { type: this.type, name: this.name },
      );
    }
    return this.#load();
  }

  /** True for SCHEDULED states (Scheduled, Late, AwaitingRetry, …). */
  isScheduled(): boolean {
    return this.type === StateType.SCHEDULED;
  }
  /** True for PENDING states. */
  isPending(): boolean {
    return this.type === StateType.PENDING;
  }
  /** True for RUNNING states (Running, Retrying). */
  isRunning(): boolean {
    return this.type === StateType.RUNNING;
  }
  /** True for PAUSED states (Paused, Suspended). */
  isPaused(): boolean {
    return this.type === StateType.PAUSED;
  }
  /** True for the CANCELLING state. */
  isCancelling(): boolean {
    return this.type === StateType.CANCELLING;
  }
  /** True for COMPLETED states (Completed, Cached). */
  isCompleted(): boolean {
    return this.type === StateType.COMPLETED;
  }
  /** True for FAILED states (Failed, TimedOut). */
  isFailed(): boolean {
    return this.type === StateType.FAILED;
  }
  /** True for the CRASHED state. */
  isCrashed(): boolean {
    return this.type === StateType.CRASHED;
  }
  /** True for the CANCELLED state. */
  isCancelled(): boolean {
    return this.type === StateType.CANCELLED;
  }
  /** True for states a run never leaves on its own. */
  isFinal(): boolean {
    return isTerminalType(this.type);
  }
}
