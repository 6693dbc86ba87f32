/**
 * Work pools, their queues and workers in the database, for both SQLite and PostgreSQL.
 *
 * Statuses are computed at read time from `now`: a pool is READY while one of its
 * workers heartbeats (OFFLINE after three missed heartbeats), a queue while it was polled
 * in the last minute.
 *
 * @module
 */
import { uuid7 } from "../../ids/uuid7.js";
import type {
  BaseJobTemplate,
  Worker,
  WorkPool,
  WorkPoolSummary,
  WorkQueue,
  WorkStatus,
} from "../../schemas/index.js";
import type { WorkersTable, WorkPoolsTable, WorkQueuesTable } from "../database.js";
import { readJson, type SqlExecutor } from "../sql-executor.js";

/** A queue counts as polled (READY) this long after its last poll. */
export const QUEUE_READY_WINDOW_MS = 60_000;
/** A worker is OFFLINE after this many missed heartbeats. */
export const MISSED_HEARTBEATS_OFFLINE = 3;

/** A new work pool, validated by `api/`. */
export interface WorkPoolInsert {
  readonly name: string;
  readonly type: string;
  readonly description?: string | undefined;
  readonly paused: boolean;
  readonly concurrencyLimit?: number | undefined;
  readonly baseJobTemplate: BaseJobTemplate;
  readonly now: number;
}

/** Changes to a pool; `null` clears the concurrency limit. */
export interface WorkPoolChanges {
  readonly description?: string | undefined;
  readonly paused?: boolean | undefined;
  readonly concurrencyLimit?: number | null | undefined;
  readonly baseJobTemplate?: BaseJobTemplate | undefined;
}

/** A new queue, validated by `api/`. */
export interface WorkQueueInsert {
  readonly name: string;
  readonly description?: string | undefined;
  readonly priority?: number | undefined;
  readonly concurrencyLimit?: number | undefined;
  readonly paused: boolean;
  readonly now: number;
}

/** Changes to a queue; `null` clears the concurrency limit. */
export interface WorkQueueChanges {
  readonly description?: string | undefined;
  readonly priority?: number | undefined;
  readonly concurrencyLimit?: number | null | undefined;
  readonly paused?: boolean | undefined;
}

/**
 * True when `worker` heartbeated within three of its intervals before `now` and its last
 * heartbeat did not say it stopped.
 */
export function isWorkerOnline(
  worker: Pick<WorkersTable, "heartbeat_at" | "heartbeat_interval_seconds" | "stopped_at">,
  now: number,
): boolean {
  if (worker.stopped_at !== null && worker.stopped_at !== undefined) return false;
  return (
    now - Number(worker.heartbeat_at) <= MISSED_HEARTBEATS_OFFLINE * worker.heartbeat_interval_seconds * 1000
  );
}

function workerFromRow(row: WorkersTable, poolName: string, now: number): Worker {
  return {
    id: row.id,
    workPoolName: poolName,
    name: row.name,
    heartbeatIntervalSeconds: row.heartbeat_interval_seconds,
    lastHeartbeatAt: Number(row.heartbeat_at),
    status: isWorkerOnline(row, now) ? "ONLINE" : "OFFLINE",
    stoppedAt: row.stopped_at === null || row.stopped_at === undefined ? undefined : Number(row.stopped_at),
    createdAt: Number(row.created_at),
  };
}

function queueStatus(row: WorkQueuesTable, poolPaused: boolean, now: number): WorkStatus {
  if (row.paused === 1 || poolPaused) return "PAUSED";
  const polled = row.last_polled_at === null ? undefined : Number(row.last_polled_at);
  return polled !== undefined && now - polled <= QUEUE_READY_WINDOW_MS ? "READY" : "NOT_READY";
}

/** Reads and writes work pools, queues and workers. */
export class WorkPoolRecords {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  #pool(row: WorkPoolsTable, online: boolean): WorkPool {
    const paused = row.paused === 1;
    return {
      id: row.id,
      name: row.name,
      type: row.type as WorkPool["type"],
      description: row.description ?? undefined,
      paused,
      concurrencyLimit: row.concurrency_limit ?? undefined,
      baseJobTemplate: readJson<BaseJobTemplate>(this.#sql.dialect, row.base_job_template),
      status: paused ? "PAUSED" : online ? "READY" : "NOT_READY",
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    };
  }

