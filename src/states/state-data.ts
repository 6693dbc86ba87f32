/**
 * The plain-data form of a state, as it is stored and sent over the wire.
 *
 * @module
 */
import type { StateName, StateType } from "./state-type.js";

/** A reference to a run's result: inline serialized text, or a key in result storage. */
export type ResultRef =
  | { readonly kind: "inline"; readonly serializer: string; readonly data: string }
  | { readonly kind: "storage"; readonly serializer: string; readonly storage: string; readonly key: string };

/** Structured information about a failure, kept with failed states. */
export interface ErrorInfo {
  readonly name: string;
  readonly message: string;
  readonly code?: string | undefined;
  readonly stack?: string | undefined;
}

/** A state as plain data. `timestamp` is milliseconds since the epoch. */
export interface StateData {
  readonly type: StateType;
  readonly name: StateName;
  readonly timestamp: number;
  readonly message?: string | undefined;
  /** For SCHEDULED states: when the run (or its next attempt) may start, ms since the epoch. */
  readonly scheduledTime?: number | undefined;
  /** For failed states: what went wrong. */
  readonly error?: ErrorInfo | undefined;
}
