/**
 * Flow runs and flows as rows, and back.
 *
 * @module
 */
import superjson, { type SuperJSONResult } from "superjson";
import type { Flow, FlowRun, PauseInfo } from "../../schemas/index.js";
import { StateType, type ResultRef } from "../../states/index.js";
import type { FlowRunsTable, FlowsTable } from "../database.js";
import type { NewFlowRun } from "../store.js";
import { fromJsonColumn } from "./json-column.js";
import { stateFromColumns, stateToColumns } from "./state-columns.js";

/** A flow-run row joined with its flow's name. */
export type FlowRunRow = FlowRunsTable & { flow_name: string };

/** Flow-run parameters as superjson text, so Dates, Maps and BigInts round-trip. */
export function parametersToText(parameters: Record<string, unknown>): string {
  return superjson.stringify(parameters);
}

/** Flow-run parameters from superjson text. */
export function parametersFromText(text: string): Record<string, unknown> {
  return superjson.parse<Record<string, unknown>>(text);
}

/**
 * Flow-run parameters from their column: superjson text (SQLite), or the superjson
 * document already parsed from JSONB (PostgreSQL).
 */
export function parametersFromColumn(value: unknown): Record<string, unknown> {
  return typeof value === "string"
    ? parametersFromText(value)
    : superjson.deserialize<Record<string, unknown>>(value as SuperJSONResult);
}

/** The flow a row holds. */
export function flowFromRow(row: FlowsTable): Flow {
  return { id: row.id, name: row.name, tags: fromJsonColumn<string[]>(row.tags), createdAt: row.created_at };
}

/** The flow run a row holds. */
export function flowRunFromRow(row: FlowRunRow): FlowRun {
  return {
    id: row.id,
    flowId: row.flow_id,
    flowName: row.flow_name,
    name: row.name,
    state: stateFromColumns(row),
    parameters: parametersFromColumn(row.parameters),
    tags: fromJsonColumn<string[]>(row.tags),
    runCount: row.run_count,
    suspensions: row.suspensions ?? 0,
    retries: row.retries,
    parentFlowRunId: row.parent_flow_run_id ?? undefined,
    parentTaskRunId: row.parent_task_run_id ?? undefined,
    dynamicKey: row.dynamic_key ?? undefined,
    expectedStartTime: row.expected_start_time ?? undefined,
    startTime: row.start_time ?? undefined,
    endTime: row.end_time ?? undefined,
    totalRunTimeMs: row.total_run_time_ms,
    host: row.host ?? undefined,
    pid: row.pid ?? undefined,
    heartbeatAt: row.heartbeat_at ?? undefined,
    entrypoint: row.entrypoint ?? undefined,
    flowVersion: row.flow_version ?? undefined,
    result: row.result === null ? undefined : fromJsonColumn<ResultRef>(row.result),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deploymentId: row.deployment_id ?? undefined,
    scheduleId: row.schedule_id ?? undefined,
    workQueueId: row.work_queue_id ?? undefined,
    jobVariables:
      row.job_variables === null || row.job_variables === undefined
        ? undefined
        : fromJsonColumn<Record<string, unknown>>(row.job_variables),
    workerName: row.worker_name ?? undefined,
    pause:
      row.state_type === StateType.PAUSED && row.pause != null
        ? fromJsonColumn<PauseInfo>(row.pause)
        : undefined,
    resumeInputs:
      row.resume_inputs == null ? undefined : fromJsonColumn<Record<string, unknown>>(row.resume_inputs),
  };
}

/** The row of a new flow run. */
export function flowRunToRow(run: NewFlowRun & { id: string }, flowId: string): FlowRunsTable {
  return {
    id: run.id,
    flow_id: flowId,
    name: run.name,
    ...stateToColumns(run.state),
    parameters: parametersToText(run.parameters),
    tags: JSON.stringify(run.tags),
    run_count: run.runCount,
    retries: run.retries,
    parent_flow_run_id: run.parentFlowRunId ?? null,
    parent_task_run_id: run.parentTaskRunId ?? null,
    dynamic_key: run.dynamicKey ?? null,
    expected_start_time: run.expectedStartTime ?? null,
    start_time: run.startTime ?? null,
    end_time: run.endTime ?? null,
    total_run_time_ms: 0,
    host: run.host ?? null,
    pid: run.pid ?? null,
    heartbeat_at: null,
    entrypoint: run.entrypoint ?? null,
    flow_version: run.flowVersion ?? null,
    result: null,
    created_at: run.createdAt,
    updated_at: run.createdAt,
    last_transition_key: null,
    deployment_id: run.deploymentId ?? null,
    schedule_id: run.scheduleId ?? null,
    work_queue_id: run.workQueueId ?? null,
    job_variables: run.jobVariables === undefined ? null : JSON.stringify(run.jobVariables),
  };
}
