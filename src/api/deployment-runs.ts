/**
 * Creating the runs of a deployment: parameters overlaid (deployment, schedule, request)
 * and validated against the deployment's parameter schema, job variables against its
 * pool's template, before anything is written.
 *
 * @module
 */
import type { z } from "zod";
import type { DeploymentRunCreateSchema, FlowRun } from "../schemas/index.js";
import { OrdoError } from "../errors/index.js";
import { randomRunName } from "../engine/run-name.js";
import { StateType } from "../states/index.js";
import type { Store } from "../store/index.js";
import type { DeploymentRow } from "../store/records/index.js";
import { notFoundNamed } from "./errors.js";
import { checkParameters, insertFlowRun } from "./flow-runs.js";
import { jsonSchemaIssues } from "./json-schema-validation.js";
import { scheduledRunId } from "./scheduled-run-id.js";
import { signalWork } from "./work-signal.js";
import { overlayJobVariables } from "./overlay-job-variables.js";
/** The job variables' issues against a pool's template: `ORDO_INVALID_INPUT` naming each field. */
export function checkJobVariables(
  template: Record<string, unknown>,
  jobVariables: Record<string, unknown>,
): void {
  const issues = jsonSchemaIssues(template, jobVariables, "jobVariables");
  const first = issues[0];
  if (first === undefined) return;
  throw new OrdoError(
    "ORDO_INVALID_INPUT",
    `invalid jobVariables: ${first.path === "" ? "" : `${first.path}: `}${first.message}`,
    {
      issues: issues.map((issue) => ({
        ...issue,
        path: `jobVariables${issue.path === "" ? "" : `.${issue.path}`}`,
      })),
    },
  );
}

/** The JSON Schema of a pool's job variables; `ORDO_NOT_FOUND` for an unknown pool. */
export async function poolTemplate(store: Store, poolName: string): Promise<Record<string, unknown>> {
  const pool = await store.records.workPools.row(poolName);
  if (pool === undefined) throw notFoundNamed("work pool", poolName);
  return store.records.deployments.json<{ variables: Record<string, unknown> }>(pool.base_job_template)
    .variables;
}

/** Creates a run of the deployment `row` (see {@link createDeploymentFlowRun}). */
export async function createRunOf(
  store: Store,
  row: DeploymentRow,
  create: z.output<typeof DeploymentRunCreateSchema>,
  scheduled?: { readonly scheduleId: string; readonly scheduleParameters: Record<string, unknown> },
  now: number = Date.now(),
): Promise<FlowRun> {
  const json = <T>(value: unknown): T => store.records.deployments.json<T>(value);
  const parameters = {
    ...json<Record<string, unknown>>(row.parameters),
    ...(scheduled?.scheduleParameters ?? {}),
    ...create.parameters,
  };
  if (row.parameter_schema !== null) checkParameters(json(row.parameter_schema), parameters, row.flow_name);
  if (create.jobVariables !== undefined && row.work_pool_name !== null) {
    checkJobVariables(
      await poolTemplate(store, row.work_pool_name),
      overlayJobVariables(json<Record<string, unknown>>(row.job_variables), create.jobVariables),
    );
  }
  const at = create.scheduledTime ?? now;
  const { run } = await insertFlowRun(
    store,
    {
      id: create.id ?? (scheduled === undefined ? undefined : scheduledRunId(row.id, at)),
      flowName: row.flow_name,
      name: create.name ?? randomRunName(),
      parameters,
      tags: create.tags ?? json<string[]>(row.tags),
      retries: row.retries,
      parentFlowRunId: create.parentFlowRunId,
      parentTaskRunId: create.parentTaskRunId,
      state: { type: StateType.SCHEDULED, name: "Scheduled", timestamp: now, scheduledTime: at },
      entrypoint: row.entrypoint,
      flowVersion: row.version ?? undefined,
      deploymentId: row.id,
      scheduleId: scheduled?.scheduleId,
      workQueueId: row.work_queue_id ?? undefined,
      jobVariables: create.jobVariables,
    },
    now,
  );
  signalWork();
  return run;
}
