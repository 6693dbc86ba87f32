/**
 * Artifacts in the database, for both SQLite and PostgreSQL. Each create is a new row;
 * the newest row of a key is the key's latest version.
 *
 * @module
 */
import { sql } from "kysely";
import { uuid7 } from "../../ids/uuid7.js";
import type { Artifact, ArtifactType } from "../../schemas/index.js";
import type { ArtifactsTable } from "../database.js";
import { readJson, type SqlExecutor } from "../sql-executor.js";

/** An artifact to insert, validated by `api/`. */
export interface ArtifactInsert {
  readonly id?: string | undefined;
  readonly key?: string | undefined;
  readonly type: ArtifactType;
  readonly description?: string | undefined;
  readonly data: unknown;
  readonly flowRunId?: string | undefined;
  readonly taskRunId?: string | undefined;
  readonly now: number;
}

/** Which artifacts to list, defaults applied. */
export interface ArtifactQuery {
  readonly key?: string | undefined;
  readonly flowRunId?: string | undefined;
  readonly taskRunId?: string | undefined;
  readonly type?: ArtifactType | undefined;
  readonly latestOnly: boolean;
  readonly limit: number;
  readonly offset: number;
}

function fromRow(dialect: SqlExecutor["dialect"], row: ArtifactsTable): Artifact {
  return {
    id: row.id,
    key: row.key ?? undefined,
    type: row.type as ArtifactType,
    description: row.description ?? undefined,
    data: readJson(dialect, row.data),
    flowRunId: row.flow_run_id ?? undefined,
    taskRunId: row.task_run_id ?? undefined,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Reads and writes artifacts. */
export class ArtifactRecords {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /** Inserts an artifact; a given id that exists returns that artifact unchanged. */
  async create(input: ArtifactInsert): Promise<Artifact> {
    const id = input.id ?? uuid7();
    const insert = this.#sql.qb
      .insertInto("artifacts")
      .values({
        id,
        key: input.key ?? null,
        type: input.type,
        description: input.description ?? null,
        data: JSON.stringify(input.data),
        flow_run_id: input.flowRunId ?? null,
        task_run_id: input.taskRunId ?? null,
        created_at: input.now,
        updated_at: input.now,
      })
      .onConflict((oc) => oc.column("id").doNothing());
    await this.#sql.write([insert]);
    const stored = await this.read(id);
    if (stored === undefined) throw new Error(`artifact ${id} vanished after it was written`);
    return stored;
  }

  /** Replaces an artifact's data (and description, when given); false for an unknown id. */
  async update(id: string, data: unknown, description: string | undefined, now: number): Promise<boolean> {
    const set =
      description === undefined
        ? { data: JSON.stringify(data), updated_at: now }
        : { data: JSON.stringify(data), description, updated_at: now };
    const [changed] = await this.#sql.write([
      this.#sql.qb.updateTable("artifacts").set(set).where("id", "=", id),
    ]);
    return (changed ?? 0) > 0;
  }

  /** One artifact, or undefined. */
  async read(id: string): Promise<Artifact | undefined> {
    const rows = await this.#sql.all(this.#sql.qb.selectFrom("artifacts").selectAll().where("id", "=", id));
    const row = rows[0];
    return row === undefined ? undefined : fromRow(this.#sql.dialect, row);
  }

  /** Artifacts, newest first. */
  async list(query: ArtifactQuery): Promise<Artifact[]> {
    let select = this.#sql.qb.selectFrom("artifacts as a").selectAll("a");
    if (query.key !== undefined) select = select.where("a.key", "=", query.key);
    if (query.flowRunId !== undefined) select = select.where("a.flow_run_id", "=", query.flowRunId);
    if (query.taskRunId !== undefined) select = select.where("a.task_run_id", "=", query.taskRunId);
    if (query.type !== undefined) select = select.where("a.type", "=", query.type);
    if (query.latestOnly) {
      // No newer version of the same key.
      select = select.where((eb) =>
        eb.or([
          eb("a.key", "is", null),
          eb.not(
            eb.exists(
              eb
                .selectFrom("artifacts as b")
                .select(sql.lit(1).as("one"))
                .whereRef("b.key", "=", "a.key")
                .where((inner) =>
                  inner.or([
                    inner("b.created_at", ">", sql.ref<number>("a.created_at")),
                    inner.and([
                      inner("b.created_at", "=", sql.ref<number>("a.created_at")),
                      inner("b.id", ">", sql.ref<string>("a.id")),
                    ]),
                  ]),
                ),
            ),
          ),
        ]),
      );
    }
    const rows = await this.#sql.all(
      select.orderBy("a.created_at", "desc").orderBy("a.id", "desc").limit(query.limit).offset(query.offset),
    );
    return rows.map((row) => fromRow(this.#sql.dialect, row));
  }
}
