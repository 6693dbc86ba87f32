/**
 * PostgreSQL for tests: the server the global setup found or started
 * (`postgres-global-setup.ts`), and a fresh database per suite or per key, so suites and
 * cases never share state.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

/** What the global setup provides. */
export interface ProvidedPostgres {
  /** The server's URL (its maintenance database), or null when there is none. */
  readonly url: string | null;
  /** True for a server given by ORDO_TEST_DATABASE_URL: databases made here are dropped. */
  readonly external: boolean;
  /** Why there is no server, or null. */
  readonly skipReason: string | null;
}

declare module "vitest" {
  export interface ProvidedContext {
    ordoPostgres: ProvidedPostgres;
  }
}

/** The test server, or undefined when the PostgreSQL suites are skipped. */
export function postgresServer(): ProvidedPostgres | undefined {
  const provided = inject("ordoPostgres");
  return provided?.url == null ? undefined : provided;
}

/** `url` with its database replaced by `database`. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Registers a factory of fresh databases on the test server for this file: each call
 * creates `ordo_test_<random>` and returns its URL. On a server given by
 * ORDO_TEST_DATABASE_URL they are dropped after the file; a throwaway cluster goes whole.
 */
export function useFreshDatabases(): (label?: string) => Promise<string> {
  const created: string[] = [];
  let server: ProvidedPostgres | undefined;
  afterAll(async () => {
    if (server?.url == null || !server.external || created.length === 0) return;
    const url = server.url;
    await onServer(url, async (client) => {
      for (const name of created.splice(0))
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  });
  return async (label = "") => {
    server = postgresServer();
    if (server?.url == null) throw new Error("no PostgreSQL server for tests");
    const suffix = label
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .slice(0, 20);
    const name = `ordo_test_${randomBytes(6).toString("hex")}${suffix === "" ? "" : `_${suffix}`}`;
    await onServer(server.url, (client) => client.query(`CREATE DATABASE "${name}"`));
    created.push(name);
    return withDatabase(server.url, name);
  };
}