  async #onlinePools(poolIds: readonly string[], now: number): Promise<Set<string>> {
    if (poolIds.length === 0) return new Set();
    const rows = await this.#sql.all(
      this.#sql.qb.selectFrom("workers").selectAll().where("work_pool_id", "in", poolIds),
    );
    return new Set(rows.filter((row) => isWorkerOnline(row, now)).map((row) => row.work_pool_id));
  }

  /** Creates a pool and its `default` queue; false when the name is taken. */
  async create(input: WorkPoolInsert): Promise<boolean> {
    const { qb } = this.#sql;
    const id = uuid7(input.now);
    const [inserted] = await this.#sql.write([
      qb
        .insertInto("work_pools")
        .values({
          id,
          name: input.name,
          type: input.type,
          description: input.description ?? null,
          paused: input.paused ? 1 : 0,
          concurrency_limit: input.concurrencyLimit ?? null,
          base_job_template: JSON.stringify(input.baseJobTemplate),
          created_at: input.now,
          updated_at: input.now,
        })
        .onConflict((oc) => oc.column("name").doNothing()),
      qb
        .insertInto("work_queues")
        .columns([
          "id",
          "work_pool_id",
          "name",
          "description",
          "priority",
          "concurrency_limit",
          "paused",
          "last_polled_at",
          "created_at",
          "updated_at",
        ])
        .expression((eb) =>
          eb
            .selectFrom("work_pools")
            .select([
              eb.val(uuid7(input.now)).as("id"),
              "work_pools.id",
              eb.val("default").as("name"),
              eb.val("The pool's default queue").as("description"),
              eb.val(1).as("priority"),
              eb.val(null).as("concurrency_limit"),
              eb.val(0).as("paused"),
              eb.val(null).as("last_polled_at"),
              eb.val(input.now).as("created_at"),
              eb.val(input.now).as("updated_at"),
            ])
            .where("work_pools.id", "=", id),
        ),
    ]);
    return (inserted ?? 0) > 0;
  }

  /** The pool named `name`, or undefined. */
  async get(name: string, now: number): Promise<WorkPool | undefined> {
    const [row] = await this.#sql.all(
      this.#sql.qb.selectFrom("work_pools").selectAll().where("name", "=", name),
    );
    if (row === undefined) return undefined;
    const online = await this.#onlinePools([row.id], now);
    return this.#pool(row, online.has(row.id));
  }

  /** Pools by name. */
  async list(now: number, limit: number, offset: number): Promise<WorkPool[]> {
    const rows = await this.#sql.all(
      this.#sql.qb.selectFrom("work_pools").selectAll().orderBy("name").limit(limit).offset(offset),
    );
    const online = await this.#onlinePools(
      rows.map((row) => row.id),
      now,
    );
    return rows.map((row) => this.#pool(row, online.has(row.id)));
  }

  /** Queue counts and workers by status of the pools named in `names` (unknown names left out), by name. */
  async summaries(names: readonly string[], now: number): Promise<WorkPoolSummary[]> {
    if (names.length === 0) return [];
    const { qb } = this.#sql;
    const pools = await this.#sql.all(
      qb.selectFrom("work_pools").select(["id", "name"]).where("name", "in", names).orderBy("name"),
    );
    if (pools.length === 0) return [];
    const ids = pools.map((pool) => pool.id);
    const [queueCounts, workers] = await Promise.all([
      this.#sql.all(
        qb
          .selectFrom("work_queues")
          .select((eb) => ["work_pool_id", eb.fn.countAll().as("queues")])
          .where("work_pool_id", "in", ids)
          .groupBy("work_pool_id"),
      ),
      this.#sql.all(
        qb
          .selectFrom("workers")
          .select(["work_pool_id", "heartbeat_at", "heartbeat_interval_seconds", "stopped_at"])
          .where("work_pool_id", "in", ids),
      ),
    ]);
    const queues = new Map(queueCounts.map((row) => [row.work_pool_id, Number(row.queues)]));
    const online = new Map<string, number>();
    const offline = new Map<string, number>();
    for (const worker of workers) {
      const counts = isWorkerOnline(worker, now) ? online : offline;
      counts.set(worker.work_pool_id, (counts.get(worker.work_pool_id) ?? 0) + 1);
    }
    return pools.map((pool) => ({
      name: pool.name,
      queues: queues.get(pool.id) ?? 0,
      workersOnline: online.get(pool.id) ?? 0,
      workersOffline: offline.get(pool.id) ?? 0,
    }));
  }

  /** Applies `changes` to the pool; false for an unknown name. */
  async update(name: string, changes: WorkPoolChanges, now: number): Promise<boolean> {
    const [changed] = await this.#sql.write([
      this.#sql.qb
        .updateTable("work_pools")
        .set({
          updated_at: now,
          ...(changes.description === undefined ? {} : { description: changes.description }),
          ...(changes.paused === undefined ? {} : { paused: changes.paused ? 1 : 0 }),
          ...(changes.concurrencyLimit === undefined ? {} : { concurrency_limit: changes.concurrencyLimit }),
          ...(changes.baseJobTemplate === undefined
            ? {}
            : { base_job_template: JSON.stringify(changes.baseJobTemplate) }),
        })
        .where("name", "=", name),
    ]);
    return (changed ?? 0) > 0;
  }

  /** Deletes the pool with its queues and workers; false for an unknown name. */
  async delete(name: string): Promise<boolean> {
    const [changed] = await this.#sql.write([this.#sql.qb.deleteFrom("work_pools").where("name", "=", name)]);
    return (changed ?? 0) > 0;
  }

  /** The raw pool row (for claims), or undefined. */
  async row(name: string): Promise<WorkPoolsTable | undefined> {
    const [row] = await this.#sql.all(
      this.#sql.qb.selectFrom("work_pools").selectAll().where("name", "=", name),
    );
    return row;
  }

  /** Creates a queue in the pool; "exists" when the name is taken, "no-pool" for an unknown pool. */
  async createQueue(poolName: string, input: WorkQueueInsert): Promise<"created" | "exists" | "no-pool"> {
    const pool = await this.row(poolName);
    if (pool === undefined) return "no-pool";
    const { qb } = this.#sql;
    let priority = input.priority;
    if (priority === undefined) {
      const [top] = await this.#sql.all(
        qb
          .selectFrom("work_queues")
          .select((eb) => eb.fn.max("priority").as("max"))
          .where("work_pool_id", "=", pool.id),
      );
      priority = Number(top?.max ?? 0) + 1;
    }
    const [inserted] = await this.#sql.write([
      qb
        .insertInto("work_queues")
        .values({
          id: uuid7(input.now),
          work_pool_id: pool.id,
          name: input.name,
          description: input.description ?? null,
          priority,
          concurrency_limit: input.concurrencyLimit ?? null,
          paused: input.paused ? 1 : 0,
          last_polled_at: null,
          created_at: input.now,
          updated_at: input.now,
        })
        .onConflict((oc) => oc.columns(["work_pool_id", "name"]).doNothing()),
    ]);
    return (inserted ?? 0) > 0 ? "created" : "exists";
  }

  /** The pool's queues by priority (undefined for an unknown pool). */
  async queues(poolName: string, now: number): Promise<WorkQueue[] | undefined> {
    const pool = await this.row(poolName);
    if (pool === undefined) return undefined;
    const rows = await this.#sql.all(
      this.#sql.qb
        .selectFrom("work_queues")
        .selectAll()
        .where("work_pool_id", "=", pool.id)
        .orderBy("priority")
        .orderBy("name"),
    );
    return rows.map((row) => ({
      id: row.id,
      workPoolName: pool.name,
      name: row.name,
      description: row.description ?? undefined,
      priority: row.priority,
      concurrencyLimit: row.concurrency_limit ?? undefined,
      paused: row.paused === 1,
      lastPolledAt: row.last_polled_at === null ? undefined : Number(row.last_polled_at),
      status: queueStatus(row, pool.paused === 1, now),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
    }));
  }

  /** The raw queue rows of a pool, by priority. */
  async queueRows(poolId: string): Promise<WorkQueuesTable[]> {
    return this.#sql.all(
      this.#sql.qb
        .selectFrom("work_queues")
        .selectAll()
        .where("work_pool_id", "=", poolId)
        .orderBy("priority"),
    );
  }

  /** Applies `changes` to a queue; false when there is no such queue. */
  async updateQueue(
    poolName: string,
    queueName: string,
    changes: WorkQueueChanges,
    now: number,
  ): Promise<boolean> {
    const pool = await this.row(poolName);
    if (pool === undefined) return false;
    const [changed] = await this.#sql.write([
      this.#sql.qb
        .updateTable("work_queues")
        .set({
          updated_at: now,
          ...(changes.description === undefined ? {} : { description: changes.description }),
          ...(changes.priority === undefined ? {} : { priority: changes.priority }),
          ...(changes.concurrencyLimit === undefined ? {} : { concurrency_limit: changes.concurrencyLimit }),
          ...(changes.paused === undefined ? {} : { paused: changes.paused ? 1 : 0 }),
        })
        .where("work_pool_id", "=", pool.id)
        .where("name", "=", queueName),
    ]);
    return (changed ?? 0) > 0;
  }

  /** Deletes a queue; false when there is no such queue. */
  async deleteQueue(poolName: string, queueName: string): Promise<boolean> {
    const pool = await this.row(poolName);
    if (pool === undefined) return false;
    const [changed] = await this.#sql.write([
      this.#sql.qb
        .deleteFrom("work_queues")
        .where("work_pool_id", "=", pool.id)
        .where("name", "=", queueName),
    ]);
    return (changed ?? 0) > 0;
  }

  /** Marks the queues polled at `now`. */
  async markQueuesPolled(queueIds: readonly string[], now: number): Promise<void> {
    if (queueIds.length === 0) return;
    await this.#sql.write([
      this.#sql.qb.updateTable("work_queues").set({ last_polled_at: now }).where("id", "in", queueIds),
    ]);
  }

  /**
   * Records a worker's heartbeat (registering it); `stopped` marks its last one, sent when
   * it stops. False for an unknown pool.
   */
  async heartbeat(
    poolName: string,
    workerName: string,
    intervalSeconds: number,
    now: number,
    stopped = false,
  ): Promise<boolean> {
    const pool = await this.row(poolName);
    if (pool === undefined) return false;
    await this.#sql.write([
      this.#sql.qb
        .insertInto("workers")
        .values({
          id: uuid7(now),
          work_pool_id: pool.id,
          name: workerName,
          heartbeat_interval_seconds: intervalSeconds,
          heartbeat_at: now,
          stopped_at: stopped ? now : null,
          created_at: now,
        })
        .onConflict((oc) =>
          oc.columns(["work_pool_id", "name"]).doUpdateSet({
            heartbeat_at: now,
            heartbeat_interval_seconds: intervalSeconds,
            stopped_at: stopped ? now : null,
          }),
        ),
    ]);
    return true;
  }

  /** The pool's workers, newest heartbeat first (undefined for an unknown pool). */
  async workers(poolName: string, now: number): Promise<Worker[] | undefined> {
    const pool = await this.row(poolName);
    if (pool === undefined) return undefined;
    const rows = await this.#sql.all(
      this.#sql.qb
        .selectFrom("workers")
        .selectAll()
        .where("work_pool_id", "=", pool.id)
        .orderBy("heartbeat_at", "desc"),
    );
    return rows.map((row) => workerFromRow(row, pool.name, now));
  }

  /** Deletes a worker's registration (a worker that stopped); false when there was none. */
  async deleteWorker(poolName: string, workerName: string): Promise<boolean> {
    const pool = await this.row(poolName);
    if (pool === undefined) return false;
    const [changed] = await this.#sql.write([
      this.#sql.qb.deleteFrom("workers").where("work_pool_id", "=", pool.id).where("name", "=", workerName),
    ]);
    return (changed ?? 0) > 0;
  }
}
