/**
 * Runs compiled SQL synchronously through better-sqlite3, with a bounded cache of
 * prepared statements keyed by SQL text.
 *
 * @module
 */
import type BetterSqlite3 from "better-sqlite3";
import type { CompiledQuery } from "kysely";
import type { BindValue } from "../rows/bind-value.js";
import type { NamedQuery } from "./query-builder.js";

const MAX_CACHED_STATEMENTS = 256;

/** A statement compiled once with named parameters, bound from a record of values. */
export interface NamedStatement {
  /** Rows of a reading statement. */
  all<R>(values: Readonly<Record<string, BindValue>>): R[];
  /** The first row of a reading statement, or undefined. */
  get<R>(values: Readonly<Record<string, BindValue>>): R | undefined;
  /** Runs a writing statement; returns the number of rows changed. */
  run(values: Readonly<Record<string, BindValue>>): number;
}

/** Prepares, caches and runs statements on one connection. */
export class SqlRunner {
  readonly #db: BetterSqlite3.Database;
  readonly #cache = new Map<string, BetterSqlite3.Statement>();

  constructor(db: BetterSqlite3.Database) {
    this.#db = db;
  }

  /** The prepared statement for `sql`, from the cache when it is there. */
  statement(sql: string): BetterSqlite3.Statement {
    let statement = this.#cache.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      if (this.#cache.size >= MAX_CACHED_STATEMENTS) {
        const oldest = this.#cache.keys().next();
        if (oldest.done !== true) this.#cache.delete(oldest.value);
      }
      this.#cache.set(sql, statement);
    }
    return statement;
  }

  /** The rows of a compiled query. */
  all<R>(query: CompiledQuery<R>): R[] {
    return this.statement(query.sql).all(...query.parameters) as R[];
  }

  /** The first row of a compiled query, or undefined. */
  get<R>(query: CompiledQuery<R>): R | undefined {
    return this.statement(query.sql).get(...query.parameters) as R | undefined;
  }

  /** Runs a compiled writing query; returns the number of rows changed. */
  run(query: CompiledQuery): number {
    return this.statement(query.sql).run(...query.parameters).changes;
  }

  /** A statement compiled once with named parameters. */
  named(query: NamedQuery): NamedStatement {
    const statement = this.#db.prepare(query.sql);
    const names = query.names;
    const bind = (values: Readonly<Record<string, BindValue>>): BindValue[] =>
      names.map((name) => {
        const value = values[name];
        if (value === undefined) throw new Error(`missing SQL parameter ${name} for ${query.sql}`);
        return value;
      });
    return {
      all: <R>(values: Readonly<Record<string, BindValue>>) => statement.all(bind(values)) as R[],
      get: <R>(values: Readonly<Record<string, BindValue>>) => statement.get(bind(values)) as R | undefined,
      run: (values) => statement.run(bind(values)).changes,
    };
  }
}
