/**
 * The PostgreSQL {@link Store}: Kysely's `PostgresDialect` over a `pg` pool. Writes are
 * transactions at READ COMMITTED; a flow-run state change locks the run's row with
 * `SELECT … FOR UPDATE` before `decide` reads it, so concurrent changes of one run are
 * serialized and changes of different runs are not.
 *
 * @module
 */
import { Kysely, PostgresDialect } from "kysely";
import type pg from "pg";
import type { Flow, FlowRun, LogRecord, RecorderBatch, TaskRun } from "../../schemas/index.js";
import type { CacheHit, StateData } from "../../states/index.js";
import type { Database } from "../database.js";
import type { SqlExecutor } from "../sql-executor.js";
import { flowFromRow, flowRunFromRow } from "../rows/flow-run-row.js";
import { fromJsonColumn } from "../rows/json-column.js";
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
import {
  readFlowRunStates,
  readHostedFlowRuns,
  readPausedFlowRunsDue,
  selectFlowRun,
} from "./flow-run-reads.js";
import { ensureFlow, heartbeatFlowRun, insertFlowRun, transitionFlowRun } from "./flow-run-writes.js";
import { migratePostgres } from "./migrate-postgres.js";
import { SharedRecords, type BatchEventInsert } from "../records/index.js";
import { postgresExecutor } from "./postgres-executor.js";
import { createPostgresPool, type PostgresPoolOptions } from "./pg-pool.js";
import { runQuery, runTransaction } from "./pg-transaction.js";
import { writeBatch } from "./task-run-batch-writer.js";
import {
  findCachedResult,
  readLogs,
  readTaskRun,
  readTaskRunStates,
  readTaskRuns,
} from "./task-run-reads.js";

/** How to open a PostgreSQL store. */
export type PostgresStoreOptions = PostgresPoolOptions;

/**
 * Connects to the PostgreSQL database at `url`, applies pending migrations (under an
 * advisory lock, see `migrate-postgres.ts`) and returns the store. An unreachable server
 * rejects with `ORDO_DATABASE_BUSY`.
 *
 * @example
 * ```ts
 * const store = await openPostgresStore({ url: "postgres://ordo@db.internal/ordo", poolSize: 20 });
 * const run = await store.readFlowRun(id);
 * await store.close();
 * ```
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const pool = createPostgresPool(options);
  try {
    await migratePostgres(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return new PostgresStore(pool);
}

/** The PostgreSQL store. Create it with {@link openPostgresStore}. */
export class PostgresStore implements Store {
  /** Always `postgres`. */
  readonly dialect = "postgres";
  readonly #pool: pg.Pool;
  readonly #db: Kysely<Database>;
  #closed = false;
  readonly executor: SqlExecutor;
  readonly records: SharedRecords;

  /** Wraps a pool on a migrated database; use {@link openPostgresStore}. The store owns the pool. */
  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const executor = postgresExecutor(this.#db);
    this.executor = executor;
    this.records = new SharedRecords(executor);
  }

  async ensureFlow(input: NewFlow): Promise<Flow> {
    const { name, tags, createdAt } = input;
    const existing = await runQuery("flow read", () =>
      this.#db.selectFrom("flows").selectAll().where("name", "=", name).executeTakeFirst(),
    );
    if (
      existing !== undefined &&
      (tags === undefined || JSON.stringify(tags) === JSON.stringify(fromJsonColumn(existing.tags)))
    ) {
      return flowFromRow(existing);
    }
    return runTransaction(this.#db, "flow upsert", (trx) => ensureFlow(trx, name, tags, createdAt));
  }

  async createFlowRun(run: NewFlowRun): Promise<CreatedFlowRun> {
    const id = run.id;
    if (id !== undefined) {
      const existing = await runQuery("flow-run read", () => selectFlowRun(this.#db, id));
      if (existing !== undefined) return { run: flowRunFromRow(existing), created: false };
    }
    return runTransaction(this.#db, "flow-run creation", (trx) => insertFlowRun(trx, run));
  }

  async transitionFlowRun<T>(
    id: string,
    decide: DecideFlowRunTransition<T>,
    idempotency?: FlowRunIdempotency<T>,
  ): Promise<T | undefined> {
    const done = await runTransaction(this.#db, "flow-run state change", (trx) =>
      transitionFlowRun(trx, id, decide, idempotency),
    );
    return done?.outcome;
  }

  async readFlowRun(id: string): Promise<FlowRun | undefined> {
    const row = await runQuery("flow-run read", () => selectFlowRun(this.#db, id));
    return row === undefined ? undefined : flowRunFromRow(row);
  }

  readFlowRunStates(id: string): Promise<StateData[]> {
    return runQuery("flow-run state read", () => readFlowRunStates(this.#db, id));
  }

  heartbeatFlowRun(id: string, at: number): Promise<HeartbeatAnswer | undefined> {
    return runQuery("heartbeat", () => heartbeatFlowRun(this.#db, id, at));
  }

  readPausedFlowRunsDue(now: number): Promise<string[]> {
    return runQuery("flow-run read", () => readPausedFlowRunsDue(this.#db, now));
  }

  readHostedFlowRuns(query: HostedFlowRunQuery): Promise<HostedFlowRun[]> {
    return runQuery("flow-run read", () => readHostedFlowRuns(this.#db, query));
  }

  async recordTaskRunBatch(batch: RecorderBatch, events: readonly BatchEventInsert[] = []): Promise<void> {
    if (batch.taskRuns.length === 0 && batch.taskRunStates.length === 0 && batch.logs.length === 0) return;
    await runTransaction(this.#db, "task-run batch", (trx) => writeBatch(trx, batch, events));
  }

  readTaskRuns(query: TaskRunQuery): Promise<TaskRun[]> {
    return runQuery("task-run read", () => readTaskRuns(this.#db, query));
  }

  readTaskRun(id: string): Promise<TaskRun | undefined> {
    return runQuery("task-run read", () => readTaskRun(this.#db, id));
  }

  readTaskRunStates(id: string): Promise<StateData[]> {
    return runQuery("task-run state read", () => readTaskRunStates(this.#db, id));
  }

  findCachedResult(cacheKey: string, now: number): Promise<CacheHit | undefined> {
    return runQuery("cache lookup", () => findCachedResult(this.#db, cacheKey, now));
  }

  readLogs(query: LogQuery): Promise<LogRecord[]> {
    return runQuery("log read", () => readLogs(this.#db, query));
  }

  /** Waits for the queries in flight and closes the pool's connections. */
  /** Nothing to do: PostgreSQL's autovacuum analyses tables as they change. */
  refreshStatistics(): Promise<string[]> {
    return Promise.resolve([]);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#db.destroy();
    // Kysely ends the pool only when it has run a query itself.
    if (!this.#pool.ended) await this.#pool.end();
  }
}
