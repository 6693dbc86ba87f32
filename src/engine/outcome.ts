/**
 * Run outcomes: what a finished run leaves behind, and the {@link State} built from it.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { ErrorInfo, ResultRef, StateData } from "../states/index.js";
import { loadInlineResult } from "../results/index.js";
import { State, StateType } from "../states/index.js";

/** How a run ended: its final state, and its value or error while they are in memory. */
export interface RunOutcome {
  readonly state: StateData;
  readonly flowRunId: string | undefined;
  readonly taskRunId: string | undefined;
  /** The value, when kept in memory. */
  readonly value?: unknown;
  readonly hasValue: boolean;
  /** The thrown error, for failed runs. */
  readonly error?: unknown;
  /** Where the result is stored. */
  readonly result?: ResultRef | undefined;
}

/** Loads a stored result. */
export type ResultReader = (ref: ResultRef) => Promise<unknown>;

/** Rebuilds an Error from stored failure details. */
export function errorFromInfo(info: ErrorInfo | undefined, fallback: string): Error {
  if (info === undefined) return new Error(fallback);
  const error =
    info.code !== undefined && info.code.startsWith("ORDO_")
      ? new OrdoError(info.code as OrdoError["code"], info.message)
      : new Error(info.message);
  error.name = info.name;
  if (info.stack !== undefined) error.stack = info.stack;
  return error;
}

/** Failure details of a thrown value. */
export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      name: error.name,
      message: error.message,
      code: typeof code === "string" ? code : undefined,
      stack: error.stack,
    };
  }
  return { name: "Error", message: String(error) };
}

/** The {@link State} users see for an outcome: `result()` returns the value or throws the error. */
export function stateOf<T>(outcome: RunOutcome, read: ResultReader): State<T> {
  const { state } = outcome;
  return new State<T>(state, {
    flowRunId: outcome.flowRunId,
    taskRunId: outcome.taskRunId,
    load: async () => valueOf<T>(outcome, read),
  });
}

/**
 * The value of an outcome, loading it from result storage when it is not in memory. A
 * value in memory or inline in the result reference is returned as it is, without a
 * promise; a failure (or an inline result that cannot be decoded) is thrown at once:
 * call it inside an async function.
 */
export function valueOf<T>(outcome: RunOutcome, read: ResultReader): T | Promise<T> {
  const { state } = outcome;
  if (state.type === StateType.COMPLETED) {
    if (outcome.hasValue) return outcome.value as T;
    const ref = outcome.result;
    if (ref !== undefined) {
      // An inline result is in the reference itself: decoded here, without a promise.
      return ref.kind === "inline" ? (loadInlineResult(ref) as T) : (read(ref) as Promise<T>);
    }
    throw new OrdoError(
      "ORDO_RESULT_NOT_AVAILABLE",
      "the run completed, but its result was neither kept in memory nor persisted",
      { flowRunId: outcome.flowRunId, taskRunId: outcome.taskRunId },
    );
  }
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- rethrows exactly what the run threw
  if (outcome.error !== undefined) throw outcome.error;
  throw errorFromInfo(state.error, state.message ?? `the run ended ${state.name}`);
}
