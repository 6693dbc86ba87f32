/**
 * A server in the benchmark's own process, over SQLite in a folder of its own, with its
 * background services (scheduler, late runs, crash detection, retention) off so that
 * they do not take CPU from what is measured.
 *
 * @module
 */
import { join } from "node:path";
import { LocalFileStorage } from "../../src/results/index.js";
import { startServer, type RunningServer } from "../../src/server/start-server.js";
import { openSqliteStore } from "../../src/store/index.js";

/** Starts the server on a free loopback port; its database and results live in `dir`. */
export async function startQuietServer(dir: string): Promise<RunningServer> {
  return startServer({
    store: await openSqliteStore({ path: join(dir, "ordo.db"), groupCommit: true }),
    resultStorage: new LocalFileStorage(join(dir, "storage")),
    port: 0,
    services: {
      crashDetectionIntervalMs: 0,
      schedulerIntervalMs: 0,
      lateRunsIntervalMs: 0,
      retentionIntervalMs: 0,
    },
  });
}
