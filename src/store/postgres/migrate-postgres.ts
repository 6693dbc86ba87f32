/**
 * Applying migrations to a PostgreSQL database: the `postgres` text of each pending
 * migration, in order, each in its own transaction, recorded in `ordo_migrations`, all
 * under one session-level advisory lock so servers starting together on a fresh database
 * apply each migration exactly once.
 *
 * @module
 */
import type pg from "pg";
import type { Migration } from "../migration.js";
import { MIGRATIONS } from "../migrations/index.js";
import { toOrdoError } from "./pg-errors.js";

/**
 * The advisory-lock key of migrations: a fixed 64-bit constant ("OrdoMigr" in ASCII),
 * which every Ordo server uses and nothing else should.
 */
export const MIGRATION_LOCK_KEY = "5724748505544222578";

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS ordo_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

async function appliedVersions(client: pg.PoolClient): Promise<Set<number>> {
  const table = await client.query<{ name: string | null }>(
    "SELECT to_regclass('ordo_migrations')::text AS name",
  );
  if (table.rows[0]?.name == null) return new Set();
  const rows = await client.query<{ version: number }>("SELECT version FROM ordo_migrations");
  return new Set(rows.rows.map((row) => row.version));
}

async function pending(client: pg.PoolClient, migrations: readonly Migration[]): Promise<Migration[]> {
  const applied = await appliedVersions(client);
  return [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
}

async function apply(client: pg.PoolClient, migration: Migration): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query(migration.postgres);
    await client.query("INSERT INTO ordo_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
      migration.version,
      migration.name,
      Date.now(),
    ]);
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}

/**
 * Applies the migrations the database lacks and returns the versions applied (none when
 * it is up to date, which is checked before taking the lock).
 *
 * @example
 * ```ts
 * const applied = await migratePostgres(pool); // [1] on a fresh database, then []
 * ```
 */
export async function migratePostgres(
  pool: pg.Pool,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw toOrdoError(error, "migration");
  }
  let locked = false;
  try {
    if ((await pending(client, migrations)).length === 0) return [];
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    locked = true;
    await client.query(CREATE_MIGRATIONS_TABLE);
    const todo = await pending(client, migrations);
    for (const migration of todo) await apply(client, migration);
    return todo.map((migration) => migration.version);
  } catch (error) {
    throw toOrdoError(error, "migration");
  } finally {
    // A connection that cannot unlock is closed, which releases the lock too.
    let broken = false;
    if (locked) {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK_KEY})`).catch(() => (broken = true));
    }
    client.release(broken);
  }
}
