/**
 * Claims: a worker (or a `serve` process) takes due runs atomically. Each run is moved
 * from a claimable state to Pending/InfrastructurePending inside its own write
 * transaction, which re-reads it first, so two claimers never start the same run.
 *
 * Here: what a claim may take (a pool's open queues by priority, or a `serve` process's
 * deployments), waiting for work between passes, and putting back the runs of a claimer
 * that went away. One pass, with the concurrency limits, is in `claim-pass.ts`.
 *
 * @module
 */
import type { z } from "zod";
import {
  DeploymentClaimSchema,
  WorkPoolClaimSchema,
  type ClaimedFlowRun,
  type DeploymentClaim,
  type FlowRun,
  type WorkPoolClaim,
} from "../schemas/index.js";
import { StateType, type StateData } from "../states/index.js";
import type { FlowRunTransition, Store } from "../store/index.js";
import { ClaimPass, type ClaimGroup, type ClaimRequest, type ClaimScope } from "./claim-pass.js";
import { notFoundNamed, parseInput } from "./errors.js";
import { decideFlowRunState } from "./flow-run-state.js";
import { markDeploymentsPolled } from "./deployments.js";
import { signalWork, waitForWork } from "./work-signal.js";

/** How long a waiting claim sleeps between passes when no work signal wakes it. */
const RECHECK_MS = 1000;

/** The claim in progress on each store of this process. */
const claimsInProgress = new WeakMap<Store, Promise<unknown>>();

/**
 * Runs claims on one store one at a time, so that the concurrency limits counted by one
 * claim hold against the next (within this server process; servers sharing PostgreSQL
 * may still overshoot a limit briefly).
 */
function serialized<T>(store: Store, work: () => Promise<T>): Promise<T> {
  const previous = claimsInProgress.get(store) ?? Promise.resolve();
  const next = previous.then(work, work);
  claimsInProgress.set(
    store,
    next.catch(() => undefined),
  );
  return next;
}

/**
 * Whether `run` is still as the claim left it: claimed (InfrastructurePending), or
 * started by the claim in a waiting process (`claimed` has that process) and not moved on.
 */
function untouchedSinceClaim(run: FlowRun, claimed: FlowRun): boolean {
  if (run.state.type === StateType.PENDING && run.state.name === "InfrastructurePending") return true;
  return (
    claimed.pid !== undefined &&
    run.pid === claimed.pid &&
    run.host === claimed.host &&
    run.state.name === claimed.state.name &&
    run.state.timestamp === claimed.state.timestamp
  );
}

/**
 * Puts runs back in their queue that were claimed for a claimer that went away before
 * the answer (a worker that stopped and aborted its long poll): Scheduled again, or
 * AwaitingRetry for a run that ran before, at their scheduled time. A run the claim
 * started in a waiting process goes back too (its attempt count keeps that start).
 */
async function giveBack(store: Store, claimed: readonly ClaimedFlowRun[], now: number): Promise<void> {
  for (const { flowRun } of claimed) {
    await store.transitionFlowRun(flowRun.id, (run): FlowRunTransition<boolean> => {
      if (!untouchedSinceClaim(run, flowRun)) return { outcome: false };
      const ranBefore = run.state.type === StateType.RUNNING ? run.runCount > 1 : run.runCount > 0;
      const back: StateData = {
        type: StateType.SCHEDULED,
        name: ranBefore ? "AwaitingRetry" : "Scheduled",
        timestamp: now,
        scheduledTime: run.state.scheduledTime ?? now,
        message: "its claimer went away before it received the run",
      };
      return { outcome: true, write: decideFlowRunState(run, back, { force: true }, now).write };
    });
  }
  if (claimed.length > 0) signalWork();
}

async function claimWithWait(
  store: Store,
  scope: () => Promise<ClaimScope>,
  request: ClaimRequest,
  signal?: AbortSignal,
): Promise<ClaimedFlowRun[]> {
  const deadline = Date.now() + request.waitSeconds * 1000;
  for (;;) {
    const claimed = await serialized(store, async () =>
      new ClaimPass(store, await scope(), request, signal).run(),
    );
    if (signal?.aborted === true) {
      await giveBack(store, claimed, Date.now());
      return [];
    }
    const left = deadline - Date.now();
    if (claimed.length > 0 || left <= 0) return claimed;
    await waitForWork(Math.min(left, RECHECK_MS), signal);
  }
}

