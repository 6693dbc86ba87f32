/**
 * Claims: a worker (or a `serve` process) takes due runs atomically. Each run is moved
 * from a claimable state to Pending/InfrastructurePending inside its own write
 * transaction, which re-reads it first, so two claimers never start the same run.
 *
 * Queue, pool and deployment concurrency limits are checked at claim time; a deployment
 * at its limit puts the run in AwaitingConcurrencySlot (collision strategy ENQUEUE) or
 * cancels it (CANCEL_NEW).
 *
 * @module
 */
import { hostname } from "node:os";
import type { z } from "zod";
import {
  DeploymentClaimSchema,
  WorkPoolClaimSchema,
  type ClaimedFlowRun,
  type DeploymentClaim,
  type FlowRun,
  type JobConfiguration,
  type WaitingProcess,
  type WorkPoolClaim,
} from "../schemas/index.js";
import { StateType, type StateData } from "../states/index.js";
import type { FlowRunTransition, Store } from "../store/index.js";
import type { DeploymentRow, DueRun } from "../store/records/index.js";
import { crashReason } from "./crashed-runs.js";
import { notFoundNamed, parseInput } from "./errors.js";
import { decideFlowRunState } from "./flow-run-state.js";
import { startFlowRun } from "./flow-run-start.js";
import { markDeploymentsPolled } from "./deployments.js";
import { WaitingProcesses, type RunNeeds } from "./waiting-processes.js";
import { signalWork, waitForWork } from "./work-signal.js";

const CLAIMABLE = new Set(["Scheduled", "Late", "AwaitingRetry", "AwaitingConcurrencySlot"]);
/** An AwaitingRetry run is claimed only when the process that ran it is gone this long. */
const RETRY_ORPHAN_AFTER_MS = 30_000;
const RECHECK_MS = 1000;

type ClaimOutcome = "claimed" | "skipped";

function isClaimable(run: FlowRun, now: number): boolean {
  if (run.state.type !== StateType.SCHEDULED || !CLAIMABLE.has(run.state.name)) return false;
  if (run.state.name !== "AwaitingRetry") return true;
  // A flow process retrying in place waits in AwaitingRetry too: leave its run alone.
  const signs = { host: run.host, pid: run.pid, heartbeatAt: run.heartbeatAt, updatedAt: run.updatedAt };
  return (
    signs.host === undefined ||
    crashReason(signs, { host: hostname(), pid: process.pid }, now, RETRY_ORPHAN_AFTER_MS) !== undefined
  );
}

function claimRun(
  store: Store,
  id: string,
  workerName: string,
  now: number,
): Promise<ClaimOutcome | undefined> {
  const proposed: StateData = {
    type: StateType.PENDING,
    name: "InfrastructurePending",
    timestamp: now,
    message: `claimed by ${workerName}`,
  };
  return store.transitionFlowRun(id, (run): FlowRunTransition<ClaimOutcome> => {
    if (!isClaimable(run, now)) return { outcome: "skipped" };
    const decided = decideFlowRunState(
      run,
      { ...proposed, scheduledTime: run.state.scheduledTime },
      { force: true },
      now,
    );
    if (decided.write === undefined) return { outcome: "skipped" };
    // The old attempt's process (a retried run) is not this one's: crash detection waits
    // for the new process to report itself.
    return { outcome: "claimed", write: { ...decided.write, workerName, process: null } };
  });
}

/** Moves a run that cannot start yet to another SCHEDULED/CANCELLED state, if it is still claimable. */
function setAside(
  store: Store,
  id: string,
  state: StateData,
  now: number,
): Promise<ClaimOutcome | undefined> {
  return store.transitionFlowRun(id, (run): FlowRunTransition<ClaimOutcome> => {
    if (!isClaimable(run, now) || run.state.name === state.name) return { outcome: "skipped" };
    const decided = decideFlowRunState(run, state, { force: true }, now);
    return { outcome: "skipped", write: decided.write };
  });
}

