/**
 * Applying migrations to a SQLite database: in order, inside one write transaction (so
 * processes opening the same file at once apply each migration exactly once), recorded in
 * `ordo_migrations`.
 *
 * @module
 */
import type BetterSqlite3 from "better-sqlite3";
import type { Migration } from "../migration.js";
import { retryWhileBusy } from "./busy-retry.js";
import { MIGRATIONS } from "../migrations/index.js";
import { createQueryBuilder } from "./query-builder.js";
import type { WriteTransactions } from "./write-transaction.js";

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS ordo_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
)`;

function appliedVersions(db: BetterSqlite3.Database): Set<number> {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'ordo_migrations'")
    .get();
  if (table === undefined) return new Set();
  const rows = db.prepare("SELECT version FROM ordo_migrations").all() as { version: number }[];
  return new Set(rows.map((row) => row.version));
}

function pending(db: BetterSqlite3.Database, migrations: readonly Migration[]): Migration[] {
  const applied = appliedVersions(db);
  return [...migrations].sort((a, b) => a.version - b.version).filter((m) => !applied.has(m.version));
}

/**
 * Applies the migrations the database lacks; returns the versions applied (none when it
 * is up to date, which is checked without taking the write lock).
 */
export async function migrateSqlite(
  db: BetterSqlite3.Database,
  transactions: WriteTransactions,
  lockTimeoutMs: number,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<number[]> {
  const todo = await retryWhileBusy(() => pending(db, migrations), {
    timeoutMs: lockTimeoutMs,
    operation: "migration check",
  });
  if (todo.length === 0) return [];
  const qb = createQueryBuilder();
  return transactions.run("migration", () => {
    db.exec(CREATE_MIGRATIONS_TABLE);
    const todo = pending(db, migrations);
    for (const migration of todo) {
      db.exec(migration.sqlite);
      const insert = qb
        .insertInto("ordo_migrations")
        .values({ version: migration.version, name: migration.name, applied_at: Date.now() })
        .compile();
      db.prepare(insert.sql).run(...insert.parameters);
    }
    return todo.map((migration) => migration.version);
  });
}
