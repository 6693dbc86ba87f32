/**
 * States as columns: a run row's `state_*` columns and a state-history row's columns.
 *
 * @module
 */
import type { ErrorInfo, StateData, StateName, StateType } from "../../states/index.js";
import { fromJsonColumn } from "./json-column.js";
import type { StateColumns, StateRowColumns } from "../database.js";

/** JSON text of an error, or null. */
export function errorToJson(error: ErrorInfo | undefined): string | null {
  return error === undefined ? null : JSON.stringify(error);
}

/** The error stored as JSON (text on SQLite, parsed JSONB on PostgreSQL), or undefined. */
export function errorFromJson(value: string | null): ErrorInfo | undefined {
  return value === null ? undefined : fromJsonColumn<ErrorInfo>(value);
}

/** A run row's state columns for `state`. */
export function stateToColumns(state: StateData): StateColumns {
  return {
    state_type: state.type,
    state_name: state.name,
    state_timestamp: state.timestamp,
    state_message: state.message ?? null,
    state_scheduled_time: state.scheduledTime ?? null,
    state_error: errorToJson(state.error),
  };
}

type MutableState = { -readonly [K in keyof StateData]: StateData[K] };

function state(
  type: string,
  name: string,
  timestamp: number,
  message: string | null,
  scheduledTime: number | null,
  error: string | null,
): StateData {
  // Only the keys that have values, so states compare and print cleanly.
  const data: MutableState = { type: type as StateType, name: name as StateName, timestamp };
  if (message !== null) data.message = message;
  if (scheduledTime !== null) data.scheduledTime = scheduledTime;
  if (error !== null) data.error = errorFromJson(error);
  return data;
}

/** The current state kept in a run row's state columns. */
export function stateFromColumns(row: StateColumns): StateData {
  return state(
    row.state_type,
    row.state_name,
    row.state_timestamp,
    row.state_message,
    row.state_scheduled_time,
    row.state_error,
  );
}

/** The columns of a state-history row for `state`. */
export function stateToRow(state: StateData): StateRowColumns {
  return {
    type: state.type,
    name: state.name,
    timestamp: state.timestamp,
    message: state.message ?? null,
    scheduled_time: state.scheduledTime ?? null,
    error: errorToJson(state.error),
  };
}

/** The state kept in a state-history row. */
export function stateFromRow(row: StateRowColumns): StateData {
  return state(row.type, row.name, row.timestamp, row.message, row.scheduled_time, row.error);
}
