/**
 * A real Ordo server on loopback for tests: `startServer` on a free port over a SQLite
 * store in a temp folder (or a given one).
 */
import { join } from "node:path";
import { LocalFileStorage } from "../../src/results/index.js";
import { startServer, type RunningServer } from "../../src/server/start-server.js";
import { loadSettings } from "../../src/settings/index.js";
import { openSqliteStore } from "../../src/store/index.js";

/**
 * Starts a server over `folder/ordo.db` (results in `folder/storage`, bundles in
 * `folder/storage/bundles`) on `port` (0: a free one).
 */
export async function startTestServer(folder: string, port = 0): Promise<RunningServer> {
  const store = await openSqliteStore({ path: join(folder, "ordo.db"), groupCommit: true });
  return startServer({
    store,
    resultStorage: new LocalFileStorage(join(folder, "storage")),
    bundleStorage: new LocalFileStorage(join(folder, "storage", "bundles")),
    port,
    services: { crashDetectionIntervalMs: 0 },
    taskRunEvents: loadSettings().ORDO_TASK_RUN_EVENTS,
  });
}
