/**
 * Deployments and their schedules in the database, for both SQLite and PostgreSQL.
 *
 * Replacing a deployment's schedules keeps the ones that did not change (and their
 * planned runs), and the id of one only paused or resumed; the future, unstarted runs of
 * removed, changed or paused schedules are deleted in the same transaction.
 *
 * @module
 */
import type { Compilable } from "kysely";
import { canonicalize } from "../../hashing/canonicalize.js";
import { uuid7 } from "../../ids/uuid7.js";
import type { DeploymentSource, ScheduleSpec } from "../../schemas/index.js";
import type { DeploymentSchedulesTable, DeploymentsTable } from "../database.js";
import { readJson, type SqlExecutor } from "../sql-executor.js";
import { startsWith } from "./likes.js";

/** A deployment row with its flow's name and its work queue and pool names. */
export type DeploymentRow = DeploymentsTable & {
  flow_name: string;
  work_queue_name: string | null;
  work_pool_name: string | null;
};

/** A deployment schedule to store. */
export interface ScheduleWrite {
  readonly spec: ScheduleSpec;
  readonly active: boolean;
  readonly parameters: Record<string, unknown>;
  readonly slug?: string | undefined;
}

/** What changing one stored schedule sets; `slug: null` removes its slug. */
export interface ScheduleChange {
  readonly spec?: ScheduleSpec | undefined;
  readonly active?: boolean | undefined;
  readonly parameters?: Record<string, unknown> | undefined;
  readonly slug?: string | null | undefined;
}

/** A stored deployment schedule, parsed. */
export interface ScheduleRow {
  readonly id: string;
  readonly deploymentId: string;
  readonly spec: ScheduleSpec;
  readonly active: boolean;
  readonly parameters: Record<string, unknown>;
  readonly slug: string | undefined;
}

/** The columns of a deployment to write, resolved by `api/`. */
export interface DeploymentWrite {
  readonly flowId: string;
  readonly name: string;
  readonly description?: string | undefined;
  readonly version?: string | undefined;
  readonly entrypoint: string;
  readonly path?: string | undefined;
  readonly source?: DeploymentSource | undefined;
  readonly parameters: Record<string, unknown>;
  readonly parameterSchema?: Record<string, unknown> | undefined;
  readonly tags: readonly string[];
  readonly workQueueId?: string | undefined;
  readonly jobVariables: Record<string, unknown>;
  readonly retries: number;
  readonly concurrencyLimit?: number | undefined;
  readonly collisionStrategy: string;
  readonly stalePolicy: string;
  readonly staleAfterSeconds?: number | undefined;
  readonly paused: boolean;
}

/** Changes to a deployment (`null` clears the concurrency limit). */
export interface DeploymentChanges {
  readonly description?: string | undefined;
  readonly version?: string | undefined;
  readonly parameters?: Record<string, unknown> | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly jobVariables?: Record<string, unknown> | undefined;
  readonly concurrencyLimit?: number | null | undefined;
  readonly collisionStrategy?: string | undefined;
  readonly paused?: boolean | undefined;
}

/** Which deployments to list, defaults applied. */
export interface DeploymentQuery {
  readonly ids?: readonly string[] | undefined;
  readonly flowName?: string | undefined;
  readonly workPoolName?: string | undefined;
  readonly namePrefix?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

const UNSTARTED_NAMES = ["Scheduled", "Late"];

function sameSchedule(a: ScheduleRow, b: ScheduleWrite): boolean {
  // Compared by canonical text: a JSON column may give its keys back in another order.
  return (
    canonicalize(a.spec) === canonicalize(b.spec) &&
    a.active === b.active &&
    canonicalize(a.parameters) === canonicalize(b.parameters) &&
    a.slug === b.slug
  );
}

/** Reads and writes deployments and their schedules. */
export class DeploymentRecords {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  #select() {
    return this.#sql.qb
      .selectFrom("deployments")
      .innerJoin("flows", "flows.id", "deployments.flow_id")
      .leftJoin("work_queues", "work_queues.id", "deployments.work_queue_id")
      .leftJoin("work_pools", "work_pools.id", "work_queues.work_pool_id")
      .selectAll("deployments")
      .select([
        "flows.name as flow_name",
        "work_queues.name as work_queue_name",
        "work_pools.name as work_pool_name",
      ]);
  }

