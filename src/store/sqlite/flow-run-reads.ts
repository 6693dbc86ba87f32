/**
 * Reading flow runs from SQLite.
 *
 * @module
 */
import type { Kysely } from "kysely";
import type { StateData } from "../../states/index.js";
import type { Database, StateRowColumns } from "../database.js";
import { stateFromRow } from "../rows/state-columns.js";
import { hostedFlowRunFromRow, selectHostedFlowRuns } from "../rows/hosted-flow-run.js";
import { selectPausedRunsDue } from "../rows/paused-runs-due.js";
import type { HostedFlowRun, HostedFlowRunQuery } from "../store.js";
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

/** The ids of PAUSED flow runs whose pause timed out before `now` (see `rows/paused-runs-due.ts`). */
export function readPausedFlowRunsDue(runner: SqlRunner, qb: Kysely<Database>, now: number): string[] {
  return runner.all<{ id: string }>(selectPausedRunsDue(qb, "sqlite", now).compile()).map((row) => row.id);
}

/** A page of flow runs that record a host (see `rows/hosted-flow-run.ts`). */
export function readHostedFlowRuns(
  runner: SqlRunner,
  qb: Kysely<Database>,
  query: HostedFlowRunQuery,
): HostedFlowRun[] {
  return runner.all(selectHostedFlowRuns(qb, query).compile()).map(hostedFlowRunFromRow);
}
