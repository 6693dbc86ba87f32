/**
 * The flow-run queries of workers and services: runs that are due in some work queues or
 * deployments, Scheduled runs past their time, and how many runs are active per queue,
 * pool or deployment (for concurrency limits). The same on SQLite and PostgreSQL.
 *
 * @module
 */
import { sql } from "kysely";
import type { SqlExecutor } from "../sql-executor.js";

/** The states a claim may take a run from (AwaitingRetry only when its process is gone: see `api/`). */
export const CLAIMABLE_NAMES = ["Scheduled", "Late", "AwaitingRetry", "AwaitingConcurrencySlot"] as const;
/** The state types that hold a concurrency slot of a queue, pool or deployment. */
export const ACTIVE_TYPES = ["PENDING", "RUNNING", "CANCELLING"] as const;

/** A due run: what a claim needs before it locks the run. */
export interface DueRun {
  readonly id: string;
  readonly stateName: string;
  readonly deploymentId: string | undefined;
  readonly workQueueId: string | undefined;
  readonly scheduledTime: number;
}

/** Which due runs to read: those of some queues or deployments, less some deployments. */
export interface DueRunScope {
  readonly workQueueIds?: readonly string[];
  readonly deploymentIds?: readonly string[];
  /** Runs of these deployments are left out (runs without a deployment never are). */
  readonly excludeDeploymentIds?: readonly string[];
}

/** Where a page of due runs starts: after this run, in (scheduled time, id) order. */
export interface DueRunCursor {
  readonly scheduledTime: number;
  readonly id: string;
}

/** A run past its scheduled time, with its deployment's stale policy. */
export interface LateRun {
  readonly id: string;
  readonly stateName: string;
  readonly scheduledTime: number;
  readonly deploymentId: string | undefined;
  readonly stalePolicy: string | undefined;
  readonly staleAfterSeconds: number | undefined;
}

/** Queries for claims and scheduling services. */
export class FlowRunClaims {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /**
   * Up to `limit` runs in claimable states due by `until`, of the given queues or
   * deployments, oldest first (by scheduled time, then id), after `after` when given.
   */
  async due(where: DueRunScope, until: number, limit: number, after?: DueRunCursor): Promise<DueRun[]> {
    let select = this.#sql.qb
      .selectFrom("flow_runs")
      .select(["id", "state_name", "deployment_id", "work_queue_id", "state_scheduled_time"])
      .where("state_type", "=", "SCHEDULED")
      .where("state_name", "in", CLAIMABLE_NAMES)
      .where("state_scheduled_time", "<=", until)
      .orderBy("state_scheduled_time")
      .orderBy("id")
      .limit(limit);
    if (after !== undefined) {
      select = select.where((eb) =>
        eb.or([
          eb("state_scheduled_time", ">", after.scheduledTime),
          eb.and([eb("state_scheduled_time", "=", after.scheduledTime), eb("id", ">", after.id)]),
        ]),
      );
    }
    const excluded = where.excludeDeploymentIds ?? [];
    if (excluded.length > 0) {
      select = select.where((eb) =>
        eb.or([eb("deployment_id", "is", null), eb("deployment_id", "not in", excluded)]),
      );
    }
    if (where.workQueueIds !== undefined) {
      if (where.workQueueIds.length === 0) return [];
      select = select.where("work_queue_id", "in", where.workQueueIds);
    }
    if (where.deploymentIds !== undefined) {
      if (where.deploymentIds.length === 0) return [];
      select = select.where("deployment_id", "in", where.deploymentIds);
    }
    const rows = await this.#sql.all(select);
    return rows.map((row) => ({
      id: row.id,
      stateName: row.state_name,
      deploymentId: row.deployment_id ?? undefined,
      workQueueId: row.work_queue_id ?? undefined,
      scheduledTime: Number(row.state_scheduled_time ?? 0),
    }));
  }

