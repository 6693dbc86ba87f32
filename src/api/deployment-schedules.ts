/**
 * A deployment's schedules one at a time: add some, change one, delete one (Prefect's
 * `/deployments/{id}/schedules` routes). Each change is one transaction that leaves the
 * deployment's other schedules, and the runs they planned, alone: two edits at once both
 * land, where writing the whole list back (`updateDeployment` with `schedules`) keeps only
 * the last writer's.
 *
 * @module
 */
import { OrdoError } from "../errors/index.js";
import { canonicalize } from "../hashing/canonicalize.js";
import {
  DeploymentScheduleUpdateSchema,
  DeploymentSchedulesCreateSchema,
  MAX_DEPLOYMENT_SCHEDULES,
  type DeploymentScheduleRecord,
  type DeploymentScheduleUpdate,
  type DeploymentSchedulesCreate,
} from "../schemas/index.js";
import type { Store } from "../store/index.js";
import type { DeploymentRow, ScheduleChange, ScheduleRow, ScheduleWrite } from "../store/records/index.js";
import {
  checkScheduleParameters,
  checkSpecComputable,
  planAfterWrite,
  rowOf,
  scheduleRecord,
  scheduleWrite,
} from "./deployments.js";
import { parseInput } from "./errors.js";

/** The deployment's schedule `ref` (its id, else its slug); `ORDO_NOT_FOUND` naming the others. */
function scheduleOf(row: DeploymentRow, schedules: readonly ScheduleRow[], ref: string): ScheduleRow {
  const found = schedules.find((s) => s.id === ref) ?? schedules.find((s) => s.slug === ref);
  if (found !== undefined) return found;
  const name = `${row.flow_name}/${row.name}`;
  const known = schedules.map((s) => (s.slug === undefined ? s.id : `${s.id} (${s.slug})`));
  return notFoundIn(name, ref, known);
}

function notFoundIn(deployment: string, ref: string, known: readonly string[]): never {
  const others = known.length === 0 ? "it has none" : `its schedules: ${known.join(", ")}`;
  throw new OrdoError("ORDO_NOT_FOUND", `deployment ${deployment} has no schedule '${ref}' (${others})`, {
    deployment,
    schedule: ref,
  });
}

function invalid(what: string, path: string, message: string): OrdoError {
  const where = path === "" ? "" : `${path}: `;
  return new OrdoError("ORDO_INVALID_INPUT", `invalid ${what}: ${where}${message}`, {
    issues: [{ path, message }],
  });
}

/** The deployment's parameter schema and defaults, when it has a schema. */
function schemaOf(
  store: Store,
  row: DeploymentRow,
): { schema: Record<string, unknown>; parameters: Record<string, unknown> } | undefined {
  if (row.parameter_schema === null) return undefined;
  const json = <T>(value: unknown): T => store.records.deployments.json<T>(value);
  return { schema: json(row.parameter_schema), parameters: json(row.parameters) };
}

/** The schedules of deployment `idOrName` (an id or `FLOW/NAME`); `ORDO_NOT_FOUND` for an unknown one. */
export async function readDeploymentSchedules(
  store: Store,
  idOrName: string,
): Promise<DeploymentScheduleRecord[]> {
  const row = await rowOf(store, idOrName);
  return (await store.records.deployments.schedules([row.id])).map(scheduleRecord);
}

/**
 * Adds schedules to a deployment; its other schedules and their planned runs stay as they
 * are. Refused with nothing written (`ORDO_INVALID_INPUT`, `ORDO_INVALID_PARAMETERS`): a
 * slug the deployment's schedules use already, more than 50 schedules in all, a schedule
 * that cannot be planned, parameters its schema refuses; `ORDO_CONFLICT` for an `id`
 * another deployment's schedule has. A schedule sent with an `id` the deployment has
 * already (the same request sent again) is returned as it is, not added twice. The new
 * schedules' runs are planned before it returns them.
 *
 * @example
 * ```ts
 * const [added] = await createDeploymentSchedules(store, "etl/nightly", [
 *   { cron: "0 6 * * 1-5", timezone: "America/New_York", slug: "weekday-morning" },
 * ]);
 * ```
 */
