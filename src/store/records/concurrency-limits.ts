/**
 * Concurrency limits and their slot leases, for both SQLite and PostgreSQL.
 *
 * Slots in use by a limit = the slots of its live leases (`expires_at > now`) plus its
 * decaying rate-limit slots, `max(0, decaying_slots − (now − decayed_at) × decay)`. An
 * acquire takes a slot of every named limit or of none, in one transaction: on
 * PostgreSQL the limit rows are first locked (`FOR UPDATE`, in name order, so two
 * acquires never deadlock), on SQLite the write transaction is already exclusive; then
 * one conditional statement writes every lease only when no named limit would overflow.
 *
 * @module
 */
import { sql, type Compilable, type RawBuilder } from "kysely";
import { uuid7 } from "../../ids/uuid7.js";
import type { ConcurrencyLimitsTable } from "../database.js";
import type { SqlExecutor } from "../sql-executor.js";
import { startsWith } from "./likes.js";

/** A stored limit with the slots in use at read time. */
export interface StoredConcurrencyLimit {
  readonly id: string;
  readonly name: string;
  readonly limit: number;
  readonly active: boolean;
  readonly slotDecayPerSecond: number;
  /** Live lease slots plus not yet decayed rate-limit slots. */
  readonly activeSlots: number;
  /** The holders of live leases, oldest first. */
  readonly holders: string[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** A limit to create. */
export interface ConcurrencyLimitWrite {
  readonly name: string;
  readonly limit: number;
  readonly active: boolean;
  readonly slotDecayPerSecond: number;
  readonly now: number;
}

/** Fields of a limit to change. */
export interface ConcurrencyLimitChange {
  readonly limit?: number | undefined;
  readonly active?: boolean | undefined;
  readonly slotDecayPerSecond?: number | undefined;
  readonly now: number;
}

/** An acquire, validated by `api/`. */
export interface SlotClaim {
  /** Stored names (`tag:<tag>` for tags). */
  readonly names: readonly string[];
  readonly holder: string;
  readonly slots: number;
  readonly mode: "lease" | "rate";
  readonly expiresAt: number;
  readonly now: number;
}

/** Decayed rate-limit slots of a row at `now`. */
function decayed(row: ConcurrencyLimitsTable, now: number): number {
  const elapsed = Math.max(0, now - Number(row.decayed_at)) / 1000;
  return Math.max(0, Number(row.decaying_slots) - elapsed * Number(row.slot_decay_per_second));
}

function raw(qb: SqlExecutor["qb"], query: RawBuilder<unknown>): Compilable {
  return { compile: () => query.compile(qb) };
}

/** Reads and writes concurrency limits and leases. */
export class ConcurrencyLimitRecords {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /** Creates the limit, or (with `replace`) sets the limit of the one that exists. False when it existed and `replace` was not asked. */
  async create(input: ConcurrencyLimitWrite, replace: boolean): Promise<boolean> {
    const insert = this.#sql.qb
      .insertInto("concurrency_limits")
      .values({
        id: uuid7(),
        name: input.name,
        slot_limit: input.limit,
        active: input.active ? 1 : 0,
        slot_decay_per_second: input.slotDecayPerSecond,
        decaying_slots: 0,
        decayed_at: input.now,
        created_at: input.now,
        updated_at: input.now,
      })
      .onConflict((oc) =>
        replace
          ? oc.column("name").doUpdateSet({ slot_limit: input.limit, updated_at: input.now })
          : oc.column("name").doNothing(),
      );
    const [changed] = await this.#sql.write([insert]);
    return (changed ?? 0) > 0;
  }

  /** Changes the given fields; false when there is no such limit. */
  async update(name: string, change: ConcurrencyLimitChange): Promise<boolean> {
    const rows = await this.#rows([name]);
    const row = rows[0];
    if (row === undefined) return false;
    // Fold the decay so far into the counter, so a new rate applies from now on.
    const update = this.#sql.qb
      .updateTable("concurrency_limits")
      .set({
        ...(change.limit === undefined ? {} : { slot_limit: change.limit }),
        ...(change.active === undefined ? {} : { active: change.active ? 1 : 0 }),
        ...(change.slotDecayPerSecond === undefined
          ? {}
          : {
              slot_decay_per_second: change.slotDecayPerSecond,
              decaying_slots: decayed(row, change.now),
              decayed_at: change.now,
            }),
        updated_at: change.now,
      })
      .where("name", "=", name);
    const [changed] = await this.#sql.write([update]);
    return (changed ?? 0) > 0;
  }

  /** The limit named `name` at `now`, or undefined. */
  async get(name: string, now: number): Promise<StoredConcurrencyLimit | undefined> {
    return (await this.getMany([name], now))[0];
  }

  /** The limits among `names` that exist, in name order. */
  async getMany(names: readonly string[], now: number): Promise<StoredConcurrencyLimit[]> {
    if (names.length === 0) return [];
    return this.#withSlots(await this.#rows(names), now);
  }

  /** Limits by name: those starting with `prefix`, or (with `exclude`) the others. */
  async list(
    query: { prefix: string; exclude: boolean; limit: number; offset: number },
    now: number,
  ): Promise<StoredConcurrencyLimit[]> {
    const match = startsWith("name", query.prefix);
    const select = this.#sql.qb
      .selectFrom("concurrency_limits")
      .selectAll()
      .where(query.exclude ? sql<boolean>`not (${match})` : match)
      .orderBy("name")
      .limit(query.limit)
      .offset(query.offset);
    return this.#withSlots(await this.#sql.all(select), now);
  }

  /** Deletes the limit and its leases; false when there was none. */
  async delete(name: string): Promise<boolean> {
    const { qb } = this.#sql;
    const [, changed] = await this.#sql.write([
      qb.deleteFrom("concurrency_leases").where("limit_name", "=", name),
      qb.deleteFrom("concurrency_limits").where("name", "=", name),
    ]);
    return (changed ?? 0) > 0;
  }

