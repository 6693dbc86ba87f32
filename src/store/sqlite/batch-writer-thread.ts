/**
 * The run recorder's writes on a thread of their own.
 *
 * better-sqlite3 is synchronous: a batch of 1,000 task runs written on the main thread
 * holds the event loop for about 10 ms, which is time the engine cannot spend running
 * tasks. This writer owns a second connection to the same database file in a worker
 * thread. The main thread turns a batch into bind values (its task runs by column, a few
 * arrays that are cheap to copy, see `TaskRunColumns`) and posts it; the worker writes it
 * in one `BEGIN IMMEDIATE` transaction (waiting for the write lock there, where blocking
 * is harmless) and answers. On two cores, engine and writes overlap.
 *
 * Ordering is unchanged: the recorder awaits each batch, and the engine flushes the
 * recorder before it writes a flow run's final state on the main connection.
 *
 * @module
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { OrdoError } from "../../errors/index.js";
import type { BatchStatements, BatchValues } from "./task-run-batch-writer.js";
import { UUID7_SOURCE } from "./uuid7-source.js";

/**
 * The page cache of the writer's connection, in KiB: SQLite's own default. better-sqlite3
 * builds SQLite with 16 MB, which this connection fills as the tables grow; for appending
 * rows 2 MB writes as fast (measured with the engine benchmark), and the thread takes
 * 14 MB less memory.
 */
const WRITER_CACHE_KIB = 2000;

/**
 * The worker's code: plain JavaScript, so it runs the same from src/ and dist/. Event ids
 * are made inside the write transaction, so they follow the order of commits.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
${UUID7_SOURCE}
const Database = require(workerData.driver);
const db = new Database(workerData.path, { timeout: workerData.lockTimeoutMs });
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("foreign_keys = ON");
db.pragma("cache_size = -${WRITER_CACHE_KIB}");
const upsert = db.prepare(workerData.statements.upsertTaskRun);
const record = db.prepare(workerData.statements.insertStateRecord);
const log = db.prepare(workerData.statements.insertLog);
const claim = db.prepare(workerData.statements.claimBatch);
const event = db.prepare(workerData.statements.insertEvent);
parentPort.on("message", (message) => {
  if (message.close) {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.exec("BEGIN IMMEDIATE");
    const values = message.values;
    if (values.claim === undefined || claim.run(values.claim).changes === 1) {
      // Task runs come by column (see TaskRunColumns); one array is reused for every row.
      const { rows, columns } = values.taskRuns;
      const row = new Array(columns.length);
      for (let r = 0; r < rows; r++) {
        for (let c = 0; c < columns.length; c++) row[c] = columns[c] === null ? null : columns[c][r];
        upsert.run(row);
      }
      for (const row of values.stateRecords) record.run(row);
      for (const row of values.logs) log.run(row);
      const received = Date.now();
      for (const row of values.events) event.run(uuid7(), row, received);
    }
    db.exec("COMMIT");
    parentPort.postMessage({ id: message.id, ok: true });
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    parentPort.postMessage({ id: message.id, ok: false, code: String(error.code ?? ""), message: String(error.message) });
  }
});
`;

/** The young generation of the writer thread's heap, in MB (see `#started`). */
const WRITER_YOUNG_GENERATION_MB = 4;

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly code?: string;
  readonly message?: string;
}

interface Pending {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/** What the writer thread needs. */
export interface BatchWriterThreadOptions {
  readonly path: string;
  readonly statements: BatchStatements;
  /** How long the thread waits for the write lock before a batch fails as busy. */
  readonly lockTimeoutMs: number;
}

/** The error a failed batch rejects with, by SQLite's error code. */
function batchError(code: string, message: string): Error {
  if (code.startsWith("SQLITE_CONSTRAINT")) {
    return new OrdoError("ORDO_INVALID_INPUT", `task-run batch rejected by the database: ${message}`, {
      operation: "task-run batch",
      sqliteCode: code,
    });
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new OrdoError("ORDO_DATABASE_BUSY", `task-run batch: the database stayed locked: ${message}`, {
      operation: "task-run batch",
    });
  }
  return new Error(`task-run batch failed: ${message}${code ? ` (${code})` : ""}`);
}

/** Writes recorder batches on a worker thread (see the module doc). */
export class BatchWriterThread {
  readonly #options: BatchWriterThreadOptions;
  readonly #pending = new Map<number, Pending>();
  #worker: Worker | undefined;
  #nextId = 1;

  constructor(options: BatchWriterThreadOptions) {
    this.#options = options;
  }

  /** Writes one batch in one transaction on the writer's connection. */
  write(values: BatchValues): Promise<void> {
    const worker = this.#started();
    const id = this.#nextId++;
    return new Promise<void>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (this.#pending.size === 1) worker.ref(); // keep the process alive until it is written
      worker.postMessage({ id, values });
    });
  }

  /** Waits for the batches in flight, then stops the thread. */
  async close(): Promise<void> {
    const worker = this.#worker;
    if (worker === undefined) return;
    this.#worker = undefined;
    await new Promise<void>((resolve) => {
      worker.once("exit", () => resolve());
      worker.ref(); // the wait for its exit must keep the process alive
      worker.postMessage({ close: true });
    });
  }

  #started(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    const driver = createRequire(import.meta.url).resolve("better-sqlite3");
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, ...this.#options },
      // A batch is short-lived garbage on this thread: a small young generation (V8 would
      // otherwise let it grow to 48 MB, as on the main thread) keeps the thread small.
      resourceLimits: { maxYoungGenerationSizeMb: WRITER_YOUNG_GENERATION_MB },
    });
    worker.unref();
    worker.on("message", (reply: Reply) => this.#settle(reply));
    worker.on("error", (error: Error) => this.#fail(error));
    worker.on("exit", (code) => {
      if (this.#worker === worker) this.#worker = undefined;
      if (this.#pending.size > 0) this.#fail(new Error(`the writer thread stopped (exit code ${code})`));
    });
    this.#worker = worker;
    return worker;
  }

  #settle(reply: Reply): void {
    const pending = this.#pending.get(reply.id);
    if (pending === undefined) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker?.unref();
    if (reply.ok) pending.resolve();
    else pending.reject(batchError(reply.code ?? "", reply.message ?? "unknown error"));
  }

  #fail(error: Error): void {
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) p.reject(error);
  }
}
