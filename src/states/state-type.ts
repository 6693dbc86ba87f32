/**
 * State types and state names: the vocabulary of every run's life.
 *
 * A state has a `type` (what the orchestration rules reason about) and a `name` (what
 * people read). Several names share a type: `Late` and `AwaitingRetry` are both
 * `SCHEDULED`, `TimedOut` is `FAILED`, `Cached` is `COMPLETED`.
 *
 * @module
 */

/** The state types. */
export const StateType = {
  SCHEDULED: "SCHEDULED",
  PENDING: "PENDING",
  RUNNING: "RUNNING",
  PAUSED: "PAUSED",
  CANCELLING: "CANCELLING",
  COMPLETED: "COMPLETED",
  FAILED: "FAILED",
  CRASHED: "CRASHED",
  CANCELLED: "CANCELLED",
} as const;

/** One of the {@link StateType} values. */
export type StateType = (typeof StateType)[keyof typeof StateType];

/** All state types, in lifecycle order. */
export const STATE_TYPES: readonly StateType[] = Object.values(StateType);

/** The state names each type may carry; the first is the default name. */
export const STATE_NAMES = {
  SCHEDULED: ["Scheduled", "Late", "AwaitingRetry", "AwaitingConcurrencySlot"],
  PENDING: ["Pending", "InfrastructurePending"],
  RUNNING: ["Running", "Retrying"],
  PAUSED: ["Paused", "Suspended"],
  CANCELLING: ["Cancelling"],
  COMPLETED: ["Completed", "Cached"],
  FAILED: ["Failed", "TimedOut"],
  CRASHED: ["Crashed"],
  CANCELLED: ["Cancelled"],
} as const satisfies Record<StateType, readonly string[]>;

/** A state name, such as `Completed`, `Cached` or `AwaitingRetry`. */
export type StateName = (typeof STATE_NAMES)[StateType][number];

const TERMINAL: ReadonlySet<StateType> = new Set<StateType>([
  StateType.COMPLETED,
  StateType.FAILED,
  StateType.CRASHED,
  StateType.CANCELLED,
]);

/** True for the types a run never leaves on its own: COMPLETED, FAILED, CRASHED, CANCELLED. */
export function isTerminalType(type: StateType): boolean {
  return TERMINAL.has(type);
}

/** The default name of a state type (`COMPLETED` → `Completed`). */
export function defaultStateName(type: StateType): StateName {
  return STATE_NAMES[type][0];
}

const TYPE_OF_NAME = new Map<string, StateType>(
  (Object.entries(STATE_NAMES) as [StateType, readonly string[]][]).flatMap(([type, names]) =>
    names.map((name) => [name.toLowerCase(), type] as const),
  ),
);

/** The type a state name belongs to, case-insensitively; `undefined` for an unknown name. */
export function stateTypeOfName(name: string): StateType | undefined {
  return TYPE_OF_NAME.get(name.toLowerCase());
}

/** True when `value` is one of the state types. */
export function isStateType(value: unknown): value is StateType {
  return typeof value === "string" && value in StateType;
}