  /** JSON of a column as stored by this database. */
  json<T>(value: unknown): T {
    return readJson<T>(this.#sql.dialect, value);
  }

  /**
   * Where a deployment's code is: its stored source, or its `path` as a local source
   * (deployments made before sources existed), or undefined.
   */
  source(row: DeploymentsTable): DeploymentSource | undefined {
    if (row.source !== null) return this.json<DeploymentSource>(row.source);
    return row.path === null ? undefined : { kind: "local", path: row.path };
  }

  /** The deployment with `id`, or undefined. */
  async get(id: string): Promise<DeploymentRow | undefined> {
    const [row] = await this.#sql.all(this.#select().where("deployments.id", "=", id));
    return row;
  }

  /** The deployment `name` of the flow `flowName`, or undefined. */
  async getByName(flowName: string, name: string): Promise<DeploymentRow | undefined> {
    const [row] = await this.#sql.all(
      this.#select().where("flows.name", "=", flowName).where("deployments.name", "=", name),
    );
    return row;
  }

  /** Deployments by flow name and name. */
  async list(query: DeploymentQuery): Promise<DeploymentRow[]> {
    let select = this.#select()
      .orderBy("flows.name")
      .orderBy("deployments.name")
      .limit(query.limit)
      .offset(query.offset);
    if (query.ids !== undefined) select = select.where("deployments.id", "in", query.ids);
    if (query.flowName !== undefined) select = select.where("flows.name", "=", query.flowName);
    if (query.workPoolName !== undefined) select = select.where("work_pools.name", "=", query.workPoolName);
    if (query.namePrefix !== undefined)
      select = select.where(startsWith("deployments.name", query.namePrefix));
    return await this.#sql.all(select);
  }

  /** The schedules of the given deployments. */
  async schedules(deploymentIds: readonly string[]): Promise<ScheduleRow[]> {
    if (deploymentIds.length === 0) return [];
    const rows = await this.#sql.all(
      this.#sql.qb
        .selectFrom("deployment_schedules")
        .selectAll()
        .where("deployment_id", "in", deploymentIds)
        .orderBy("created_at")
        .orderBy("id"),
    );
    return rows.map((row) => this.#schedule(row));
  }

