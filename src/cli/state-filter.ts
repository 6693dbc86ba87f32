/**
 * `--state S` for list commands: state types (`COMPLETED`) and state names
 * (`Completed`, `cached`, `AwaitingRetry`), repeatable and comma-separated.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import {
  STATE_NAMES,
  STATE_TYPES,
  isStateType,
  stateTypeOfName,
  type StateName,
  type StateType,
} from "../states/state-type.js";

/** Which states a list shows. */
export interface StateSelection {
  /** The state types that may match. */
  readonly types: readonly StateType[];
  /** When only some names of those types match: the names; `undefined` means every name of `types`. */
  readonly names: readonly StateName[] | undefined;
}

function canonicalName(token: string): StateName | undefined {
  const type = stateTypeOfName(token);
  if (type === undefined) return undefined;
  return STATE_NAMES[type].find((name) => name.toLowerCase() === token.toLowerCase());
}

/**
 * Parses `--state` values. A token in upper case that is a state type (`FAILED`) selects
 * every state of that type (Failed and TimedOut); any other token is a state name,
 * case-insensitively (`failed` selects only Failed). Returns `undefined` when no values
 * were given; throws `ORDO_INVALID_INPUT` for an unknown token.
 *
 * @example
 * ```ts
 * parseStateSelection(["COMPLETED"]);      // { types: ["COMPLETED"], names: undefined }
 * parseStateSelection(["failed,crashed"]); // { types: ["FAILED", "CRASHED"], names: ["Failed", "Crashed"] }
 * ```
 */
export function parseStateSelection(values: readonly string[]): StateSelection | undefined {
  const tokens = values
    .flatMap((v) => v.split(","))
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (tokens.length === 0) return undefined;
  const types = new Set<StateType>();
  const names = new Set<StateName>();
  let allTypes = true;
  for (const token of tokens) {
    if (token === token.toUpperCase() && isStateType(token)) {
      types.add(token);
      for (const name of STATE_NAMES[token]) names.add(name);
      continue;
    }
    const name = canonicalName(token);
    if (name === undefined) {
      const valid = [...STATE_TYPES, ...STATE_TYPES.flatMap((t) => STATE_NAMES[t])].join(", ");
      throw new OrdoError(
        "ORDO_INVALID_INPUT",
        `unknown state "${token}": use a state type or name (${valid})`,
        {
          state: token,
        },
      );
    }
    allTypes = false;
    names.add(name);
    types.add(stateTypeOfName(name) as StateType);
  }
  return { types: [...types], names: allTypes ? undefined : [...names] };
}
