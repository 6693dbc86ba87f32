/**
 * `SqlExecutor`: how code shared by both databases runs a query. Queries are built with
 * the executor's Kysely instance (it compiles the right SQL dialect) and run through it:
 * synchronously inside a retried write transaction on SQLite, on the pool on PostgreSQL.
 *
 * Used by the records that are not on the engine's hot path (variables, artifacts,
 * events), so one implementation serves both databases.
 *
 * @module
 */
import type { Compilable, Kysely } from "kysely";
import type { Database } from "./database.js";

/** Runs queries built with {@link SqlExecutor.qb}. */
export interface SqlExecutor {
  readonly dialect: "sqlite" | "postgres";
  /** Builds queries (on SQLite it only compiles; run them through this executor). */
  readonly qb: Kysely<Database>;
  /** The rows of a reading query. */
  all<R>(query: Compilable<R>): Promise<R[]>;
  /** Runs writing queries in one transaction; returns the rows changed by each. */
  write(queries: readonly Compilable[]): Promise<number[]>;
}

/**
 * A JSON column's value as read: SQLite returns the JSON text, PostgreSQL's JSONB comes
 * back parsed. Unlike `fromJsonColumn` (rows/json-column.ts), which guesses from the
 * value's type, this asks the dialect: a JSONB string value (a variable set to "abc")
 * arrives as a plain string that must not be parsed again.
 */
export function readJson<T>(dialect: SqlExecutor["dialect"], value: unknown): T {
  return (dialect === "sqlite" ? JSON.parse(value as string) : value) as T;
}
