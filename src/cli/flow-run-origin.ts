/**
 * Where a deployment run came from, by name: the names `ordo flow-run inspect` shows next
 * to the run's deployment, schedule and work queue ids.
 *
 * @module
 */
import type { OrdoClient } from "../client/ordo-client.js";
import { ErrorCode, isOrdoError } from "../errors/ordo-error.js";
import type { FlowRun } from "../schemas/index.js";
import type { FlowRunOrigin } from "./flow-run-view.js";

/** `read()`, or undefined when what it reads was deleted since. */
async function unlessDeleted<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (error) {
    if (isOrdoError(error, ErrorCode.NotFound)) return undefined;
    throw error;
  }
}

/**
 * The names of `run`'s deployment (`flow/deployment`), schedule (its description) and
 * work queue (`pool/queue`); empty for a run without a deployment, and without the names
 * of what was deleted since.
 *
 * @example
 * ```ts
 * const origin = await readFlowRunOrigin(client, run); // { deployment: "etl/nightly", … }
 * ```
 */
export async function readFlowRunOrigin(client: OrdoClient, run: FlowRun): Promise<FlowRunOrigin> {
  if (run.deploymentId === undefined) return {};
  const deployment = await unlessDeleted(() => client.orchestration.readDeployment(run.deploymentId!));
  if (deployment === undefined) return {};
  const schedule = deployment.schedules.find((s) => s.id === run.scheduleId);
  const pool = deployment.workPoolName;
  const queues =
    run.workQueueId === undefined || pool === undefined
      ? undefined
      : await unlessDeleted(() => client.orchestration.readWorkQueues(pool));
  const queue = queues?.find((q) => q.id === run.workQueueId);
  return {
    deployment: `${deployment.flowName}/${deployment.name}`,
    schedule: schedule?.description,
    workQueue: queue === undefined ? undefined : `${queue.workPoolName}/${queue.name}`,
  };
}
