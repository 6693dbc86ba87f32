/**
 * JSON columns as the drivers return them: text on SQLite (JSON stored as TEXT), the
 * parsed value on PostgreSQL (JSONB, parsed by `pg`). Every JSON column of the store holds
 * an object or an array, never a bare string, so text always means "not parsed yet".
 *
 * @module
 */

/**
 * The value of a JSON column: parsed from text, or as the driver already parsed it.
 *
 * @example
 * ```ts
 * fromJsonColumn<string[]>('["a"]'); // ["a"] (SQLite)
 * fromJsonColumn<string[]>(["a"]); // ["a"] (PostgreSQL)
 * ```
 */
export function fromJsonColumn<T>(value: unknown): T {
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
