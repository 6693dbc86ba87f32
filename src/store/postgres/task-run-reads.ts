/**
 * Reading task runs, their state records, cached results and log lines from PostgreSQL.
 *
 * @module
 */
import type { Kysely } from "kysely";
import type { LogRecord, TaskRun } from "../../schemas/index.js";
import { StateType, type CacheHit, type ResultRef, type StateData } from "../../states/index.js";
import type { Database } from "../database.js";
import { fromJsonColumn } from "../rows/json-column.js";
import { logFromRow } from "../rows/log-row.js";
import { stateFromRow } from "../rows/state-columns.js";
import { taskRunFromRow } from "../rows/task-run-row.js";
import type { LogQuery, TaskRunQuery } from "../store.js";
import { byteOrder, hasEveryTag } from "./flow-run-reads.js";

/** Task runs matching `query`, in creation order (or its reverse, `sort: NEWEST`). */
export async function readTaskRuns(db: Kysely<Database>, query: TaskRunQuery): Promise<TaskRun[]> {
  if (
    [query.ids, query.stateTypes, query.stateNames, query.names, query.taskKeys].some(
      (list) => list?.length === 0,
    )
  )
    return [];
  let select = db.selectFrom("task_runs").selectAll();
  if (query.ids !== undefined) select = select.where("id", "in", query.ids);
  if (query.flowRunId !== undefined) select = select.where("flow_run_id", "=", query.flowRunId);
  if (query.stateTypes !== undefined) select = select.where("state_type", "in", query.stateTypes);
  if (query.stateNames !== undefined) select = select.where("state_name", "in", query.stateNames);
  if (query.names !== undefined) select = select.where("name", "in", query.names);
  if (query.taskKeys !== undefined) select = select.where("task_key", "in", query.taskKeys);
  if (query.tags !== undefined && query.tags.length > 0)
    select = select.where(hasEveryTag("tags", query.tags));
  const direction = query.sort === "NEWEST" ? "desc" : "asc";
  const rows = await select
    .orderBy("created_at", direction)
    .orderBy(byteOrder("id"), direction)
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return rows.map(taskRunFromRow);
}

/** One task run, or undefined. */
export async function readTaskRun(db: Kysely<Database>, id: string): Promise<TaskRun | undefined> {
  const row = await db.selectFrom("task_runs").selectAll().where("id", "=", id).executeTakeFirst();
  return row === undefined ? undefined : taskRunFromRow(row);
}

/** A task run's detailed state records, oldest first. */
export async function readTaskRunStates(db: Kysely<Database>, id: string): Promise<StateData[]> {
  const rows = await db
    .selectFrom("task_run_states")
    .select(["type", "name", "timestamp", "message", "scheduled_time", "error"])
    .where("task_run_id", "=", id)
    .orderBy("id")
    .execute();
  return rows.map(stateFromRow);
}

/** The newest completed, unexpired result stored under `cacheKey`. */
export async function findCachedResult(
  db: Kysely<Database>,
  cacheKey: string,
  now: number,
): Promise<CacheHit | undefined> {
  const row = await db
    .selectFrom("task_runs")
    .select(["id", "result"])
    .where("cache_key", "=", cacheKey)
    .where("state_type", "=", StateType.COMPLETED)
    .where("result", "is not", null)
    .where((eb) => eb.or([eb("cache_expiration", "is", null), eb("cache_expiration", ">", now)]))
    .orderBy("updated_at", "desc")
    .orderBy(byteOrder("id"), "desc")
    .limit(1)
    .executeTakeFirst();
  if (row === undefined || row.result === null) return undefined;
  return { cacheKey, sourceRunId: row.id, result: fromJsonColumn<ResultRef>(row.result) };
}

/** Log lines matching `query`, oldest first. */
export async function readLogs(db: Kysely<Database>, query: LogQuery): Promise<LogRecord[]> {
  let select = db.selectFrom("logs").selectAll();
  if (query.flowRunId !== undefined) select = select.where("flow_run_id", "=", query.flowRunId);
  if (query.taskRunId !== undefined) select = select.where("task_run_id", "=", query.taskRunId);
  if (query.minLevel !== undefined) select = select.where("level", ">=", query.minLevel);
  if (query.afterId !== undefined) select = select.where("id", ">", query.afterId);
  const rows = await select.orderBy("id").limit(query.limit).execute();
  return rows.map(logFromRow);
}
