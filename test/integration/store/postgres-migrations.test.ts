import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { MIGRATIONS, openSqliteStore } from "../../../src/store/index.js";
import { openPostgresStore } from "../../../src/store/postgres/index.js";
import { postgresServer, useFreshDatabases } from "../../helpers/postgres.js";

const server = postgresServer();
const freshDatabase = useFreshDatabases();
const root = mkdtempSync(join(tmpdir(), "ordo-lockstep-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Tables → sorted column names, and the sorted names of the indexes made by migrations. */
interface Schema {
  readonly tables: Record<string, string[]>;
  readonly indexes: string[];
}

async function sqliteSchema(): Promise<Schema> {
  const path = join(root, "lockstep.db");
  await (await openSqliteStore({ path })).close();
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const names = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      .all() as { name: string }[];
    const tables = Object.fromEntries(
      names.map(({ name }) => [
        name,
        (db.prepare("SELECT name FROM pragma_table_info(?)").all(name) as { name: string }[])
          .map((c) => c.name)
          .sort(),
      ]),
    );
    // Indexes a migration created (automatic ones, e.g. of a TEXT primary key, have no SQL).
    const indexes = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
      .all() as { name: string }[];
    return { tables, indexes: indexes.map((i) => i.name).sort() };
  } finally {
    db.close();
  }
}

async function postgresSchema(url: string): Promise<Schema> {
  await (await openPostgresStore({ url })).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const columns = await client.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, column_name`,
    );
    const tables: Record<string, string[]> = {};
    for (const row of columns.rows) (tables[row.table_name] ??= []).push(row.column_name);
    for (const list of Object.values(tables)) list.sort();
    // Indexes a migration created (not those backing a primary key or other constraint).
    const indexes = await client.query<{ name: string }>(
      `SELECT i.relname AS name FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
       JOIN pg_namespace n ON n.oid = i.relnamespace
       WHERE n.nspname = current_schema()
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
    );
    return { tables, indexes: indexes.rows.map((r) => r.name).sort() };
  } finally {
    await client.end();
  }
}

describe("migrations", () => {
  it("number 1..n without gaps, each with SQLite and PostgreSQL text", () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const migration of MIGRATIONS) {
      expect(migration.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(migration.sqlite.trim()).not.toBe("");
      expect(migration.postgres.trim()).not.toBe("");
    }
  });

  it.skipIf(server === undefined)(
    "give SQLite and PostgreSQL the same tables, columns and indexes",
    async () => {
      const sqlite = await sqliteSchema();
      const postgres = await postgresSchema(await freshDatabase("lockstep"));
      expect(Object.keys(postgres.tables).sort()).toEqual(Object.keys(sqlite.tables).sort());
      for (const [table, columns] of Object.entries(sqlite.tables)) {
        expect(postgres.tables[table], `columns of ${table}`).toEqual(columns);
      }
      expect(postgres.indexes).toEqual(sqlite.indexes);
    },
  );
});

const MIGRATOR = fileURLToPath(new URL("./fixtures/postgres-migrator.ts", import.meta.url));

/** Starts a migrator process; resolves once it is ready, with its completion. */
async function startMigrator(url: string) {
  const child = spawn(process.execPath, ["--import", "tsx", MIGRATOR, url], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", () => {
      if (stdout.includes("ready\n")) resolve();
    });
    void done.then((r) => reject(new Error(`migrator exited before it was ready: ${r.stderr}`)));
  });
  return { go: () => child.stdin.end("go\n"), done };
}

describe.skipIf(server === undefined)("migrating PostgreSQL", () => {
  it("lets two processes migrate one fresh database at once, each migration applied once", async () => {
    const url = await freshDatabase("two-migrators");
    const children = await Promise.all([startMigrator(url), startMigrator(url)]);
    for (const child of children) child.go();
    const results = await Promise.all(children.map((c) => c.done));
    for (const result of results) {
      expect(result.stderr).toBe("");
      expect(result).toMatchObject({ code: 0, stdout: "ready\nopened\n" });
    }
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = await client.query("SELECT version, name FROM ordo_migrations ORDER BY version");
      expect(rows.rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    } finally {
      await client.end();
    }
  });
});
