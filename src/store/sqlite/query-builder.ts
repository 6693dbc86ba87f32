/**
 * Kysely as a query builder only: queries are compiled to SQL text and run synchronously
 * through better-sqlite3, so a write transaction never awaits.
 *
 * Statements that run often are compiled once with named parameters ({@link param}) and
 * bound by name or position afterwards.
 *
 * @module
 */
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
} from "kysely";
import type { Database } from "../database.js";

/** A Kysely instance that compiles SQLite queries and never connects anywhere. */
export function createQueryBuilder(): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new SqliteAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (db) => new SqliteIntrospector(db),
      createQueryCompiler: () => new SqliteQueryCompiler(),
    },
  });
}

const MARK = "\u0000ordo-param:";

/**
 * A named parameter placeholder, for queries compiled once by {@link compileNamed}.
 * (It is a marker value that stands for the column's type at compile time.)
 */
export function param<T>(name: string): T {
  return `${MARK}${name}` as unknown as T;
}

/** A query compiled once: its SQL text and the names of its parameters, in order. */
export interface NamedQuery {
  readonly sql: string;
  readonly names: readonly string[];
}

/** Compiles a query built with {@link param} placeholders only. */
export function compileNamed(query: Compilable): NamedQuery {
  const compiled = query.compile();
  const names = compiled.parameters.map((value) => {
    if (typeof value !== "string" || !value.startsWith(MARK)) {
      throw new Error(
        `compileNamed: parameter ${String(value)} is not a param() placeholder in ${compiled.sql}`,
      );
    }
    return value.slice(MARK.length);
  });
  return { sql: compiled.sql, names };
}
