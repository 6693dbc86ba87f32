/**
 * The SQLite {@link Store}: one better-sqlite3 connection in WAL mode, Kysely as the query
 * builder, every write a synchronous `BEGIN IMMEDIATE` transaction retried asynchronously
 * while another process holds the lock.
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Flow, FlowRun, LogRecord, RecorderBatch, TaskRun } from "../../schemas/index.js";
import { isOrdoError } from "../../errors/index.js";
import type { CacheHit, StateData } from "../../states/index.js";
import type { Database } from "../database.js";
import type { SqlExecutor } from "../sql-executor.js";
import type { BatchEventInsert } from "../records/index.js";
import { flowFromRow, flowRunFromRow } from "../rows/flow-run-row.js";
import type {
  CreatedFlowRun,
  DecideFlowRunTransition,
  FlowRunIdempotency,
  HeartbeatAnswer,
  LogQuery,
  NewFlow,
  NewFlowRun,
  Store,
  TaskRunQuery,
  HostedFlowRun,
  HostedFlowRunQuery,
} from "../store.js";
import { SharedRecords } from "../records/index.js";
import { retryWhileBusy } from "./busy-retry.js";
import { sqliteExecutor } from "./sqlite-executor.js";
import { readFlowRunStates, readHostedFlowRuns, readPausedFlowRunsDue } from "./flow-run-reads.js";
import { FlowRunWrites } from "./flow-run-writes.js";
import { readLogs } from "./log-reads.js";
import { refreshStatistics } from "./statistics.js";
import { migrateSqlite } from "./migrate-sqlite.js";
import { createQueryBuilder } from "./query-builder.js";
import { SqlRunner } from "./sql-runner.js";
import { BatchWriterThread } from "./batch-writer-thread.js";
import { CheckpointThread } from "./checkpoint-thread.js";
import { TaskRunBatchWriter, batchValues } from "./task-run-batch-writer.js";
import { findCachedResult, readTaskRun, readTaskRunStates, readTaskRuns } from "./task-run-reads.js";
import { closedError, WriteTransactions } from "./write-transaction.js";

/** Batches with at least this many items go to the writer thread. */
const THREAD_MIN_ITEMS = 64;

/** How often the checkpoint thread copies the WAL back into the database file, in ms. */
const CHECKPOINT_INTERVAL_MS = 200;

/** How to open a SQLite store. */
export interface SqliteStoreOptions {
  /** The database file; its folder is created. `:memory:` for a private in-memory database. */
  readonly path: string;
  /** SQLite's own busy timeout, in ms: kept short because it blocks the thread. Default 10. */
  readonly busyTimeoutMs?: number | undefined;
  /** How long to keep retrying a locked database before `ORDO_DATABASE_BUSY`, in ms. Default 30 000. */
  readonly lockTimeoutMs?: number | undefined;
  /**
   * Write the run recorder's batches on a worker thread with its own connection, so the
   * engine keeps the main thread (see `batch-writer-thread.ts`). Default: on for database
   * files, off for `:memory:` (a second connection would see another database).
   */
  readonly writerThread?: boolean | undefined;
  /**
   * Commit the writes that arrive in one turn of the event loop together (default false).
   * For a server: many concurrent clients, one commit per group. On a database file, WAL
   * checkpoints then run on a thread of their own (see `checkpoint-thread.ts`).
   */
  readonly groupCommit?: boolean | undefined;
}

