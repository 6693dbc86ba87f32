/**
 * Reading flow runs from SQLite.
 *
 * @module
 */
import type { Kysely } from "kysely";
import type { StateData } from "../../states/index.js";
import type { Database, FlowRunsTable, StateRowColumns } from "../database.js";
import { stateFromColumns, stateFromRow } from "../rows/state-columns.js";
import { hostedFlowRunFromRow, selectHostedFlowRuns } from "../rows/hosted-flow-run.js";
import type { HostedFlowRun, HostedFlowRunQuery, UnfinishedFlowRun } from "../store.js";
import type { SqlRunner } from "./sql-runner.js";

/** The flow-run rows joined with their flow's name. */
export function selectFlowRunRows(qb: Kysely<Database>) {
  return qb
    .selectFrom("flow_runs")
    .innerJoin("flows", "flows.id", "flow_runs.flow_id")
    .selectAll("flow_runs")
    .select("flows.name as flow_name");
}

/** A flow run's state history, oldest first. */
export function readFlowRunStates(runner: SqlRunner, qb: Kysely<Database>, id: string): StateData[] {
  const compiled = qb
    .selectFrom("flow_run_states")
    .select(["type", "name", "timestamp", "message", "scheduled_time", "error"])
    .where("flow_run_id", "=", id)
    .orderBy("id")
    .compile();
  return runner.all<StateRowColumns>(compiled).map(stateFromRow);
}

/** Flow runs in the given state types, with their signs of life. */
export function readUnfinishedFlowRuns(
  runner: SqlRunner,
  qb: Kysely<Database>,
  stateTypes: readonly string[],
): UnfinishedFlowRun[] {
  if (stateTypes.length === 0) return [];
  const compiled = qb.selectFrom("flow_runs").selectAll().where("state_type", "in", stateTypes).compile();
  return runner.all<FlowRunsTable>(compiled).map((row) => ({
    id: row.id,
    state: stateFromColumns(row),
    host: row.host ?? undefined,
    pid: row.pid ?? undefined,
    heartbeatAt: row.heartbeat_at ?? undefined,
    updatedAt: row.updated_at,
  }));
}

/** A page of flow runs that record a host (see `rows/hosted-flow-run.ts`). */
export function readHostedFlowRuns(
  runner: SqlRunner,
  qb: Kysely<Database>,
  query: HostedFlowRunQuery,
): HostedFlowRun[] {
  return runner.all(selectHostedFlowRuns(qb, query).compile()).map(hostedFlowRunFromRow);
}
