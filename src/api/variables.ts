/**
 * Variables: named JSON values, validated here (names, size) before they are stored.
 *
 * @module
 */
import {
  VariableFilterSchema,
  VariableNameSchema,
  VariableSetSchema,
  type Variable,
  type VariableFilter,
  type VariableSet,
} from "../schemas/index.js";
import type { Store } from "../store/index.js";
import { notFound, parseInput } from "./errors.js";

/**
 * Creates or replaces a variable. Throws `ORDO_INVALID_INPUT` for a bad name or a value
 * over the size limit.
 *
 * @example
 * ```ts
 * await setVariable(store, { name: "batch_size", value: 500 });
 * ```
 */
export async function setVariable(store: Store, input: VariableSet): Promise<Variable> {
  const { name, value, tags } = parseInput(VariableSetSchema, input, "variable");
  return store.records.variables.set({ name, value, tags, now: Date.now() });
}

/** The variable named `name`; throws `ORDO_NOT_FOUND` when there is none. */
export async function readVariable(store: Store, name: string): Promise<Variable> {
  const variable = await store.records.variables.get(parseInput(VariableNameSchema, name, "variable name"));
  if (variable === undefined) throw notFound("variable", name);
  return variable;
}

/** Variables, by name. */
export async function readVariables(store: Store, filter: VariableFilter = {}): Promise<Variable[]> {
  return store.records.variables.list(parseInput(VariableFilterSchema, filter, "variable filter"));
}

/** Deletes a variable; throws `ORDO_NOT_FOUND` when there is none. */
export async function deleteVariable(store: Store, name: string): Promise<void> {
  if (!(await store.records.variables.delete(parseInput(VariableNameSchema, name, "variable name")))) {
    throw notFound("variable", name);
  }
}
