/**
 * One pass of a claim: reads due runs and takes them, each in its own write transaction
 * that re-reads the run first (so two claimers never start the same run), within the
 * pool's, queues' and deployments' concurrency limits. A deployment at its limit puts the
 * run in AwaitingConcurrencySlot (collision strategy ENQUEUE) or cancels it (CANCEL_NEW).
 * `flow-run-claims.ts` builds the scope of a pass and waits for work between passes.
 *
 * @module
 */
import { hostname } from "node:os";
import type { ClaimedFlowRun, FlowRun, JobConfiguration, WaitingProcess } from "../schemas/index.js";
import { StateType, type StateData } from "../states/index.js";
import type { FlowRunTransition, Store } from "../store/index.js";
import type { DeploymentRow, DueRun, DueRunCursor } from "../store/records/index.js";
import { crashReason } from "./crashed-runs.js";
import { decideFlowRunState } from "./flow-run-state.js";
import { startFlowRun } from "./flow-run-start.js";
import { WaitingProcesses, type RunNeeds } from "./waiting-processes.js";
import { overlayJobVariables } from "./overlay-job-variables.js";

const CLAIMABLE = new Set(["Scheduled", "Late", "AwaitingRetry", "AwaitingConcurrencySlot"]);
/** An AwaitingRetry run is claimed only when the process that ran it is gone this long. */
const RETRY_ORPHAN_AFTER_MS = 30_000;

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
  // The pool's defaults, then the deployment's variables, then the run's (env merged).
  const deploymentVars =
    deployment === undefined
      ? {}
      : store.records.deployments.json<Record<string, unknown>>(deployment.job_variables);
  const vars = overlayJobVariables(
    overlayJobVariables(defaultsOf(poolTemplate), deploymentVars),
    run.jobVariables,
  );
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

/**
 * Runs a claim serves together, oldest first: the queues of one priority of a pool, or
 * the deployments of a `serve` process.
 */
export interface ClaimGroup {
  readonly workQueueIds?: readonly string[];
  readonly deploymentIds?: readonly string[];
}

export interface ClaimScope {
  /** The groups in the order they are served: a pool's queues by priority, best first. */
  readonly groups: readonly ClaimGroup[];
  /** Per-queue limits (pool claims). */
  readonly queueLimits: ReadonlyMap<string, number>;
  /** Every queue of the pool, whose active runs count against the pool's limit. */
  readonly poolQueueIds: readonly string[];
  readonly poolLimit: number | undefined;
  readonly poolTemplate: unknown;
}

/** What a claim asks for. */
export interface ClaimRequest {
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

/** The fewest due runs a claim reads per page (more when it asks for more runs). */
const DUE_PAGE_MIN = 50;
/** The most due runs one claim reads; it answers what it claimed by then. */
const MAX_DUE_PER_CLAIM = 2000;

/**
 * One claim: reads the due runs of each group in turn, a page at a time, oldest first,
 * and claims them within the pool's, queues' and deployments' limits. A queue at its limit
 * is left out of the next pages, and so is a deployment at its limit (its run is held as
 * AwaitingConcurrencySlot, or cancelled), so a backlog behind a limit never hides the runs
 * that could start.
 */
export class ClaimPass {
  readonly #store: Store;
  readonly #scope: ClaimScope;
  readonly #request: ClaimRequest;
  readonly #signal: AbortSignal | undefined;
  readonly #now = Date.now();
  readonly #claimed: ClaimedFlowRun[] = [];
  readonly #waiting: WaitingProcesses;
  readonly #deployments = new Map<string, DeploymentRow>();
  readonly #deploymentActive = new Map<string, number>();
  /** Deployments at their limit: their runs are left out of the next pages. */
  readonly #fullDeployments = new Set<string>();
  #queueActive = new Map<string, number>();
  #poolActive = 0;
  #read = 0;

  constructor(store: Store, scope: ClaimScope, request: ClaimRequest, signal: AbortSignal | undefined) {
    this.#store = store;
    this.#scope = scope;
    this.#request = request;
    this.#signal = signal;
    this.#waiting = new WaitingProcesses(request.startIn);
  }

