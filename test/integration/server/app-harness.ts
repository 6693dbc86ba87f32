/**
 * A server app over a fresh SQLite file, called through `app.request` (no socket).
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalFileStorage } from "../../../src/results/index.js";
import { createApp, type BodyLimits } from "../../../src/server/app.js";
import type { OrdoApp, ServerDeps } from "../../../src/server/server-deps.js";
import { openSqliteStore, type Store } from "../../../src/store/index.js";

/** An app, its store and its folder. */
export interface AppHarness {
  readonly app: OrdoApp;
  readonly store: Store;
  /** The SQLite file. */
  readonly dbPath: string;
  /** The app's folder (its storage is `storage/`, bundles in `storage/bundles/`). */
  readonly dir: string;
  /** Sends a JSON request and returns the status and parsed body. */
  json(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

/** Opens an app over a new SQLite file (serving the built UI in `uiPath`, if given). */
export async function openApp(
  limits?: BodyLimits,
  uiPath?: string,
  deps: Pick<ServerDeps, "taskRunEvents"> = {},
): Promise<AppHarness> {
  const dir = mkdtempSync(join(tmpdir(), "ordo-api-"));
  const dbPath = join(dir, "ordo.db");
  const store = await openSqliteStore({ path: dbPath });
  const app = createApp(
    {
      store,
      resultStorage: new LocalFileStorage(join(dir, "storage")),
      bundleStorage: new LocalFileStorage(join(dir, "storage", "bundles")),
      uiPath,
      ...deps,
    },
    limits,
  );
  return {
    app,
    store,
    dbPath,
    dir,
    async json(method, path, body) {
      const res = await app.request(path, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text === "" ? undefined : (JSON.parse(text) as unknown) };
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
