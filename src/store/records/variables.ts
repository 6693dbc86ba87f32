/**
 * Variables in the database, for both SQLite and PostgreSQL.
 *
 * @module
 */
import { uuid7 } from "../../ids/uuid7.js";
import type { Variable } from "../../schemas/index.js";
import type { VariablesTable } from "../database.js";
import { readJson, type SqlExecutor } from "../sql-executor.js";
import { startsWith } from "./likes.js";

/** A variable to write, validated by `api/`. */
export interface VariableWrite {
  readonly name: string;
  readonly value: unknown;
  readonly tags?: readonly string[] | undefined;
  readonly now: number;
}

/** Which variables to list, defaults applied. */
export interface VariableQuery {
  readonly namePrefix?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

function fromRow(dialect: SqlExecutor["dialect"], row: VariablesTable): Variable {
  return {
    id: row.id,
    name: row.name,
    value: readJson(dialect, row.value),
    tags: readJson<string[]>(dialect, row.tags),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Reads and writes variables. */
export class VariableRecords {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /** Creates the variable, or replaces its value (and tags, when given). */
  async set(input: VariableWrite): Promise<Variable> {
    const { qb } = this.#sql;
    const value = JSON.stringify(input.value);
    const tags = JSON.stringify(input.tags ?? []);
    const insert = qb
      .insertInto("variables")
      .values({ id: uuid7(), name: input.name, value, tags, created_at: input.now, updated_at: input.now })
      .onConflict((oc) =>
        oc
          .column("name")
          .doUpdateSet(
            input.tags === undefined
              ? { value, updated_at: input.now }
              : { value, tags, updated_at: input.now },
          ),
      );
    await this.#sql.write([insert]);
    const stored = await this.get(input.name);
    if (stored === undefined) throw new Error(`variable ${input.name} vanished after it was written`);
    return stored;
  }

  /** The variable named `name`, or undefined. */
  async get(name: string): Promise<Variable | undefined> {
    const rows = await this.#sql.all(
      this.#sql.qb.selectFrom("variables").selectAll().where("name", "=", name),
    );
    const row = rows[0];
    return row === undefined ? undefined : fromRow(this.#sql.dialect, row);
  }

  /** Variables by name. */
  async list(query: VariableQuery): Promise<Variable[]> {
    let select = this.#sql.qb
      .selectFrom("variables")
      .selectAll()
      .orderBy("name")
      .limit(query.limit)
      .offset(query.offset);
    if (query.namePrefix !== undefined && query.namePrefix !== "") {
      select = select.where(startsWith("name", query.namePrefix));
    }
    const rows = await this.#sql.all(select);
    return rows.map((row) => fromRow(this.#sql.dialect, row));
  }

  /** Deletes the variable; false when there was none. */
  async delete(name: string): Promise<boolean> {
    const [changed] = await this.#sql.write([this.#sql.qb.deleteFrom("variables").where("name", "=", name)]);
    return (changed ?? 0) > 0;
  }
}