export async function createDeploymentSchedules(
  store: Store,
  idOrName: string,
  input: DeploymentSchedulesCreate,
): Promise<DeploymentScheduleRecord[]> {
  const what = "deployment schedules";
  const sent = parseInput(DeploymentSchedulesCreateSchema, input, what);
  const row = await rowOf(store, idOrName);
  const records = store.records.deployments;
  // Schedules whose ids are stored already were added by this request sent before: kept as they are.
  const stored = await records.schedulesByIds(sent.flatMap((s) => (s.id === undefined ? [] : [s.id])));
  const taken = stored.find((s) => s.deploymentId !== row.id);
  if (taken !== undefined) {
    throw new OrdoError(
      "ORDO_CONFLICT",
      `schedule id ${taken.id} is taken by another deployment's schedule`,
      {
        schedule: taken.id,
      },
    );
  }
  const fresh = sent.filter((s) => s.id === undefined || !stored.some((row) => row.id === s.id));
  const current = await records.schedules([row.id]);
  if (current.length + fresh.length > MAX_DEPLOYMENT_SCHEDULES) {
    throw invalid(
      what,
      "",
      `a deployment has at most ${MAX_DEPLOYMENT_SCHEDULES} schedules (it has ${current.length}; ${fresh.length} more were sent)`,
    );
  }
  const now = Date.now();
  const writes = fresh.map(({ id, ...schedule }) => ({ ...scheduleWrite(schedule), id }));
  for (const [index, schedule] of fresh.entries()) {
    const holder = current.find((s) => schedule.slug !== undefined && s.slug === schedule.slug);
    const path = String(sent.indexOf(schedule));
    if (holder !== undefined) {
      throw invalid(what, `${path}.slug`, `slug '${schedule.slug}' names schedule ${holder.id} already`);
    }
    checkSpecComputable(writes[index]!.spec, what, path, now);
  }
  const defaults = schemaOf(store, row);
  if (defaults !== undefined)
    checkScheduleParameters(defaults.schema, defaults.parameters, fresh, row.flow_name);
  const ids = fresh.length === 0 ? [] : await addOrFindSent(store, row.id, writes, now);
  if (ids.length > 0) await planAfterWrite(store, row.id, now);
  // In the request's order: what it added, and what it had added before.
  const storedById = new Map(stored.map((s) => [s.id, s]));
  return sent.map((schedule) => {
    const index = fresh.indexOf(schedule);
    if (index === -1) return scheduleRecord(storedById.get(schedule.id ?? "")!);
    const { spec, active, parameters, slug } = writes[index]!;
    return scheduleRecord({ id: ids[index]!, deploymentId: row.id, spec, active, parameters, slug });
  });
}

/**
 * Adds the schedules; when that fails because the same request, sent again at the same
 * time, added them first (every one has an id, and the deployment has them all), their
 * ids.
 */
async function addOrFindSent(
  store: Store,
  deploymentId: string,
  writes: readonly (ScheduleWrite & { readonly id?: string | undefined })[],
  now: number,
): Promise<string[]> {
  const records = store.records.deployments;
  try {
    return await records.addSchedules(deploymentId, writes, now);
  } catch (error) {
    const ids = writes.flatMap((w) => (w.id === undefined ? [] : [w.id]));
    if (ids.length < writes.length) throw error;
    const found = await records.schedulesByIds(ids);
    if (found.length < ids.length || found.some((s) => s.deploymentId !== deploymentId)) throw error;
    return ids;
  }
}

/**
 * Changes one schedule of a deployment, named by its id or slug; it keeps its id and the
 * deployment's other schedules stay as they are. Pausing it, or changing its spec or
 * parameters, removes its future unstarted runs, and the runs it should have are planned
 * again before it returns. `ORDO_NOT_FOUND` for an unknown schedule (naming the
 * deployment's); the checks of {@link createDeploymentSchedules} otherwise.
 *
 * @example
 * ```ts
 * await updateDeploymentSchedule(store, "etl/nightly", "weekday-morning", { active: false });
 * ```
 */
export async function updateDeploymentSchedule(
  store: Store,
  idOrName: string,
  scheduleRef: string,
  input: DeploymentScheduleUpdate,
): Promise<DeploymentScheduleRecord> {
  const what = "deployment schedule update";
  const change = parseInput(DeploymentScheduleUpdateSchema, input, what);
  const row = await rowOf(store, idOrName);
  const records = store.records.deployments;
  const current = await records.schedules([row.id]);
  const target = scheduleOf(row, current, scheduleRef);
  const slug = change.slug;
  if (slug !== undefined && slug !== null) {
    const holder = current.find((s) => s.id !== target.id && s.slug === slug);
    if (holder !== undefined)
      throw invalid(what, "slug", `slug '${slug}' names schedule ${holder.id} already`);
  }
  const now = Date.now();
  // An unchanged spec or parameters are left out: the schedule's planned runs stay.
  const differs = (a: unknown, b: unknown) => canonicalize(a) !== canonicalize(b);
  const spec =
    change.schedule !== undefined && differs(change.schedule, target.spec) ? change.schedule : undefined;
  const parameters =
    change.parameters !== undefined && differs(change.parameters, target.parameters)
      ? change.parameters
      : undefined;
  if (spec !== undefined) checkSpecComputable(spec, what, "schedule", now);
  const defaults = schemaOf(store, row);
  if (defaults !== undefined && parameters !== undefined)
    checkScheduleParameters(defaults.schema, defaults.parameters, [{ parameters }], row.flow_name);
  const write: ScheduleChange = { spec, active: change.active, parameters, slug };
  if (!(await records.updateSchedule(row.id, target.id, write, now))) {
    // Deleted since it was read.
    notFoundIn(`${row.flow_name}/${row.name}`, scheduleRef, []);
  }
  await planAfterWrite(store, row.id, now);
  return scheduleRecord({
    ...target,
    spec: spec ?? target.spec,
    active: change.active ?? target.active,
    parameters: parameters ?? target.parameters,
    slug: slug === undefined ? target.slug : (slug ?? undefined),
  });
}

/**
 * Deletes one schedule of a deployment, named by its id or slug, with its future
 * unstarted runs; the deployment's other schedules stay. `ORDO_NOT_FOUND` for an unknown
 * schedule, naming the deployment's.
 */
export async function deleteDeploymentSchedule(
  store: Store,
  idOrName: string,
  scheduleRef: string,
): Promise<void> {
  const row = await rowOf(store, idOrName);
  const current = await store.records.deployments.schedules([row.id]);
  const target = scheduleOf(row, current, scheduleRef);
  if (!(await store.records.deployments.deleteSchedule(row.id, target.id, Date.now()))) {
    notFoundIn(`${row.flow_name}/${row.name}`, scheduleRef, []);
  }
}