function jobOf(
  store: Store,
  deployment: DeploymentRow | undefined,
  run: FlowRun,
  poolTemplate?: unknown,
): JobConfiguration {
  const vars = {
    ...defaultsOf(poolTemplate),
    ...(deployment === undefined
      ? {}
      : store.records.deployments.json<Record<string, unknown>>(deployment.job_variables)),
    ...(run.jobVariables ?? {}),
  };
  const env: Record<string, string> = {};
  if (typeof vars["env"] === "object" && vars["env"] !== null) {
    for (const [key, value] of Object.entries(vars["env"] as Record<string, unknown>))
      env[key] = String(value);
  }
  return {
    command: typeof vars["command"] === "string" ? vars["command"] : undefined,
    env,
    workingDir: typeof vars["workingDir"] === "string" ? vars["workingDir"] : undefined,
  };
}

function defaultsOf(template: unknown): Record<string, unknown> {
  const props =
    (template as { properties?: Record<string, { default?: unknown }> } | undefined)?.properties ?? {};
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) if (prop.default !== undefined) out[key] = prop.default;
  return out;
}

interface ClaimScope {
  readonly due: (until: number, limit: number) => Promise<DueRun[]>;
  /** Per-queue limits (pool claims). */
  readonly queueLimits: ReadonlyMap<string, number>;
  /** Every queue of the pool, whose active runs count against the pool's limit. */
  readonly poolQueueIds: readonly string[];
  readonly poolLimit: number | undefined;
  readonly poolTemplate: unknown;
}

/** What a claim asks for. */
interface ClaimRequest {
  readonly workerName: string;
  readonly limit: number;
  readonly prefetchSeconds: number;
  readonly waitSeconds: number;
  readonly startIn?: readonly WaitingProcess[] | undefined;
}

/**
 * Starts a just-claimed, due run in a waiting process that fits it: the flow-run start
 * (Pending with the process, then Running). Answers the run as it is then, or undefined
 * when no process fits. A run the rules do not take to Pending gives its process back;
 * one they take to Pending but not Running keeps it (the process starts it itself, as
 * it would a claimed run).
 */
async function startInWaiting(
  store: Store,
  id: string,
  needs: RunNeeds,
  waiting: WaitingProcesses,
): Promise<FlowRun | undefined> {
  const chosen = waiting.take(needs);
  if (chosen === undefined) return undefined;
  await startFlowRun(store, id, { process: { host: chosen.host, pid: chosen.pid } });
  const run = await store.readFlowRun(id);
  if (run?.pid !== chosen.pid || run.host !== chosen.host) waiting.giveBack(chosen);
  return run;
}

