/**
 * Deployments: a flow made runnable remotely, on schedules or on demand. Validated here;
 * runs of a deployment are checked against its parameter schema (and their job
 * variables against the pool's template) before anything is written.
 *
 * @module
 */
import {
  DeploymentBackfillSchema,
  DeploymentCreateSchema,
  DeploymentFilterSchema,
  DeploymentRunCreateSchema,
  DeploymentUpdateSchema,
  type Deployment,
  type DeploymentBackfill,
  type DeploymentBackfillResult,
  type DeploymentCreate,
  type DeploymentFilter,
  type DeploymentRunCreate,
  type DeploymentSchedule,
  type DeploymentSource,
  type DeploymentUpdate,
  type DeploymentScheduleRecord,
  type FlowRun,
  type ScheduleSpec,
  type WorkStatus,
} from "../schemas/index.js";
import { OrdoError } from "../errors/index.js";
import { backfillSlots, describeSchedule, scheduledTimes } from "../schedules/index.js";

import type { Store } from "../store/index.js";
import type { DeploymentRow, ScheduleRow, ScheduleWrite } from "../store/records/index.js";
import { parseDeploymentName } from "./deployment-name.js";
import { notFound, notFoundNamed, parseInput } from "./errors.js";
import { checkParameters } from "./flow-runs.js";
import { checkJobVariables, createRunOf, poolTemplate } from "./deployment-runs.js";
import { scheduleDeploymentRuns } from "./scheduler.js";
import { scheduledRunId } from "./scheduled-run-id.js";
import { DEFAULT_WORK_POOL, PROCESS_JOB_TEMPLATE } from "./work-pools.js";

/** A serve process counts as polling (deployment READY) this long after its last poll. */
const SERVE_READY_WINDOW_MS = 60_000;

/** A schedule as stored: its spec apart from its active flag, parameters and slug. */
export function scheduleWrite(schedule: DeploymentSchedule): ScheduleWrite {
  const { active, parameters, slug, ...spec } = schedule;
  return { spec: spec, active: active ?? true, parameters: parameters ?? {}, slug };
}

/**
 * Refuses, before anything is written, schedules whose next time cannot be computed (an
 * rrule whose occurrences before now are too many to walk): `ORDO_INVALID_INPUT` naming
 * the schedule.
 */
function checkSchedulesComputable(schedules: readonly DeploymentSchedule[], now: number): void {
  for (const [index, schedule] of schedules.entries()) {
    checkSpecComputable(scheduleWrite(schedule).spec, "deployment", `schedules.${index}`, now);
  }
}

/**
 * Refuses a schedule spec whose next time cannot be computed: `ORDO_INVALID_INPUT` naming
 * `path` of the `what` that was sent.
 *
 * @internal
 */
export function checkSpecComputable(spec: ScheduleSpec, what: string, path: string, now: number): void {
  try {
    scheduledTimes(spec, { after: now, max: 1 });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new OrdoError("ORDO_INVALID_INPUT", `invalid ${what}: ${path}: ${message}`, {
      issues: [{ path, message }],
    });
  }
}

/**
 * Plans the runs of deployment `id` after it was written. A stored schedule that cannot be
 * planned (one the checks above would refuse today) neither undoes nor fails the write:
 * it makes no runs, and the scheduler service reports it on each pass.
 *
 * @internal
 */
export async function planAfterWrite(store: Store, id: string, now: number): Promise<void> {
  try {
    await scheduleDeploymentRuns(store, now, { deploymentIds: [id] });
  } catch (error) {
    if (!(error instanceof OrdoError) || error.code !== "ORDO_INVALID_INPUT") throw error;
  }
}

/** Pool statuses read once per list (deployments of one pool share them). */
type PoolStatuses = Map<string, Promise<WorkStatus>>;

