/**
 * A table artifact's data as header + rows, whatever shape the SDK stored
 * (`createTableArtifact`): a list of row objects, a list of row arrays, or columns (an
 * object of arrays).
 *
 * @module
 */

/** A table ready to draw: one header per column, each row as wide as the header. */
export interface TableData {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fromRowObjects(rows: readonly Record<string, unknown>[]): TableData {
  // Every key of every row, in the order first seen: a row may lack or add a column.
  const seen = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key);
  const columns = [...seen];
  return { columns, rows: rows.map((row) => columns.map((column) => row[column])) };
}

function fromRowArrays(rows: readonly (readonly unknown[])[]): TableData {
  // No header in the data: columns are numbered from 1.
  const width = rows.reduce((most, row) => Math.max(most, row.length), 0);
  const columns = Array.from({ length: width }, (_, index) => String(index + 1));
  return { columns, rows: rows.map((row) => columns.map((_, index) => row[index])) };
}

function fromColumns(table: Record<string, unknown>): TableData | undefined {
  const columns = Object.keys(table);
  const values = columns.map((column) => table[column]);
  if (columns.length === 0 || !values.every(Array.isArray)) return undefined;
  const arrays = values as unknown[][];
  const height = arrays.reduce((most, column) => Math.max(most, column.length), 0);
  const rows = Array.from({ length: height }, (_, index) => arrays.map((column) => column[index]));
  return { columns, rows };
}

/**
 * `data` as a table, or `undefined` when it has none of the table shapes (the UI then
 * shows the JSON). An empty list is a table with no columns and no rows.
 *
 * @example
 * ```ts
 * normaliseTable([{ table: "users", rows: 12 }]);
 * // { columns: ["table", "rows"], rows: [["users", 12]] }
 * normaliseTable({ table: ["users"], rows: [12] }); // the same table, by columns
 * ```
 */
export function normaliseTable(data: unknown): TableData | undefined {
  if (Array.isArray(data)) {
    const rows: readonly unknown[] = data;
    if (rows.every(isPlainObject)) return fromRowObjects(rows);
    if (rows.every(Array.isArray)) return fromRowArrays(rows as unknown[][]);
    return undefined;
  }
  return isPlainObject(data) ? fromColumns(data) : undefined;
}

/**
 * One cell as text: strings as they are, numbers and booleans printed, `null` as
 * "null", a missing cell as "", objects and arrays as compact JSON.
 */
export function formatCell(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  // Functions, symbols and the like have no JSON form.
  const json: string | undefined = JSON.stringify(value);
  return json ?? "";
}

/** The rows drawn at most; a note says how many more the table has. */
export const MAX_TABLE_ROWS = 500;