  #schedule(row: DeploymentSchedulesTable): ScheduleRow {
    return {
      id: row.id,
      deploymentId: row.deployment_id,
      spec: this.json<ScheduleSpec>(row.spec),
      active: row.active === 1,
      parameters: this.json<Record<string, unknown>>(row.parameters),
      slug: row.slug ?? undefined,
    };
  }

  /** Active schedules of unpaused deployments, with their deployment ids. */
  async activeSchedules(): Promise<ScheduleRow[]> {
    const rows = await this.#sql.all(
      this.#sql.qb
        .selectFrom("deployment_schedules")
        .innerJoin("deployments", "deployments.id", "deployment_schedules.deployment_id")
        .selectAll("deployment_schedules")
        .where("deployment_schedules.active", "=", 1)
        .where("deployments.paused", "=", 0),
    );
    return rows.map((row) => this.#schedule(row));
  }

  /**
   * Creates the deployment (flow + name) or replaces its columns, and replaces its
   * schedules when given; returns its id.
   */
  async upsert(
    write: DeploymentWrite,
    schedules: readonly ScheduleWrite[] | undefined,
    now: number,
  ): Promise<string> {
    const { qb } = this.#sql;
    const columns = {
      description: write.description ?? null,
      version: write.version ?? null,
      entrypoint: write.entrypoint,
      path: write.path ?? null,
      source: write.source === undefined ? null : JSON.stringify(write.source),
      parameters: JSON.stringify(write.parameters),
      parameter_schema: write.parameterSchema === undefined ? null : JSON.stringify(write.parameterSchema),
      tags: JSON.stringify(write.tags),
      work_queue_id: write.workQueueId ?? null,
      job_variables: JSON.stringify(write.jobVariables),
      retries: write.retries,
      concurrency_limit: write.concurrencyLimit ?? null,
      collision_strategy: write.collisionStrategy,
      stale_policy: write.stalePolicy,
      stale_after_seconds: write.staleAfterSeconds ?? null,
      paused: write.paused ? 1 : 0,
      updated_at: now,
    };
    const insert = qb
      .insertInto("deployments")
      .values({
        id: uuid7(now),
        flow_id: write.flowId,
        name: write.name,
        created_at: now,
        last_polled_at: null,
        ...columns,
      })
      .onConflict((oc) => oc.columns(["flow_id", "name"]).doUpdateSet(columns));
    await this.#sql.write([insert]);
    const [row] = await this.#sql.all(
      qb
        .selectFrom("deployments")
        .select("id")
        .where("flow_id", "=", write.flowId)
        .where("name", "=", write.name),
    );
    if (row === undefined) throw new Error(`deployment ${write.name} vanished after it was written`);
    const extra: Compilable[] = write.paused ? [this.#deleteFutureRuns(row.id, undefined, now)] : [];
    if (schedules !== undefined) await this.replaceSchedules(row.id, schedules, now, extra);
    else if (extra.length > 0) await this.#sql.write(extra);
    return row.id;
  }

  /**
   * Replaces a deployment's schedules: unchanged ones are kept (with their planned runs),
   * ones only paused or resumed keep their id, and the future unstarted runs of removed,
   * changed or paused ones are deleted.
   */
  async replaceSchedules(
    deploymentId: string,
    schedules: readonly ScheduleWrite[],
    now: number,
    extra: readonly Compilable[] = [],
  ): Promise<void> {
    const { qb } = this.#sql;
    const current = await this.schedules([deploymentId]);
    const kept = new Set<string>();
    const inserts: Compilable[] = [];
    const toggles: Compilable[] = [];
    const claim = (match: (row: ScheduleRow) => boolean) => {
      const row = current.find((candidate) => !kept.has(candidate.id) && match(candidate));
      if (row !== undefined) kept.add(row.id);
      return row;
    };
    // Unchanged schedules first, then ones only paused or resumed: those keep their id
    // (a paused schedule's future runs go); any other change makes a new schedule.
    const unmatched = schedules.filter(
      (schedule) => claim((row) => sameSchedule(row, schedule)) === undefined,
    );
    for (const schedule of unmatched) {
      const toggled = claim((row) => sameSchedule(row, { ...schedule, active: row.active }));
      if (toggled !== undefined) {
        toggles.push(
          qb
            .updateTable("deployment_schedules")
            .set({ active: schedule.active ? 1 : 0, updated_at: now })
            .where("id", "=", toggled.id),
        );
        if (!schedule.active) toggles.push(this.#deleteFutureRuns(deploymentId, [toggled.id], now));
        continue;
      }
      inserts.push(this.#insertSchedule(deploymentId, uuid7(now), schedule, now));
    }
    const removed = current.filter((row) => !kept.has(row.id)).map((row) => row.id);
    const deletes: Compilable[] =
      removed.length === 0
        ? []
        : [
            this.#deleteFutureRuns(deploymentId, removed, now),
            qb.deleteFrom("deployment_schedules").where("id", "in", removed),
          ];
    if (deletes.length + toggles.length + inserts.length + extra.length > 0)
      await this.#sql.write([...extra, ...deletes, ...toggles, ...inserts]);
  }

  /**
   * Adds schedules to a deployment, its other schedules untouched, in one transaction;
   * returns their ids in order (a schedule's own `id`, else a new one).
   */
  async addSchedules(
    deploymentId: string,
    schedules: readonly (ScheduleWrite & { readonly id?: string | undefined })[],
    now: number,
  ): Promise<string[]> {
    const ids = schedules.map((schedule) => schedule.id ?? uuid7(now));
    await this.#sql.write([
      this.#touch(deploymentId, now),
      ...schedules.map((schedule, i) => this.#insertSchedule(deploymentId, ids[i]!, schedule, now)),
    ]);
    return ids;
  }

  /** The stored schedules among `ids`, of any deployment. */
  async schedulesByIds(ids: readonly string[]): Promise<ScheduleRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.#sql.all(
      this.#sql.qb.selectFrom("deployment_schedules").selectAll().where("id", "in", ids),
    );
    return rows.map((row) => this.#schedule(row));
  }

  /**
   * Changes one schedule of a deployment in place (it keeps its id). When it is paused,
   * or its spec or parameters change, its future unstarted runs are deleted in the same
   * transaction (the scheduler plans them again). False when the deployment has no
   * schedule `scheduleId`.
   */
  async updateSchedule(
    deploymentId: string,
    scheduleId: string,
    change: ScheduleChange,
    now: number,
  ): Promise<boolean> {
    const set = {
      updated_at: now,
      ...(change.spec === undefined ? {} : { spec: JSON.stringify(change.spec) }),
      ...(change.active === undefined ? {} : { active: change.active ? 1 : 0 }),
      ...(change.parameters === undefined ? {} : { parameters: JSON.stringify(change.parameters) }),
      ...(change.slug === undefined ? {} : { slug: change.slug }),
    };
    const replan = change.active === false || change.spec !== undefined || change.parameters !== undefined;
    const [changed] = await this.#sql.write([
      this.#sql.qb
        .updateTable("deployment_schedules")
        .set(set)
        .where("id", "=", scheduleId)
        .where("deployment_id", "=", deploymentId),
      this.#touch(deploymentId, now),
      ...(replan ? [this.#deleteFutureRuns(deploymentId, [scheduleId], now)] : []),
    ]);
    return (changed ?? 0) > 0;
  }

  /**
   * Deletes one schedule of a deployment and its future unstarted runs, in one
   * transaction; false when the deployment has no schedule `scheduleId`.
   */
  async deleteSchedule(deploymentId: string, scheduleId: string, now: number): Promise<boolean> {
    const [, changed] = await this.#sql.write([
      this.#deleteFutureRuns(deploymentId, [scheduleId], now),
      this.#sql.qb
        .deleteFrom("deployment_schedules")
        .where("id", "=", scheduleId)
        .where("deployment_id", "=", deploymentId),
      this.#touch(deploymentId, now),
    ]);
    return (changed ?? 0) > 0;
  }

  #insertSchedule(deploymentId: string, id: string, schedule: ScheduleWrite, now: number): Compilable {
    return this.#sql.qb.insertInto("deployment_schedules").values({
      id,
      deployment_id: deploymentId,
      spec: JSON.stringify(schedule.spec),
      active: schedule.active ? 1 : 0,
      parameters: JSON.stringify(schedule.parameters),
      slug: schedule.slug ?? null,
      created_at: now,
      updated_at: now,
    });
  }

  /** The statement marking a deployment changed at `now`. */
  #touch(deploymentId: string, now: number): Compilable {
    return this.#sql.qb.updateTable("deployments").set({ updated_at: now }).where("id", "=", deploymentId);
  }

  /** The statement deleting a deployment's future, unstarted, scheduler-made runs (of some schedules). */
  #deleteFutureRuns(
    deploymentId: string,
    scheduleIds: readonly string[] | undefined,
    now: number,
  ): Compilable {
    let doomed = this.#sql.qb
      .deleteFrom("flow_runs")
      .where("deployment_id", "=", deploymentId)
      .where("state_type", "=", "SCHEDULED")
      .where("state_name", "in", UNSTARTED_NAMES)
      .where("state_scheduled_time", ">", now);
    doomed =
      scheduleIds === undefined
        ? doomed.where("schedule_id", "is not", null)
        : doomed.where("schedule_id", "in", scheduleIds);
    return doomed;
  }

  /** Applies `changes`; pausing deletes the future runs its schedules made. False for an unknown id. */
  async update(id: string, changes: DeploymentChanges, now: number): Promise<boolean> {
    const [changed] = await this.#sql.write(this.updateStatements(id, changes, now));
    return (changed ?? 0) > 0;
  }

  /**
   * The statements of {@link update}, for a caller that writes them in one transaction
   * with others (`replaceSchedules`' `extra`): the update first, so its count comes first.
   */
  updateStatements(id: string, changes: DeploymentChanges, now: number): Compilable[] {
    const set = {
      updated_at: now,
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.version === undefined ? {} : { version: changes.version }),
      ...(changes.parameters === undefined ? {} : { parameters: JSON.stringify(changes.parameters) }),
      ...(changes.tags === undefined ? {} : { tags: JSON.stringify(changes.tags) }),
      ...(changes.jobVariables === undefined ? {} : { job_variables: JSON.stringify(changes.jobVariables) }),
      ...(changes.concurrencyLimit === undefined ? {} : { concurrency_limit: changes.concurrencyLimit }),
      ...(changes.collisionStrategy === undefined ? {} : { collision_strategy: changes.collisionStrategy }),
      ...(changes.paused === undefined ? {} : { paused: changes.paused ? 1 : 0 }),
    };
    const statements: Compilable[] = [this.#sql.qb.updateTable("deployments").set(set).where("id", "=", id)];
    if (changes.paused === true) statements.push(this.#deleteFutureRuns(id, undefined, now));
    return statements;
  }

  /** Deletes a deployment, its schedules and its unstarted scheduled runs; false for an unknown id. */
  async delete(id: string, now: number): Promise<boolean> {
    const [, changed] = await this.#sql.write([
      this.#sql.qb
        .deleteFrom("flow_runs")
        .where("deployment_id", "=", id)
        .where("state_type", "=", "SCHEDULED")
        .where("state_scheduled_time", ">", now),
      this.#sql.qb.deleteFrom("deployments").where("id", "=", id),
    ]);
    return (changed ?? 0) > 0;
  }

  /** Records that a serve process asked for the deployments' runs at `now`. */
  async markPolled(ids: readonly string[], now: number): Promise<void> {
    if (ids.length === 0) return;
    await this.#sql.write([
      this.#sql.qb.updateTable("deployments").set({ last_polled_at: now }).where("id", "in", ids),
    ]);
  }
}