/**
 * Opens (creating when needed) a SQLite database, sets WAL mode, `synchronous=NORMAL`,
 * foreign keys and a short busy timeout, applies pending migrations, brings the query
 * planner's statistics up to date (see `statistics.ts`), and returns the store.
 *
 * @example
 * ```ts
 * const store = await openSqliteStore({ path: "/tmp/ordo/ordo.db" });
 * const run = await store.readFlowRun(id);
 * await store.close();
 * ```
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const lockTimeoutMs = options.lockTimeoutMs ?? 30_000;
  if (options.path !== ":memory:") mkdirSync(dirname(options.path), { recursive: true });
  const db = new BetterSqlite3(options.path, { timeout: options.busyTimeoutMs ?? 10 });
  try {
    await retryWhileBusy(() => db.pragma("journal_mode = WAL"), {
      timeoutMs: lockTimeoutMs,
      operation: "open",
    });
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    await migrateSqlite(db, new WriteTransactions(db, lockTimeoutMs), lockTimeoutMs);
    const groupCommit = options.groupCommit === true;
    const transactions = new WriteTransactions(db, lockTimeoutMs, groupCommit);
    const writerThread = (options.writerThread ?? true) && options.path !== ":memory:";
    let checkpoints: CheckpointThread | undefined;
    if (groupCommit && options.path !== ":memory:") {
      db.pragma("wal_autocheckpoint = 0");
      checkpoints = new CheckpointThread({
        path: options.path,
        intervalMs: CHECKPOINT_INTERVAL_MS,
        busyTimeoutMs: options.busyTimeoutMs ?? 10,
        onStopped: () => {
          if (db.open) db.pragma("wal_autocheckpoint = 1000");
        },
      });
    }
    const store = new SqliteStore(db, transactions, lockTimeoutMs, {
      writerPath: writerThread ? options.path : undefined,
      checkpoints,
    });
    try {
      await store.refreshStatistics();
    } catch (error) {
      // Statistics only speed up queries: a database that stays busy (other processes
      // writing) is analysed the next time instead of failing the open.
      if (!isOrdoError(error) || error.code !== "ORDO_DATABASE_BUSY") {
        await store.close();
        throw error;
      }
    }
    return store;
  } catch (error) {
    if (db.open) db.close();
    throw error;
  }
}

/** The SQLite store. Create it with {@link openSqliteStore}. */
export class SqliteStore implements Store {
  /** Always `sqlite`. */
  readonly dialect = "sqlite";
  readonly #db: BetterSqlite3.Database;
  readonly #transactions: WriteTransactions;
  readonly #qb: Kysely<Database>;
  readonly #runner: SqlRunner;
  readonly #flowRuns: FlowRunWrites;
  readonly #batches: TaskRunBatchWriter;
  readonly #lockTimeoutMs: number;
  readonly #writerThread: BatchWriterThread | undefined;
  readonly #checkpoints: CheckpointThread | undefined;
  readonly executor: SqlExecutor;
  readonly records: SharedRecords;