  /**
   * Takes `slots` of every active limit among `names`, or of none. Returns how many limits
   * it took slots of: 0 means none had room (or none exists; the caller tells which).
   */
  async acquire(claim: SlotClaim): Promise<number> {
    const { qb, dialect } = this.#sql;
    const names = sql.join(claim.names.map((name) => sql`${name}`));
    const now = sql`CAST(${claim.now} AS BIGINT)`;
    const slots = sql`CAST(${claim.slots} AS INTEGER)`;
    const greatest = dialect === "sqlite" ? sql.raw("max") : sql.raw("greatest");
    const noOverflow = sql`NOT EXISTS (
      SELECT 1 FROM concurrency_limits b
      WHERE b.name IN (${names}) AND b.active = 1
        AND (SELECT COALESCE(SUM(s.slots), 0) FROM concurrency_leases s
             WHERE s.limit_name = b.name AND s.expires_at > ${now})
          + ${greatest}(0, b.decaying_slots - (${now} - b.decayed_at) * b.slot_decay_per_second / 1000.0)
          + ${slots} > b.slot_limit)`;
    const queries: Compilable[] = [];
    if (dialect === "postgres") {
      queries.push(
        qb
          .selectFrom("concurrency_limits")
          .select("name")
          .where("name", "in", claim.names)
          .orderBy("name")
          .forUpdate(),
      );
    }
    if (claim.mode === "lease") {
      // A holder has at most one lease per limit: a new acquire replaces the old one.
      queries.push(
        qb
          .deleteFrom("concurrency_leases")
          .where("holder", "=", claim.holder)
          .where("limit_name", "in", claim.names),
      );
      queries.push(
        raw(
          qb,
          sql`INSERT INTO concurrency_leases (limit_name, holder, slots, expires_at, created_at)
            SELECT l.name, CAST(${claim.holder} AS TEXT), ${slots}, CAST(${claim.expiresAt} AS BIGINT), ${now}
            FROM concurrency_limits l
            WHERE l.name IN (${names}) AND l.active = 1 AND ${noOverflow}`,
        ),
      );
    } else {
      queries.push(
        raw(
          qb,
          sql`UPDATE concurrency_limits
            SET decaying_slots = ${greatest}(0, decaying_slots - (${now} - decayed_at) * slot_decay_per_second / 1000.0) + ${slots},
                decayed_at = ${now}
            WHERE name IN (${names}) AND active = 1 AND ${noOverflow}`,
        ),
      );
    }
    const changed = await this.#sql.write(queries);
    return changed[changed.length - 1] ?? 0;
  }

  /** Extends every live lease of `holder` to `expiresAt`; returns how many. */
  async renew(holder: string, expiresAt: number, now: number): Promise<number> {
    const [changed] = await this.#sql.write([
      this.#sql.qb
        .updateTable("concurrency_leases")
        .set({ expires_at: expiresAt })
        .where("holder", "=", holder)
        .where("expires_at", ">", now),
    ]);
    return changed ?? 0;
  }

  /** Deletes every lease of `holder`; returns how many. */
  async release(holder: string): Promise<number> {
    const [changed] = await this.#sql.write([
      this.#sql.qb.deleteFrom("concurrency_leases").where("holder", "=", holder),
    ]);
    return changed ?? 0;
  }

  /** Deletes the leases expired at `now`; returns how many. */
  async reclaimExpired(now: number): Promise<number> {
    const [changed] = await this.#sql.write([
      this.#sql.qb.deleteFrom("concurrency_leases").where("expires_at", "<=", now),
    ]);
    return changed ?? 0;
  }

  async #rows(names: readonly string[]): Promise<ConcurrencyLimitsTable[]> {
    return this.#sql.all(
      this.#sql.qb
        .selectFrom("concurrency_limits")
        .selectAll()
        .where("name", "in", [...names])
        .orderBy("name"),
    );
  }

  async #withSlots(rows: readonly ConcurrencyLimitsTable[], now: number): Promise<StoredConcurrencyLimit[]> {
    if (rows.length === 0) return [];
    const leases = await this.#sql.all(
      this.#sql.qb
        .selectFrom("concurrency_leases")
        .select(["limit_name", "holder", "slots"])
        .where(
          "limit_name",
          "in",
          rows.map((row) => row.name),
        )
        .where("expires_at", ">", now)
        .orderBy("created_at"),
    );
    return rows.map((row) => {
      const own = leases.filter((lease) => lease.limit_name === row.name);
      const held = own.reduce((sum, lease) => sum + Number(lease.slots), 0);
      return {
        id: row.id,
        name: row.name,
        limit: Number(row.slot_limit),
        active: Number(row.active) === 1,
        slotDecayPerSecond: Number(row.slot_decay_per_second),
        activeSlots: held + decayed(row, now),
        holders: own.map((lease) => lease.holder),
        createdAt: Number(row.created_at),
        updatedAt: Number(row.updated_at),
      };
    });
  }
}
