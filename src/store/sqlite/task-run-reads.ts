/**
 * Reading task runs, their state records and cached results from SQLite.
 *
 * @module
 */
import { sql, type Kysely } from "kysely";
import type { TaskRun } from "../../schemas/index.js";
import { StateType, type CacheHit, type ResultRef, type StateData } from "../../states/index.js";
import type { Database, StateRowColumns, TaskRunsTable } from "../database.js";
import { stateFromRow } from "../rows/state-columns.js";
import { taskRunFromRow } from "../rows/task-run-row.js";
import type { TaskRunQuery } from "../store.js";
import type { SqlRunner } from "./sql-runner.js";

/** Task runs matching `query`, in creation order (or its reverse, `sort: NEWEST`). */
export function readTaskRuns(runner: SqlRunner, qb: Kysely<Database>, query: TaskRunQuery): TaskRun[] {
  if (
    [query.ids, query.stateTypes, query.stateNames, query.names, query.taskKeys].some(
      (list) => list?.length === 0,
    )
  )
    return [];
  let select = qb.selectFrom("task_runs").selectAll();
  if (query.ids !== undefined) select = select.where("id", "in", query.ids);
  if (query.flowRunId !== undefined) select = select.where("flow_run_id", "=", query.flowRunId);
  if (query.stateTypes !== undefined) select = select.where("state_type", "in", query.stateTypes);
  if (query.stateNames !== undefined) select = select.where("state_name", "in", query.stateNames);
  if (query.names !== undefined) select = select.where("name", "in", query.names);
  if (query.taskKeys !== undefined) select = select.where("task_key", "in", query.taskKeys);
  for (const tag of query.tags ?? []) {
    select = select.where(
      sql<boolean>`exists (select 1 from json_each(${sql.ref("tags")}) where value = ${tag})`,
    );
  }
  const direction = query.sort === "NEWEST" ? "desc" : "asc";
  const compiled = select
    .orderBy("created_at", direction)
    .orderBy("id", direction)
    .limit(query.limit)
    .offset(query.offset)
    .compile();
  return runner.all<TaskRunsTable>(compiled).map(taskRunFromRow);
}

/** One task run, or undefined. */
export function readTaskRun(runner: SqlRunner, qb: Kysely<Database>, id: string): TaskRun | undefined {
  const row = runner.get<TaskRunsTable>(
    qb.selectFrom("task_runs").selectAll().where("id", "=", id).compile(),
  );
  return row === undefined ? undefined : taskRunFromRow(row);
}

/** A task run's detailed state records, oldest first. */
export function readTaskRunStates(runner: SqlRunner, qb: Kysely<Database>, id: string): StateData[] {
  const compiled = qb
    .selectFrom("task_run_states")
    .select(["type", "name", "timestamp", "message", "scheduled_time", "error"])
    .where("task_run_id", "=", id)
    .orderBy("id")
    .compile();
  return runner.all<StateRowColumns>(compiled).map(stateFromRow);
}

/** The newest completed, unexpired result stored under `cacheKey`. */
export function findCachedResult(
  runner: SqlRunner,
  qb: Kysely<Database>,
  cacheKey: string,
  now: number,
): CacheHit | undefined {
  const compiled = qb
    .selectFrom("task_runs")
    .select(["id", "result"])
    .where("cache_key", "=", cacheKey)
    .where("state_type", "=", StateType.COMPLETED)
    .where("result", "is not", null)
    .where((eb) => eb.or([eb("cache_expiration", "is", null), eb("cache_expiration", ">", now)]))
    .orderBy("updated_at", "desc")
    .orderBy("id", "desc")
    .limit(1)
    .compile();
  const row = runner.get<{ id: string; result: string }>(compiled);
  if (row === undefined) return undefined;
  return { cacheKey, sourceRunId: row.id, result: JSON.parse(row.result) as ResultRef };
}
