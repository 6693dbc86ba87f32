/**
 * Reading flow runs from PostgreSQL.
 *
 * @module
 */
import { sql, type Kysely } from "kysely";
import type { StateData } from "../../states/index.js";
import type { Database } from "../database.js";
import type { FlowRunRow } from "../rows/flow-run-row.js";
import { stateFromRow } from "../rows/state-columns.js";
import { hostedFlowRunFromRow, selectHostedFlowRuns } from "../rows/hosted-flow-run.js";
import { selectPausedRunsDue } from "../rows/paused-runs-due.js";
import type { HostedFlowRun, HostedFlowRunQuery } from "../store.js";

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

/** The ids of PAUSED flow runs whose pause timed out before `now` (see `rows/paused-runs-due.ts`). */
export async function readPausedFlowRunsDue(db: Kysely<Database>, now: number): Promise<string[]> {
  return (await selectPausedRunsDue(db, "postgres", now).execute()).map((row) => row.id);
}

/** A page of flow runs that record a host (see `rows/hosted-flow-run.ts`). */
export async function readHostedFlowRuns(
  db: Kysely<Database>,
  query: HostedFlowRunQuery,
): Promise<HostedFlowRun[]> {
  return (await selectHostedFlowRuns(db, query).execute()).map(hostedFlowRunFromRow);
}
