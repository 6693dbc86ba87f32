/**
 * Work pools, their queues and workers: validated here, stored by the store's records.
 *
 * @module
 */
import {
  WorkerHeartbeatSchema,
  WorkPoolCreateSchema,
  WorkPoolNameSchema,
  WorkPoolSummariesRequestSchema,
  WorkPoolUpdateSchema,
  WorkQueueCreateSchema,
  WorkQueueUpdateSchema,
  type Worker,
  type WorkerHeartbeat,
  type WorkPool,
  type WorkPoolCreate,
  type WorkPoolSummariesRequest,
  type WorkPoolSummary,
  type WorkPoolUpdate,
  type WorkQueue,
  type WorkQueueCreate,
  type WorkQueueUpdate,
} from "../schemas/index.js";
import { OrdoError } from "../errors/index.js";
import type { Store } from "../store/index.js";
import { notFoundNamed, parseInput } from "./errors.js";
import { compileJsonSchema } from "./json-schema-validation.js";
import { PROCESS_JOB_TEMPLATE } from "../schemas/process-job-template.js";

export { PROCESS_JOB_TEMPLATE };

/** The name of the pool that deployments without a pool use when they are deployed to "default". */
export const DEFAULT_WORK_POOL = "default";

function poolName(name: string): string {
  return parseInput(WorkPoolNameSchema, name, "work pool name");
}

/**
 * Creates a work pool (with its `default` queue). Throws `ORDO_CONFLICT` when the name is
 * taken and `ORDO_INVALID_INPUT` for a bad name or template.
 *
 * @example
 * ```ts
 * await createWorkPool(store, { name: "local", concurrencyLimit: 4 });
 * ```
 */
export async function createWorkPool(store: Store, input: WorkPoolCreate): Promise<WorkPool> {
  const create = parseInput(WorkPoolCreateSchema, input, "work pool");
  const baseJobTemplate = create.baseJobTemplate ?? PROCESS_JOB_TEMPLATE;
  compileJsonSchema(baseJobTemplate.variables, "baseJobTemplate.variables");
  const now = Date.now();
  const created = await store.records.workPools.create({ ...create, baseJobTemplate, now });
  if (!created) {
    throw new OrdoError("ORDO_CONFLICT", `a work pool named ${create.name} exists`, { name: create.name });
  }
  return readWorkPool(store, create.name);
}

/** The pool named `name`; throws `ORDO_NOT_FOUND` when there is none. */
export async function readWorkPool(store: Store, name: string): Promise<WorkPool> {
  const pool = await store.records.workPools.get(poolName(name), Date.now());
  if (pool === undefined) throw notFoundNamed("work pool", name);
  return pool;
}

/** Work pools, by name. */
export async function readWorkPools(
  store: Store,
  page: { limit?: number | undefined; offset?: number | undefined } = {},
): Promise<WorkPool[]> {
  return store.records.workPools.list(Date.now(), page.limit ?? 200, page.offset ?? 0);
}

/** Queue counts and workers by status of the named pools (unknown names left out), by name. */
export async function readWorkPoolSummaries(
  store: Store,
  input: WorkPoolSummariesRequest,
): Promise<WorkPoolSummary[]> {
  const { names } = parseInput(WorkPoolSummariesRequestSchema, input, "work pool summaries");
  return store.records.workPools.summaries(names, Date.now());
}

/** Changes a pool (pause/resume, limit, description, template); throws `ORDO_NOT_FOUND` for an unknown pool. */
export async function updateWorkPool(store: Store, name: string, input: WorkPoolUpdate): Promise<WorkPool> {
  const changes = parseInput(WorkPoolUpdateSchema, input, "work pool update");
  if (changes.baseJobTemplate !== undefined) {
    compileJsonSchema(changes.baseJobTemplate.variables, "baseJobTemplate.variables");
  }
  if (!(await store.records.workPools.update(poolName(name), changes, Date.now())))
    throw notFoundNamed("work pool", name);
  return readWorkPool(store, name);
}