  /**
   * Wraps an open, migrated connection; use {@link openSqliteStore}. With `writerPath`,
   * recorder batches go to a writer thread on that database file; `checkpoints` is closed
   * with the store.
   */
  constructor(
    db: BetterSqlite3.Database,
    transactions: WriteTransactions,
    lockTimeoutMs: number,
    threads: {
      readonly writerPath?: string | undefined;
      readonly checkpoints?: CheckpointThread | undefined;
    } = {},
  ) {
    const { writerPath } = threads;
    this.#checkpoints = threads.checkpoints;
    this.#db = db;
    this.#lockTimeoutMs = lockTimeoutMs;
    this.#transactions = transactions;
    this.#qb = createQueryBuilder();
    this.#runner = new SqlRunner(db);
    this.#flowRuns = new FlowRunWrites(this.#runner, this.#qb);
    this.#batches = new TaskRunBatchWriter(db, this.#qb);
    const executor = sqliteExecutor(this.#qb, this.#runner, transactions, lockTimeoutMs);
    this.executor = executor;
    this.records = new SharedRecords(executor);
    this.#writerThread =
      writerPath === undefined
        ? undefined
        : new BatchWriterThread({ path: writerPath, statements: this.#batches.statements, lockTimeoutMs });
  }

  #read<T>(operation: string, read: () => T): Promise<T> {
    if (!this.#db.open) return Promise.reject(closedError(operation));
    return retryWhileBusy(read, { timeoutMs: this.#lockTimeoutMs, operation });
  }

  async ensureFlow(input: NewFlow): Promise<Flow> {
    const { name, tags, createdAt } = input;
    const existing = await this.#read("flow read", () => this.#flowRuns.selectFlow(name));
    if (existing !== undefined && (tags === undefined || JSON.stringify(tags) === existing.tags)) {
      return flowFromRow(existing);
    }
    return this.#transactions.run("flow upsert", () => this.#flowRuns.ensureFlow(name, tags, createdAt));
  }

  async createFlowRun(run: NewFlowRun): Promise<CreatedFlowRun> {
    const id = run.id;
    if (id !== undefined) {
      const existing = await this.#read("flow-run read", () => this.#flowRuns.selectRun(id));
      if (existing !== undefined) return { run: flowRunFromRow(existing), created: false };
    }
    return this.#transactions.run("flow-run creation", () => this.#flowRuns.insert(run));
  }

  async transitionFlowRun<T>(
    id: string,
    decide: DecideFlowRunTransition<T>,
    idempotency?: FlowRunIdempotency<T>,
  ): Promise<T | undefined> {
    const done = await this.#transactions.run("flow-run state change", () =>
      this.#flowRuns.transition(id, decide, idempotency),
    );
    return done?.outcome;
  }

  async readFlowRun(id: string): Promise<FlowRun | undefined> {
    const row = await this.#read("flow-run read", () => this.#flowRuns.selectRun(id));
    return row === undefined ? undefined : flowRunFromRow(row);
  }

  readFlowRunStates(id: string): Promise<StateData[]> {
    return this.#read("flow-run state read", () => readFlowRunStates(this.#runner, this.#qb, id));
  }

  heartbeatFlowRun(id: string, at: number): Promise<HeartbeatAnswer | undefined> {
    return this.#transactions.run("heartbeat", () => this.#flowRuns.heartbeat(id, at));
  }

  readPausedFlowRunsDue(now: number): Promise<string[]> {
    return this.#read("flow-run read", () => readPausedFlowRunsDue(this.#runner, this.#qb, now));
  }

  readHostedFlowRuns(query: HostedFlowRunQuery): Promise<HostedFlowRun[]> {
    return this.#read("flow-run read", () => readHostedFlowRuns(this.#runner, this.#qb, query));
  }

  async recordTaskRunBatch(batch: RecorderBatch, events: readonly BatchEventInsert[] = []): Promise<void> {
    if (batch.taskRuns.length === 0 && batch.taskRunStates.length === 0 && batch.logs.length === 0) return;
    const items = batch.taskRuns.length + batch.taskRunStates.length + batch.logs.length + events.length;
    // Large batches go to the writer thread; a small one (e.g. one completion committed
    // with `durability: "sync"`) is cheaper written here than sent there and back.
    if (this.#writerThread !== undefined && items >= THREAD_MIN_ITEMS) {
      await this.#writerThread.write(batchValues(batch, events));
      return;
    }
    await this.#transactions.run("task-run batch", () => this.#batches.write(batch, events));
  }

  readTaskRuns(query: TaskRunQuery): Promise<TaskRun[]> {
    return this.#read("task-run read", () => readTaskRuns(this.#runner, this.#qb, query));
  }

  readTaskRun(id: string): Promise<TaskRun | undefined> {
    return this.#read("task-run read", () => readTaskRun(this.#runner, this.#qb, id));
  }

  readTaskRunStates(id: string): Promise<StateData[]> {
    return this.#read("task-run state read", () => readTaskRunStates(this.#runner, this.#qb, id));
  }

  findCachedResult(cacheKey: string, now: number): Promise<CacheHit | undefined> {
    return this.#read("cache lookup", () => findCachedResult(this.#runner, this.#qb, cacheKey, now));
  }

  readLogs(query: LogQuery): Promise<LogRecord[]> {
    return this.#read("log read", () => readLogs(this.#runner, this.#qb, query));
  }

  refreshStatistics(): Promise<string[]> {
    if (!this.#db.open) return Promise.reject(closedError("statistics"));
    return refreshStatistics(this.#db, this.#transactions, this.#lockTimeoutMs);
  }

  async close(): Promise<void> {
    await this.#transactions.close();
    await this.#writerThread?.close();
    await this.#checkpoints?.close();
    if (this.#db.open) this.#db.close();
  }
}