async function statusOf(
  store: Store,
  row: DeploymentRow,
  now: number,
  pools: PoolStatuses,
): Promise<WorkStatus> {
  if (row.paused === 1) return "PAUSED";
  const poolName = row.work_pool_name;
  if (poolName !== null) {
    let status = pools.get(poolName);
    if (status === undefined) {
      status = store.records.workPools.get(poolName, now).then((pool) => pool?.status ?? "NOT_READY");
      pools.set(poolName, status);
    }
    return status;
  }
  const polled = row.last_polled_at === null ? undefined : Number(row.last_polled_at);
  return polled !== undefined && now - polled <= SERVE_READY_WINDOW_MS ? "READY" : "NOT_READY";
}

/**
 * A stored schedule as the API shows it, with its description.
 *
 * @internal
 */
export function scheduleRecord(row: ScheduleRow): DeploymentScheduleRecord {
  return {
    id: row.id,
    schedule: row.spec,
    active: row.active,
    parameters: row.parameters,
    slug: row.slug,
    description: describeSchedule(row.spec),
  };
}

async function toDeployment(
  store: Store,
  row: DeploymentRow,
  schedules: readonly ScheduleRow[],
  pools: PoolStatuses = new Map(),
): Promise<Deployment> {
  const json = <T>(value: unknown): T => store.records.deployments.json<T>(value);
  return {
    id: row.id,
    flowId: row.flow_id,
    flowName: row.flow_name,
    name: row.name,
    description: row.description ?? undefined,
    version: row.version ?? undefined,
    entrypoint: row.entrypoint,
    path: row.path ?? undefined,
    source: store.records.deployments.source(row),
    parameters: json<Record<string, unknown>>(row.parameters),
    parameterSchema:
      row.parameter_schema === null ? undefined : json<Record<string, unknown>>(row.parameter_schema),
    tags: json<string[]>(row.tags),
    workPoolName: row.work_pool_name ?? undefined,
    workQueueName: row.work_queue_name ?? undefined,
    jobVariables: json<Record<string, unknown>>(row.job_variables),
    retries: row.retries,
    concurrencyLimit: row.concurrency_limit ?? undefined,
    collisionStrategy: row.collision_strategy as Deployment["collisionStrategy"],
    stalePolicy: row.stale_policy as Deployment["stalePolicy"],
    staleAfterSeconds: row.stale_after_seconds ?? undefined,
    paused: row.paused === 1,
    schedules: schedules.filter((s) => s.deploymentId === row.id).map(scheduleRecord),
    status: await statusOf(store, row, Date.now(), pools),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/**
 * The source and path to store: a local source is also the path (older workers read
 * only `path`); a path alone is a local source; a bundle or git source has no path.
 */
function sourceAndPath(
  source: DeploymentSource | undefined,
  path: string | undefined,
): { source: DeploymentSource | undefined; path: string | undefined } {
  if (source === undefined) return { source: path === undefined ? undefined : { kind: "local", path }, path };
  return { source, path: source.kind === "local" ? source.path : undefined };
}

/**
 * The deployment `idOrName` (an id or `FLOW/NAME`); `ORDO_NOT_FOUND` naming the flow's
 * deployments when there is none.
 *
 * @internal
 */
export async function rowOf(store: Store, idOrName: string): Promise<DeploymentRow> {
  if (idOrName.includes("/")) {
    const { flowName, name } = parseDeploymentName(idOrName);
    const row = await store.records.deployments.getByName(flowName, name);
    if (row === undefined)
      throw withFlowDeployments(notFoundNamed("deployment", idOrName), await namesOfFlow(store, flowName));
    return row;
  }
  const row = await store.records.deployments.get(idOrName);
  if (row === undefined) {
    const error = notFound("deployment", idOrName);
    // A flow's name given alone: deployments are named FLOW/DEPLOYMENT.
    const names = await namesOfFlow(store, idOrName);
    throw names.length === 0 ? error : withFlowDeployments(error, names, "name one as FLOW/DEPLOYMENT");
  }
  return row;
}

/** The `flow/deployment` names of up to 10 deployments of the flow `flowName`. */
async function namesOfFlow(store: Store, flowName: string): Promise<string[]> {
  const rows = await store.records.deployments.list({ flowName, limit: 10, offset: 0 });
  return rows.map((row) => `${row.flow_name}/${row.name}`);
}

/** `error` with the flow's deployments named in its message (unchanged when there are none). */
function withFlowDeployments(error: OrdoError, names: readonly string[], advice?: string): OrdoError {
  if (names.length === 0) return error;
  const lead = advice === undefined ? "" : `${advice}; `;
  return new OrdoError(error.code, `${error.message} (${lead}its flow has ${names.join(", ")})`, {
    ...error.details,
    deployments: names,
  });
}

async function withSchedules(store: Store, row: DeploymentRow): Promise<Deployment> {
  return toDeployment(store, row, await store.records.deployments.schedules([row.id]));
}

/**
 * Creates a deployment, or replaces the one with the same flow and name. Its flow is
 * created when missing; its work pool must exist (the pool `default` is created on first
 * use); its queue defaults to the pool's `default` queue. Default parameters are checked
 * against the parameter schema, job variables against the pool's template.
 *
 * @example
 * ```ts
 * await createDeployment(store, { flowName: "etl", name: "nightly", entrypoint: "flows/etl.ts:etl",
 *   workPoolName: "local", schedules: [{ cron: "0 3 * * *", timezone: "Europe/Berlin" }] });
 * ```
 */
export async function createDeployment(store: Store, input: DeploymentCreate): Promise<Deployment> {
  const create = parseInput(DeploymentCreateSchema, input, "deployment");
  const now = Date.now();
  if (create.workPoolName === undefined && create.workQueueName !== undefined) {
    throw new OrdoError("ORDO_INVALID_INPUT", "invalid deployment: workQueueName needs workPoolName", {
      issues: [{ path: "workQueueName", message: "needs workPoolName" }],
    });
  }
  if (create.workPoolName !== undefined) {
    // The pool `default` is made on first use (below, once everything is checked), with
    // the process template its job variables are checked against here.
    const pool = await store.records.workPools.row(create.workPoolName);
    if (pool === undefined && create.workPoolName !== DEFAULT_WORK_POOL) {
      throw notFoundNamed("work pool", create.workPoolName);
    }
    const template =
      pool === undefined ? PROCESS_JOB_TEMPLATE.variables : await poolTemplate(store, create.workPoolName);
    checkJobVariables(template, create.jobVariables);
  }
  if (create.parameterSchema !== undefined) {
    checkParameters(create.parameterSchema, create.parameters, create.flowName, { partial: true });
    checkScheduleParameters(create.parameterSchema, create.parameters, create.schedules, create.flowName);
  }
  checkSchedulesComputable(create.schedules, now);
  // Everything is checked: only now are the default pool and a missing queue created.
  if (create.workPoolName === DEFAULT_WORK_POOL) await ensureDefaultWorkPool(store, now);
  const workQueueId =
    create.workPoolName === undefined
      ? undefined
      : await workQueueIdFor(store, create.workPoolName, create.workQueueName ?? "default", now);
  const flow = await store.ensureFlow({ name: create.flowName, createdAt: now });
  const id = await store.records.deployments.upsert(
    { ...create, ...sourceAndPath(create.source, create.path), flowId: flow.id, workQueueId },
    create.schedules.map(scheduleWrite),
    now,
  );
  await planAfterWrite(store, id, now);
  return readDeployment(store, id);
}

/** Creates the default pool (type process) when it does not exist. */
async function ensureDefaultWorkPool(store: Store, now: number): Promise<void> {
  if ((await store.records.workPools.row(DEFAULT_WORK_POOL)) !== undefined) return;
  await store.records.workPools.create({
    name: DEFAULT_WORK_POOL,
    type: "process",
    description: "The default pool",
    paused: false,
    baseJobTemplate: PROCESS_JOB_TEMPLATE,
    now,
  });
}

/**
 * The id of the queue `queueName` of the pool `poolName`, created (after the pool's other
 * queues) when the pool has none of that name, as Prefect does for a deployment's queue.
 */
async function workQueueIdFor(
  store: Store,
  poolName: string,
  queueName: string,
  now: number,
): Promise<string> {
  const find = async () => {
    const pool = await store.records.workPools.row(poolName);
    if (pool === undefined) throw notFoundNamed("work pool", poolName);
    return (await store.records.workPools.queueRows(pool.id)).find((q) => q.name === queueName);
  };
  const queue = await find();
  if (queue !== undefined) return queue.id;
  // "exists": another writer created it in between.
  const outcome = await store.records.workPools.createQueue(poolName, {
    name: queueName,
    paused: false,
    now,
  });
  if (outcome === "no-pool") throw notFoundNamed("work pool", poolName);
  const created = await find();
  if (created === undefined) throw notFoundNamed("work queue", `${poolName}/${queueName}`);
  return created.id;
}

/** A deployment by id or by `flow/deployment` name; `ORDO_NOT_FOUND` when there is none. */
export async function readDeployment(store: Store, idOrName: string): Promise<Deployment> {
  return withSchedules(store, await rowOf(store, idOrName));
}

/** Deployments by flow and name. */
export async function readDeployments(store: Store, filter: DeploymentFilter = {}): Promise<Deployment[]> {
  const query = parseInput(DeploymentFilterSchema, filter, "deployment filter");
  const rows = await store.records.deployments.list(query);
  const schedules = await store.records.deployments.schedules(rows.map((row) => row.id));
  const pools: PoolStatuses = new Map();
  return Promise.all(rows.map((row) => toDeployment(store, row, schedules, pools)));
}

/**
 * Changes a deployment. Pausing it (or changing its schedules) deletes the future runs
 * its (removed) schedules had made; `ORDO_NOT_FOUND` for an unknown deployment.
 */
export async function updateDeployment(
  store: Store,
  idOrName: string,
  input: DeploymentUpdate,
): Promise<Deployment> {
  const changes = parseInput(DeploymentUpdateSchema, input, "deployment update");
  const row = await rowOf(store, idOrName);
  const now = Date.now();
  if (changes.jobVariables !== undefined && row.work_pool_name !== null) {
    checkJobVariables(await poolTemplate(store, row.work_pool_name), changes.jobVariables);
  }
  if (changes.parameters !== undefined && row.parameter_schema !== null) {
    checkParameters(store.records.deployments.json(row.parameter_schema), changes.parameters, row.flow_name, {
      partial: true,
    });
  }
  if (changes.schedules !== undefined) checkSchedulesComputable(changes.schedules, now);
  if (
    row.parameter_schema !== null &&
    (changes.schedules !== undefined || changes.parameters !== undefined)
  ) {
    const json = <T>(value: unknown): T => store.records.deployments.json<T>(value);
    // New defaults are checked with the stored schedules' own parameters too.
    const schedules = changes.schedules ?? (await store.records.deployments.schedules([row.id]));
    checkScheduleParameters(
      json(row.parameter_schema),
      changes.parameters ?? json(row.parameters),
      schedules,
      row.flow_name,
    );
  }
  const records = store.records.deployments;
  if (changes.schedules === undefined) await records.update(row.id, changes, now);
  else {
    // The deployment's fields and its schedules change in one transaction.
    const update = records.updateStatements(row.id, changes, now);
    await records.replaceSchedules(row.id, changes.schedules.map(scheduleWrite), now, update);
  }
  await planAfterWrite(store, row.id, now);
  return readDeployment(store, row.id);
}

/**
 * Checks each schedule's own parameters over the deployment's (`ORDO_INVALID_PARAMETERS`):
 * a schedule whose runs the schema would refuse is refused when written, not left to
 * make no runs.
 *
 * @internal
 */
export function checkScheduleParameters(
  schema: Record<string, unknown>,
  parameters: Record<string, unknown>,
  schedules: readonly { readonly parameters?: Record<string, unknown> | undefined }[],
  flowName: string,
): void {
  for (const schedule of schedules) {
    if (schedule.parameters === undefined || Object.keys(schedule.parameters).length === 0) continue;
    checkParameters(schema, { ...parameters, ...schedule.parameters }, flowName, { partial: true });
  }
}

/** Deletes a deployment and its future scheduled runs (its past runs stay); `ORDO_NOT_FOUND` for an unknown one. */
export async function deleteDeployment(store: Store, idOrName: string): Promise<void> {
  const row = await rowOf(store, idOrName);
  await store.records.deployments.delete(row.id, Date.now());
}

/**
 * Creates a run of a deployment, Scheduled for `scheduledTime` (default now), with the
 * deployment's parameters overlaid by the given ones, validated against its parameter
 * schema: invalid parameters throw `ORDO_INVALID_PARAMETERS` naming each field and
 * nothing is created.
 *
 * @example
 * ```ts
 * const run = await createDeploymentFlowRun(store, "etl/nightly", { parameters: { n: 5 } });
 * ```
 */
export async function createDeploymentFlowRun(
  store: Store,
  idOrName: string,
  input: DeploymentRunCreate = {},
  scheduled?: { readonly scheduleId: string; readonly scheduleParameters: Record<string, unknown> },
): Promise<FlowRun> {
  const create = parseInput(DeploymentRunCreateSchema, input, "deployment run");
  const row = await rowOf(store, idOrName);
  return createRunOf(store, row, create, scheduled);
}

/** Pauses or resumes a deployment: paused, its schedules make no runs and their future runs are deleted. */
export async function setDeploymentPaused(
  store: Store,
  idOrName: string,
  paused: boolean,
): Promise<Deployment> {
  return updateDeployment(store, idOrName, { paused });
}

/**
 * Creates runs for the past slots of a deployment's active schedules between `from` and
 * `to` (both inclusive), at most `maxRuns`; slots that already have a run are counted as
 * existing. Runs are created oldest first.
 */
export async function backfillDeployment(
  store: Store,
  idOrName: string,
  input: DeploymentBackfill,
  onProgress?: (done: number, total: number) => void,
): Promise<DeploymentBackfillResult> {
  const request = parseInput(DeploymentBackfillSchema, input, "backfill");
  const row = await rowOf(store, idOrName);
  const schedules = await store.records.deployments.schedules([row.id]);
  const slots = backfillSlots(schedules, request.from, request.to, request.maxRuns);
  checkBackfillParameters(store, row, schedules, slots);
  let created = 0;
  const flowRunIds: string[] = [];
  for (const [index, slot] of slots.entries()) {
    const schedule = schedules.find((s) => s.id === slot.scheduleId)!;
    const id = scheduledRunId(row.id, slot.time, slot.variant);
    const existed = (await store.readFlowRun(id)) !== undefined;
    const run = await createRunOf(
      store,
      row,
      parseInput(DeploymentRunCreateSchema, { id, scheduledTime: slot.time }, "deployment run"),
      { scheduleId: schedule.id, scheduleParameters: schedule.parameters },
    );
    if (!existed) created++;
    flowRunIds.push(run.id);
    onProgress?.(index + 1, slots.length);
  }
  return { created, existing: slots.length - created, flowRunIds };
}

/**
 * Checks the parameters of each schedule that has slots to fill (the deployment's, under
 * the schedule's own) against the parameter schema before the first run is made, so that
 * a refused backfill (`ORDO_INVALID_PARAMETERS`) creates no runs. A schedule may lack a
 * required parameter: the write checked its parameters as partial ones.
 */
function checkBackfillParameters(
  store: Store,
  row: DeploymentRow,
  schedules: readonly ScheduleRow[],
  slots: readonly { readonly scheduleId: string }[],
): void {
  if (row.parameter_schema === null) return;
  const json = <T>(value: unknown): T => store.records.deployments.json<T>(value);
  const schema = json<Record<string, unknown>>(row.parameter_schema);
  const defaults = json<Record<string, unknown>>(row.parameters);
  const filled = new Set(slots.map((slot) => slot.scheduleId));
  for (const schedule of schedules) {
    if (!filled.has(schedule.id)) continue;
    checkParameters(schema, { ...defaults, ...schedule.parameters }, row.flow_name);
  }
}

/** Records that a serve process polled these deployments (they show READY). */
export async function markDeploymentsPolled(store: Store, ids: readonly string[]): Promise<void> {
  await store.records.deployments.markPolled(ids, Date.now());
}