async function claimOnce(
  store: Store,
  scope: ClaimScope,
  request: ClaimRequest,
  signal: AbortSignal | undefined,
): Promise<ClaimedFlowRun[]> {
  const now = Date.now();
  const due = await scope.due(now + request.prefetchSeconds * 1000, request.limit * 4);
  if (due.length === 0) return [];
  const records = store.records;
  const deploymentIds = [
    ...new Set(due.flatMap((d) => (d.deploymentId === undefined ? [] : [d.deploymentId]))),
  ];
  const queueActive = await records.claims.activeCounts("work_queue_id", scope.poolQueueIds);
  const deploymentActive = await records.claims.activeCounts("deployment_id", deploymentIds);
  let poolActive = [...queueActive.values()].reduce((a, b) => a + b, 0);
  const deployments = new Map<string, DeploymentRow>();
  for (const row of await records.deployments.list({ ids: deploymentIds, limit: 1000, offset: 0 }))
    deployments.set(row.id, row);
  const claimed: ClaimedFlowRun[] = [];
  const waiting = new WaitingProcesses(request.startIn);
  for (const item of due) {
    if (claimed.length >= request.limit) break;
    if (scope.poolLimit !== undefined && poolActive >= scope.poolLimit) break;
    const queueLimit = item.workQueueId === undefined ? undefined : scope.queueLimits.get(item.workQueueId);
    const queueCount = item.workQueueId === undefined ? 0 : (queueActive.get(item.workQueueId) ?? 0);
    if (queueLimit !== undefined && queueCount >= queueLimit) continue;
    const deployment = item.deploymentId === undefined ? undefined : deployments.get(item.deploymentId);
    const deploymentCount =
      item.deploymentId === undefined ? 0 : (deploymentActive.get(item.deploymentId) ?? 0);
    if (deployment?.concurrency_limit !== null && deployment?.concurrency_limit !== undefined) {
      if (deploymentCount >= deployment.concurrency_limit) {
        const cancel = deployment.collision_strategy === "CANCEL_NEW";
        await setAside(
          store,
          item.id,
          cancel
            ? {
                type: StateType.CANCELLED,
                name: "Cancelled",
                timestamp: now,
                message: `deployment concurrency limit ${deployment.concurrency_limit} reached (collision strategy CANCEL_NEW)`,
              }
            : {
                type: StateType.SCHEDULED,
                name: "AwaitingConcurrencySlot",
                timestamp: now,
                scheduledTime: item.scheduledTime,
                message: `waiting for a slot of the deployment's concurrency limit ${deployment.concurrency_limit}`,
              },
          now,
        );
        continue;
      }
    }
    if ((await claimRun(store, item.id, request.workerName, now)) !== "claimed") continue;
    let run = await store.readFlowRun(item.id);
    if (run === undefined) continue;
    if (item.workQueueId !== undefined) queueActive.set(item.workQueueId, queueCount + 1);
    if (item.deploymentId !== undefined) deploymentActive.set(item.deploymentId, deploymentCount + 1);
    poolActive++;
    const source = deployment === undefined ? undefined : records.deployments.source(deployment);
    const needs: RunNeeds = {
      entrypoint: deployment?.entrypoint ?? run.entrypoint ?? "",
      path: deployment?.path ?? undefined,
      job: jobOf(store, deployment, run, scope.poolTemplate),
    };
    // A bundle or git source is fetched first (a new process runs it); a run due later
    // is started by its process at its time; a claimer gone already gets its runs put back.
    const local = source === undefined || source.kind === "local";
    if (local && item.scheduledTime <= now && signal?.aborted !== true)
      run = (await startInWaiting(store, run.id, needs, waiting)) ?? run;
    claimed.push({ flowRun: run, ...needs, source });
  }
  return claimed;
}

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
    const claimed = await serialized(store, async () => claimOnce(store, await scope(), request, signal));
    if (signal?.aborted === true) {
      await giveBack(store, claimed, Date.now());
      return [];
    }
    const left = deadline - Date.now();
    if (claimed.length > 0 || left <= 0) return claimed;
    await waitForWork(Math.min(left, RECHECK_MS), signal);
  }
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
    const byPriority = new Map(open.map((q) => [q.id, q.priority]));
    const queueLimits = new Map<string, number>();
    for (const q of queues) if (q.concurrency_limit !== null) queueLimits.set(q.id, q.concurrency_limit);
    return {
      due: async (until, limit) => {
        const due = await store.records.claims.due({ workQueueIds: [...byPriority.keys()] }, until, limit);
        return due.sort(
          (a, b) =>
            (byPriority.get(a.workQueueId ?? "") ?? 0) - (byPriority.get(b.workQueueId ?? "") ?? 0) ||
            a.scheduledTime - b.scheduledTime,
        );
      },
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
    const rows = await store.records.deployments.list({ ids: request.deploymentIds, limit: 1000, offset: 0 });
    const open = rows.filter((row) => row.paused === 0).map((row) => row.id);
    return {
      due: (until, limit) => store.records.claims.due({ deploymentIds: open }, until, limit),
      queueLimits: new Map(),
      poolQueueIds: [],
      poolLimit: undefined,
      poolTemplate: undefined,
    };
  };
  return claimWithWait(store, scope, request, signal);
}