  /** Claims what it can; answers the claimed runs. */
  async run(): Promise<ClaimedFlowRun[]> {
    // Active runs are counted where a limit needs them: per queue, or the pool's whole.
    const { poolLimit, poolQueueIds, queueLimits } = this.#scope;
    const counted = poolLimit === undefined ? [...queueLimits.keys()] : poolQueueIds;
    this.#queueActive = await this.#store.records.claims.activeCounts("work_queue_id", counted);
    this.#poolActive = [...this.#queueActive.values()].reduce((a, b) => a + b, 0);
    for (const group of this.#scope.groups) {
      if (!(await this.#serveGroup(group))) break;
    }
    return this.#claimed;
  }

  /** Whether this claim may take more runs. */
  #open(): boolean {
    const { poolLimit } = this.#scope;
    return (
      this.#claimed.length < this.#request.limit &&
      (poolLimit === undefined || this.#poolActive < poolLimit) &&
      this.#signal?.aborted !== true
    );
  }

  #queueFull(queueId: string | undefined): boolean {
    if (queueId === undefined) return false;
    const limit = this.#scope.queueLimits.get(queueId);
    return limit !== undefined && (this.#queueActive.get(queueId) ?? 0) >= limit;
  }

  /** Serves one group's due runs; answers false once the claim can take no more runs. */
  async #serveGroup(group: ClaimGroup): Promise<boolean> {
    const pageSize = Math.max(DUE_PAGE_MIN, this.#request.limit * 4);
    const until = this.#now + this.#request.prefetchSeconds * 1000;
    let after: DueRunCursor | undefined;
    for (;;) {
      if (!this.#open() || this.#read >= MAX_DUE_PER_CLAIM) return false;
      const queues = group.workQueueIds?.filter((id) => !this.#queueFull(id));
      if (queues?.length === 0) return true;
      const page = await this.#store.records.claims.due(
        {
          workQueueIds: queues,
          deploymentIds: group.deploymentIds,
          excludeDeploymentIds: [...this.#fullDeployments],
        },
        until,
        pageSize,
        after,
      );
      this.#read += page.length;
      await this.#loadDeployments(page);
      for (const item of page) {
        if (!this.#open()) return false;
        await this.#offer(item);
      }
      if (page.length < pageSize) return true;
      after = page[page.length - 1];
    }
  }

  /** Reads the deployments of `page` not read yet, and how many runs each has active. */
  async #loadDeployments(page: readonly DueRun[]): Promise<void> {
    const ids = [
      ...new Set(page.flatMap((d) => (d.deploymentId === undefined ? [] : [d.deploymentId]))),
    ].filter((id) => !this.#deployments.has(id));
    if (ids.length === 0) return;
    const records = this.#store.records;
    for (const row of await records.deployments.list({ ids, limit: 1000, offset: 0 }))
      this.#deployments.set(row.id, row);
    for (const [id, count] of await records.claims.activeCounts("deployment_id", ids))
      this.#deploymentActive.set(id, count);
  }

  /** Claims one due run, or holds it when its queue or deployment is at its limit. */
  async #offer(item: DueRun): Promise<void> {
    if (this.#queueFull(item.workQueueId)) return;
    const deployment = item.deploymentId === undefined ? undefined : this.#deployments.get(item.deploymentId);
    const deploymentCount =
      item.deploymentId === undefined ? 0 : (this.#deploymentActive.get(item.deploymentId) ?? 0);
    const limit = deployment?.concurrency_limit ?? undefined;
    if (deployment !== undefined && limit !== undefined && deploymentCount >= limit) {
      this.#fullDeployments.add(deployment.id);
      await this.#hold(item, deployment, limit);
      return;
    }
    const store = this.#store;
    if ((await claimRun(store, item.id, this.#request.workerName, this.#now)) !== "claimed") return;
    let run = await store.readFlowRun(item.id);
    if (run === undefined) return;
    if (item.workQueueId !== undefined)
      this.#queueActive.set(item.workQueueId, (this.#queueActive.get(item.workQueueId) ?? 0) + 1);
    if (item.deploymentId !== undefined) this.#deploymentActive.set(item.deploymentId, deploymentCount + 1);
    this.#poolActive++;
    const source = deployment === undefined ? undefined : store.records.deployments.source(deployment);
    const needs: RunNeeds = {
      entrypoint: deployment?.entrypoint ?? run.entrypoint ?? "",
      path: deployment?.path ?? undefined,
      job: jobOf(store, deployment, run, this.#scope.poolTemplate),
    };
    // A bundle or git source is fetched first (a new process runs it); a run due later
    // is started by its process at its time; a claimer gone already gets its runs put back.
    const local = source === undefined || source.kind === "local";
    if (local && item.scheduledTime <= this.#now && this.#signal?.aborted !== true)
      run = (await startInWaiting(store, run.id, needs, this.#waiting)) ?? run;
    this.#claimed.push({ flowRun: run, ...needs, source });
  }

  /** A run over its deployment's limit: AwaitingConcurrencySlot (ENQUEUE) or Cancelled (CANCEL_NEW). */
  async #hold(item: DueRun, deployment: DeploymentRow, limit: number): Promise<void> {
    const now = this.#now;
    if (deployment.collision_strategy === "CANCEL_NEW") {
      await setAside(
        this.#store,
        item.id,
        {
          type: StateType.CANCELLED,
          name: "Cancelled",
          timestamp: now,
          message: `deployment concurrency limit ${limit} reached (collision strategy CANCEL_NEW)`,
        },
        now,
      );
      return;
    }
    if (item.stateName === "AwaitingConcurrencySlot") return; // held already
    await setAside(
      this.#store,
      item.id,
      {
        type: StateType.SCHEDULED,
        name: "AwaitingConcurrencySlot",
        timestamp: now,
        scheduledTime: item.scheduledTime,
        message: `waiting for a slot of the deployment's concurrency limit ${limit}`,
      },
      now,
    );
  }
}
