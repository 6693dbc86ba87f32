/**
 * Reading flow runs from SQLite.
 *
 * @module
 */
import { sql, type Kysely } from "kysely";
import type { FlowRun } from "../../schemas/index.js";
import type { StateData } from "../../states/index.js";
import type { Database, FlowRunsTable, StateRowColumns } from "../database.js";
import { flowRunFromRow, type FlowRunRow } from "../rows/flow-run-row.js";
import { stateFromColumns, stateFromRow } from "../rows/state-columns.js";
import type { FlowRunQuery, UnfinishedFlowRun } from "../store.js";
import type { SqlRunner } from "./sql-runner.js";

/** The flow-run rows joined with their flow's name. */
export function selectFlowRunRows(qb: Kysely<Database>) {
  return qb
    .selectFrom("flow_runs")
    .innerJoin("flows", "flows.id", "flow_runs.flow_id")
    .selectAll("flow_runs")
    .select("flows.name as flow_name");
}

/** Flow runs matching `query`, newest first. */
export function readFlowRuns(runner: SqlRunner, qb: Kysely<Database>, query: FlowRunQuery): FlowRun[] {
  if (query.ids?.length === 0 || query.stateTypes?.length === 0 || query.stateNames?.length === 0) return [];
  let select = selectFlowRunRows(qb);
  if (query.ids !== undefined) select = select.where("flow_runs.id", "in", query.ids);
  if (query.flowName !== undefined) select = select.where("flows.name", "=", query.flowName);
  if (query.stateTypes !== undefined) select = select.where("flow_runs.state_type", "in", query.stateTypes);
  if (query.stateNames !== undefined) select = select.where("flow_runs.state_name", "in", query.stateNames);
  for (const tag of query.tags ?? []) {
    select = select.where(
      sql<boolean>`exists (select 1 from json_each(${sql.ref("flow_runs.tags")}) where value = ${tag})`,
    );
  }
  if (query.parentFlowRunId !== undefined) {
    select = select.where("flow_runs.parent_flow_run_id", "=", query.parentFlowRunId);
  }
  if (query.dynamicKey !== undefined) select = select.where("flow_runs.dynamic_key", "=", query.dynamicKey);
  const compiled = select
    .orderBy("flow_runs.created_at", "desc")
    .orderBy("flow_runs.id", "desc")
    .limit(query.limit)
    .offset(query.offset)
    .compile();
  return runner.all<FlowRunRow>(compiled).map(flowRunFromRow);
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
