/**
 * Builds a values object whose every column is a {@link param} placeholder of the same
 * name, for queries compiled once.
 *
 * @module
 */
import { param } from "./query-builder.js";

/** `{ col: param("col"), … }` for the given columns. */
export function paramsFor<Row>(columns: readonly (keyof Row & string)[]): Row {
  return Object.fromEntries(columns.map((column) => [column, param(column)])) as Row;
}