/** A pool's open queues as claim groups: one per priority, the best (lowest number) first. */
function queuesByPriority(queues: readonly { id: string; priority: number }[]): ClaimGroup[] {
  const byPriority = new Map<number, string[]>();
  for (const q of [...queues].sort((a, b) => a.priority - b.priority)) {
    const ids = byPriority.get(q.priority) ?? [];
    ids.push(q.id);
    byPriority.set(q.priority, ids);
  }
  return [...byPriority.values()].map((workQueueIds) => ({ workQueueIds }));
}

/**
 * Claims up to `limit` runs of a work pool that are due within `prefetchSeconds`, by
 * queue priority then scheduled time, within the pool's and queues' concurrency limits;
 * with `waitSeconds`, waits that long for one to arrive. Once `signal` aborts (the
 * claimer went away), it answers no runs and puts back any it claimed meanwhile. Registers the worker's poll
 * (its queues show READY). `ORDO_NOT_FOUND` for an unknown pool; a paused pool or queue
 * yields nothing.
 *
 * @example
 * ```ts
 * const runs = await claimWorkPoolRuns(store, "local", { workerName: "w1", limit: 4 });
 * ```
 */
export async function claimWorkPoolRuns(
  store: Store,
  poolName: string,
  input: WorkPoolClaim,
  signal?: AbortSignal,
): Promise<ClaimedFlowRun[]> {
  const request: z.output<typeof WorkPoolClaimSchema> = parseInput(WorkPoolClaimSchema, input, "claim");
  const scope = async (): Promise<ClaimScope> => {
    const pool = await store.records.workPools.row(poolName);
    if (pool === undefined) throw notFoundNamed("work pool", poolName);
    const allQueues = await store.records.workPools.queueRows(pool.id);
    const queues = allQueues.filter(
      (q) => request.workQueueNames === undefined || request.workQueueNames.includes(q.name),
    );
    await store.records.workPools.markQueuesPolled(
      queues.map((q) => q.id),
      Date.now(),
    );
    const open = pool.paused === 1 ? [] : queues.filter((q) => q.paused === 0);
    const queueLimits = new Map<string, number>();
    for (const q of queues) if (q.concurrency_limit !== null) queueLimits.set(q.id, q.concurrency_limit);
    return {
      groups: queuesByPriority(open),
      queueLimits,
      poolQueueIds: allQueues.map((q) => q.id),
      poolLimit: pool.concurrency_limit ?? undefined,
      poolTemplate: store.records.deployments.json<{ variables: unknown }>(pool.base_job_template).variables,
    };
  };
  return claimWithWait(store, scope, request, signal);
}

/**
 * Claims due runs of the given deployments for a `serve` process (no work pool), within
 * the deployments' concurrency limits, and marks the deployments polled (READY). An
 * aborted `signal` ends the wait as for {@link claimWorkPoolRuns}.
 */
export async function claimDeploymentRuns(
  store: Store,
  input: DeploymentClaim,
  signal?: AbortSignal,
): Promise<ClaimedFlowRun[]> {
  const request = parseInput(DeploymentClaimSchema, input, "claim");
  const scope = async (): Promise<ClaimScope> => {
    await markDeploymentsPolled(store, request.deploymentIds);
    // A paused deployment's schedules make no runs, but its triggered runs still start, as
    // a worker's claim starts them (and as Prefect does).
    const rows = await store.records.deployments.list({ ids: request.deploymentIds, limit: 1000, offset: 0 });
    return {
      groups: [{ deploymentIds: rows.map((row) => row.id) }],
      queueLimits: new Map(),
      poolQueueIds: [],
      poolLimit: undefined,
      poolTemplate: undefined,
    };
  };
  return claimWithWait(store, scope, request, signal);
}
