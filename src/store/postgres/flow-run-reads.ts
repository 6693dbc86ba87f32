/**
 * Reading flow runs from PostgreSQL.
 *
 * @module
 */
import { sql, type Kysely } from "kysely";
import type { StateData } from "../../states/index.js";
import type { Database } from "../database.js";
import type { FlowRunRow } from "../rows/flow-run-row.js";
import { stateFromColumns, stateFromRow } from "../rows/state-columns.js";
import { hostedFlowRunFromRow, selectHostedFlowRuns } from "../rows/hosted-flow-run.js";
import type { HostedFlowRun, HostedFlowRunQuery, UnfinishedFlowRun } from "../store.js";

/** The flow-run rows joined with their flow's name. */
export function selectFlowRunRows(db: Kysely<Database>) {
  return db
    .selectFrom("flow_runs")
    .innerJoin("flows", "flows.id", "flow_runs.flow_id")
    .selectAll("flow_runs")
    .select("flows.name as flow_name");
}

/** `column @> '["a","b"]'`: the JSONB array column holds every one of `tags`. */
export function hasEveryTag(column: string, tags: readonly string[]) {
  return sql<boolean>`${sql.ref(column)} @> ${JSON.stringify(tags)}::jsonb`;
}

/** Ids ordered byte-wise, as SQLite orders them, whatever the database's collation. */
export function byteOrder(column: string) {
  return sql`${sql.ref(column)} collate "C"`;
}

/** One flow run joined with its flow's name, or undefined. */
export async function selectFlowRun(db: Kysely<Database>, id: string): Promise<FlowRunRow | undefined> {
  return await selectFlowRunRows(db).where("flow_runs.id", "=", id).executeTakeFirst();
}

/** A flow run's state history, oldest first. */
export async function readFlowRunStates(db: Kysely<Database>, id: string): Promise<StateData[]> {
  const rows = await db
    .selectFrom("flow_run_states")
    .select(["type", "name", "timestamp", "message", "scheduled_time", "error"])
    .where("flow_run_id", "=", id)
    .orderBy("id")
    .execute();
  return rows.map(stateFromRow);
}

/** Flow runs in the given state types, with their signs of life. */
export async function readUnfinishedFlowRuns(
  db: Kysely<Database>,
  stateTypes: readonly string[],
): Promise<UnfinishedFlowRun[]> {
  if (stateTypes.length === 0) return [];
  const rows = await db.selectFrom("flow_runs").selectAll().where("state_type", "in", stateTypes).execute();
  return rows.map((row) => ({
    id: row.id,
    state: stateFromColumns(row),
    host: row.host ?? undefined,
    pid: row.pid ?? undefined,
    heartbeatAt: row.heartbeat_at ?? undefined,
    updatedAt: row.updated_at,
  }));
}

/** A page of flow runs that record a host (see `rows/hosted-flow-run.ts`). */
export async function readHostedFlowRuns(
  db: Kysely<Database>,
  query: HostedFlowRunQuery,
): Promise<HostedFlowRun[]> {
  return (await selectHostedFlowRuns(db, query).execute()).map(hostedFlowRunFromRow);
}