/** Deletes a pool with its queues and workers; throws `ORDO_NOT_FOUND` for an unknown pool. */
export async function deleteWorkPool(store: Store, name: string): Promise<void> {
  if (!(await store.records.workPools.delete(poolName(name)))) throw notFoundNamed("work pool", name);
}

/** Creates a queue in a pool; `ORDO_CONFLICT` when it exists, `ORDO_NOT_FOUND` for an unknown pool. */
export async function createWorkQueue(
  store: Store,
  pool: string,
  input: WorkQueueCreate,
): Promise<WorkQueue> {
  const create = parseInput(WorkQueueCreateSchema, input, "work queue");
  const outcome = await store.records.workPools.createQueue(poolName(pool), { ...create, now: Date.now() });
  if (outcome === "no-pool") throw notFoundNamed("work pool", pool);
  if (outcome === "exists") {
    throw new OrdoError("ORDO_CONFLICT", `work pool ${pool} has a queue named ${create.name}`, {
      pool,
      name: create.name,
    });
  }
  return readWorkQueue(store, pool, create.name);
}

/** A pool's queues by priority; `ORDO_NOT_FOUND` for an unknown pool. */
export async function readWorkQueues(store: Store, pool: string): Promise<WorkQueue[]> {
  const queues = await store.records.workPools.queues(poolName(pool), Date.now());
  if (queues === undefined) throw notFoundNamed("work pool", pool);
  return queues;
}

/** One queue; `ORDO_NOT_FOUND` for an unknown pool or queue. */
export async function readWorkQueue(store: Store, pool: string, name: string): Promise<WorkQueue> {
  const queue = (await readWorkQueues(store, pool)).find((q) => q.name === name);
  if (queue === undefined) throw notFoundNamed("work queue", `${pool}/${name}`);
  return queue;
}

/** Changes a queue; `ORDO_NOT_FOUND` for an unknown pool or queue. */
export async function updateWorkQueue(
  store: Store,
  pool: string,
  name: string,
  input: WorkQueueUpdate,
): Promise<WorkQueue> {
  const changes = parseInput(WorkQueueUpdateSchema, input, "work queue update");
  if (!(await store.records.workPools.updateQueue(poolName(pool), name, changes, Date.now()))) {
    throw notFoundNamed("work queue", `${pool}/${name}`);
  }
  return readWorkQueue(store, pool, name);
}

/** Deletes a queue; `ORDO_NOT_FOUND` for an unknown pool or queue. The `default` queue stays. */
export async function deleteWorkQueue(store: Store, pool: string, name: string): Promise<void> {
  if (name === "default") {
    throw new OrdoError("ORDO_CONFLICT", "a pool's default queue cannot be deleted", { pool, name });
  }
  if (!(await store.records.workPools.deleteQueue(poolName(pool), name)))
    throw notFoundNamed("work queue", `${pool}/${name}`);
}

/** Records a worker's heartbeat (registering it); `ORDO_NOT_FOUND` for an unknown pool. */
export async function heartbeatWorker(store: Store, pool: string, input: WorkerHeartbeat): Promise<void> {
  const beat = parseInput(WorkerHeartbeatSchema, input, "worker heartbeat");
  const known = await store.records.workPools.heartbeat(
    poolName(pool),
    beat.name,
    beat.heartbeatIntervalSeconds,
    Date.now(),
    beat.stopped,
  );
  if (!known) throw notFoundNamed("work pool", pool);
}

/** A pool's workers; `ORDO_NOT_FOUND` for an unknown pool. */
export async function readWorkers(store: Store, pool: string): Promise<Worker[]> {
  const workers = await store.records.workPools.workers(poolName(pool), Date.now());
  if (workers === undefined) throw notFoundNamed("work pool", pool);
  return workers;
}

/** Removes a stopped worker's registration; `ORDO_NOT_FOUND` when there is none. */
export async function deleteWorker(store: Store, pool: string, name: string): Promise<void> {
  if (!(await store.records.workPools.deleteWorker(poolName(pool), name)))
    throw notFoundNamed("worker", `${pool}/${name}`);
}
