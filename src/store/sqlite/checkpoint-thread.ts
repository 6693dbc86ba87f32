/**
 * WAL checkpoints on a thread of their own, for a server's connection.
 *
 * In WAL mode SQLite appends every commit to the `-wal` file and, by default, the commit
 * that takes the WAL past 1,000 pages copies them back into the database file and syncs
 * it (a checkpoint). That commit blocks the event loop for the copy and two `fsync`s:
 * under a server's write load about a fifth of its main thread's time, much more on a
 * busy disk. With this thread, the main connection turns automatic checkpoints off, and a
 * second connection in a worker thread runs a PASSIVE checkpoint every `intervalMs`:
 * it copies what the WAL holds without blocking writers, and the next commit after a
 * complete checkpoint starts the WAL again from its beginning.
 *
 * @module
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** The worker's code: plain JavaScript, so it runs the same from src/ and dist/. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or failing now: the next turn tries again; the WAL only grows meanwhile.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

/** What the checkpoint thread needs. */
export interface CheckpointThreadOptions {
  /** The database file. */
  readonly path: string;
  /** How often to checkpoint, in ms. */
  readonly intervalMs: number;
  /** SQLite's busy timeout on the thread's connection, in ms. */
  readonly busyTimeoutMs: number;
  /**
   * Called once when the thread fails or exits before {@link CheckpointThread.close}: the
   * owner turns SQLite's automatic checkpoints back on, so the WAL cannot grow unbounded.
   */
  readonly onStopped: () => void;
}

/** Runs PASSIVE checkpoints of one database on a worker thread (see the module doc). */
export class CheckpointThread {
  readonly #worker: Worker;
  readonly #exited: Promise<void>;
  #running = true;
  #closing = false;

  /** Starts the thread; it does not keep the process alive. */
  constructor(options: CheckpointThreadOptions) {
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const { path, intervalMs, busyTimeoutMs } = options;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, path, intervalMs, busyTimeoutMs },
    });
    worker.unref();
    worker.on("error", (error: Error) => {
      console.error("[ordo store] the checkpoint thread failed; automatic checkpoints are back on:", error);
    });
    this.#exited = new Promise<void>((resolve) =>
      worker.once("exit", () => {
        if (!this.#closing) options.onStopped();
        this.#running = false;
        resolve();
      }),
    );
    this.#worker = worker;
  }

  /** Runs a last checkpoint and stops the thread. */
  async close(): Promise<void> {
    this.#closing = true;
    if (this.#running) {
      this.#worker.ref(); // the wait for its exit must keep the process alive
      this.#worker.postMessage({ close: true });
    }
    await this.#exited;
  }
}