  /** How many runs hold a slot, per value of `column` among `ids`. */
  async activeCounts(
    column: "work_queue_id" | "deployment_id",
    ids: readonly string[],
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (ids.length === 0) return counts;
    const rows = await this.#sql.all(
      this.#sql.qb
        .selectFrom("flow_runs")
        .select([column, sql<number>`count(*)`.as("n")])
        .where(column, "in", ids)
        .where("state_type", "in", ACTIVE_TYPES)
        .groupBy(column),
    );
    for (const row of rows) {
      const key = (row as Record<string, unknown>)[column];
      if (typeof key === "string") counts.set(key, Number(row.n));
    }
    return counts;
  }

  /**
   * Up to `limit` runs, oldest first, that a late-runs pass at `now` may change: Scheduled
   * runs whose time was before `before` (they turn Late), and Late ones whose deployment's
   * stale policy may cancel them (SKIP_IF_NEWER, or EXPIRE once they are more than its
   * seconds late). Late runs no policy changes are left out, so however many wait for a
   * worker, newer runs still turn Late.
   */
  async late(before: number, now: number, limit: number): Promise<LateRun[]> {
    const rows = await this.#sql.all(
      this.#sql.qb
        .selectFrom("flow_runs")
        .leftJoin("deployments", "deployments.id", "flow_runs.deployment_id")
        .select([
          "flow_runs.id",
          "flow_runs.state_name",
          "flow_runs.state_scheduled_time",
          "flow_runs.deployment_id",
          "deployments.stale_policy",
          "deployments.stale_after_seconds",
        ])
        .where("flow_runs.state_type", "=", "SCHEDULED")
        .where("flow_runs.state_name", "in", ["Scheduled", "Late"])
        .where("flow_runs.state_scheduled_time", "<", before)
        .where((eb) =>
          eb.or([
            eb("flow_runs.state_name", "=", "Scheduled"),
            eb("deployments.stale_policy", "=", "SKIP_IF_NEWER"),
            eb.and([
              eb("deployments.stale_policy", "=", "EXPIRE"),
              eb(
                // 64-bit arithmetic on PostgreSQL too: a year in ms does not fit an INTEGER.
                sql<number>`flow_runs.state_scheduled_time + cast(deployments.stale_after_seconds as bigint) * 1000`,
                "<",
                now,
              ),
            ]),
          ]),
        )
        .orderBy("flow_runs.state_scheduled_time")
        .limit(limit),
    );
    return rows.map((row) => ({
      id: row.id,
      stateName: row.state_name,
      scheduledTime: Number(row.state_scheduled_time ?? 0),
      deploymentId: row.deployment_id ?? undefined,
      stalePolicy: row.stale_policy ?? undefined,
      staleAfterSeconds: row.stale_after_seconds ?? undefined,
    }));
  }

  /** The newest due time among a deployment's claimable runs due by `now`, or undefined. */
  async newestDue(deploymentId: string, now: number): Promise<number | undefined> {
    const [row] = await this.#sql.all(
      this.#sql.qb
        .selectFrom("flow_runs")
        .select((eb) => eb.fn.max("state_scheduled_time").as("newest"))
        .where("deployment_id", "=", deploymentId)
        .where("state_type", "=", "SCHEDULED")
        .where("state_name", "in", ["Scheduled", "Late"])
        .where("state_scheduled_time", "<=", now),
    );
    return row?.newest === null || row?.newest === undefined ? undefined : Number(row.newest);
  }

  /** Records the process that runs the flow run (for crash detection); false for an unknown id. */
  async setProcess(id: string, host: string, pid: number, at: number): Promise<boolean> {
    const [changed] = await this.#sql.write([
      this.#sql.qb.updateTable("flow_runs").set({ host, pid, heartbeat_at: at }).where("id", "=", id),
    ]);
    return (changed ?? 0) > 0;
  }

  /** Which of `ids` exist. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.#sql.all(
      this.#sql.qb.selectFrom("flow_runs").select("id").where("id", "in", ids),
    );
    return new Set(rows.map((row) => row.id));
  }
}
