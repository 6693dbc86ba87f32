/**
 * Choosing the store from settings: PostgreSQL for a `postgres://` URL, else SQLite.
 *
 * @module
 */
import { OrdoError } from "../errors/index.js";
import type { Store } from "./store.js";

/** How to open the store of a client or server. */
export interface OpenStoreOptions {
  /**
   * The database URL (`ORDO_DATABASE_URL`): `postgres://…` or `postgresql://…` opens
   * PostgreSQL; `sqlite:PATH` (or `sqlite:///abs/path`) opens SQLite at that path; unset, or
   * a bare `sqlite:`, opens SQLite at `sqlitePath`.
   */
  readonly databaseUrl?: string | undefined;
  /** The SQLite database file used when no PostgreSQL URL is given. */
  readonly sqlitePath: string;
  /** PostgreSQL: the most connections held at once. Default 10. */
  readonly poolSize?: number | undefined;
  /** SQLite: how long to keep retrying a locked database, in ms. */
  readonly lockTimeoutMs?: number | undefined;
  /** SQLite: write recorder batches on a writer thread. */
  readonly writerThread?: boolean | undefined;
  /** SQLite: commit concurrent writes together (for a server). */
  readonly groupCommit?: boolean | undefined;
}

/** The backend a database URL selects, or an `ORDO_INVALID_SETTING` error for others. */
export function storeBackend(databaseUrl: string | undefined): "sqlite" | "postgres" {
  if (databaseUrl === undefined) return "sqlite";
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(databaseUrl)?.[1]?.toLowerCase();
  if (scheme === "postgres" || scheme === "postgresql") return "postgres";
  if (scheme === "sqlite") return "sqlite";
  throw new OrdoError(
    "ORDO_INVALID_SETTING",
    `unsupported database URL scheme ${scheme === undefined ? "(none)" : `"${scheme}:"`}: expected postgres://, postgresql:// or sqlite:`,
    { setting: "ORDO_DATABASE_URL", scheme },
  );
}

/** The file of a `sqlite:` URL (`sqlite:/a/b.db`, `sqlite:///a/b.db`), or undefined when it names none. */
function sqliteUrlPath(databaseUrl: string | undefined): string | undefined {
  if (databaseUrl === undefined) return undefined;
  const rest = databaseUrl.slice("sqlite:".length);
  const path = rest.startsWith("//") ? rest.slice(2) : rest;
  return path === "" ? undefined : decodeURIComponent(path);
}

/**
 * Opens the store the options select (see {@link OpenStoreOptions.databaseUrl}), applying
 * pending migrations. Each backend is loaded on demand.
 *
 * @example
 * ```ts
 * const store = await openStore({ databaseUrl: process.env.ORDO_DATABASE_URL, sqlitePath: "/tmp/ordo.db" });
 * console.log(store.dialect); // "postgres" or "sqlite"
 * await store.close();
 * ```
 */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  if (storeBackend(options.databaseUrl) === "postgres") {
    const { openPostgresStore } = await import("./postgres/postgres-store.js");
    return openPostgresStore({ url: options.databaseUrl ?? "", poolSize: options.poolSize });
  }
  const { openSqliteStore } = await import("./sqlite/sqlite-store.js");
  return openSqliteStore({
    path: sqliteUrlPath(options.databaseUrl) ?? options.sqlitePath,
    lockTimeoutMs: options.lockTimeoutMs,
    writerThread: options.writerThread,
    groupCommit: options.groupCommit,
  });
}
