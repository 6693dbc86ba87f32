/**
 * The databases a service-layer suite runs on: SQLite in a temp folder, and PostgreSQL
 * when a test server is available (a fresh database per store).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { postgresServer, useFreshDatabases } from "./postgres.js";

/** A named way to open a fresh store. */
export type StoreBackend = [name: string, open: () => Promise<Store>];

/** Fresh-store openers for `describe.each`: SQLite, and PostgreSQL when available. Call at module level. */
export function storeBackends(prefix: string): StoreBackend[] {
  const dir = mkdtempSync(join(tmpdir(), `ordo-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const freshDatabase = useFreshDatabases();
  const backends: StoreBackend[] = [
    ["sqlite", () => openStore({ sqlitePath: join(dir, `${prefix}-${Math.random()}.db`) })],
  ];
  if (postgresServer() !== undefined) {
    backends.push([
      "postgres",
      async () => openStore({ databaseUrl: await freshDatabase(prefix), sqlitePath: "" }),
    ]);
  }
  return backends;
}

/** Opens a store, runs `body` with it, and closes it. */
export async function withStore(
  open: () => Promise<Store>,
  body: (store: Store) => Promise<void>,
): Promise<void> {
  const store = await open();
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/** A named way to open two stores on one fresh database (two servers sharing it). */
export type StorePairBackend = [name: string, open: () => Promise<[Store, Store]>];

/** Fresh two-store openers for `describe.each`: SQLite, and PostgreSQL when available. Call at module level. */
export function storePairBackends(prefix: string): StorePairBackend[] {
  const dir = mkdtempSync(join(tmpdir(), `ordo-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const freshDatabase = useFreshDatabases();
  const backends: StorePairBackend[] = [
    [
      "sqlite",
      async () => {
        const path = join(dir, `${prefix}-${Math.random()}.db`);
        return [await openStore({ sqlitePath: path }), await openStore({ sqlitePath: path })];
      },
    ],
  ];
  if (postgresServer() !== undefined) {
    backends.push([
      "postgres",
      async () => {
        const url = await freshDatabase(prefix);
        return [
          await openStore({ databaseUrl: url, sqlitePath: "" }),
          await openStore({ databaseUrl: url, sqlitePath: "" }),
        ];
      },
    ]);
  }
  return backends;
}

/** Opens two stores on one database, runs `body` with them, and closes both. */
export async function withStorePair(
  open: () => Promise<[Store, Store]>,
  body: (a: Store, b: Store) => Promise<void>,
): Promise<void> {
  const [a, b] = await open();
  try {
    await body(a, b);
  } finally {
    await a.close();
    await b.close();
  }
}
