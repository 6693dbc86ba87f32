/**
 * A schema migration: numbered, forward-only, its SQLite and PostgreSQL text side by side.
 *
 * @module
 */

/** One forward-only migration. Both texts create the same tables and indexes. */
export interface Migration {
  /** The migration's number: 1, 2, 3, … applied in order, never reused. */
  readonly version: number;
  /** A short kebab-case name, e.g. `init`. */
  readonly name: string;
  /** The SQLite statements, separated by semicolons. */
  readonly sqlite: string;
  /** The PostgreSQL statements, separated by semicolons. */
  readonly postgres: string;
}
