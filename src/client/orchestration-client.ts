/**
 * `OrchestrationClient`: deployments, work pools, workers, claims and cancellation, as
 * the CLI, workers, `serve` and `runDeployment` use them. Two implementations, like
 * `OrdoClient`: over the server's REST API (here), and over the store in-process
 * (`embedded-orchestration.ts`).
 *
 * @module
 */
import { uuid7 } from "../ids/uuid7.js";
import { parseDeploymentName } from "../api/deployment-name.js";
import type {
  ClaimedFlowRun,
  Deployment,
  DeploymentBackfill,
  DeploymentBackfillResult,
  DeploymentScheduleRecord,
  DeploymentScheduleUpdate,
  DeploymentSchedulesCreate,
  DeploymentClaim,
  DeploymentCreate,
  DeploymentFilter,
  DeploymentRunCreate,
  DeploymentUpdate,
  FlowRun,
  SetStateResult,
  Worker,
  WorkerHeartbeat,
  WorkPool,
  WorkPoolClaim,
  WorkPoolCreate,
  WorkPoolUpdate,
  WorkQueue,
  WorkQueueCreate,
  WorkQueueUpdate,
} from "../schemas/index.js";
import type { HttpTransport } from "./http/http-transport.js";

/** How a claim may be cut short. */
export interface ClaimOptions {
  /**
   * Ends a waiting claim early (a worker that stops): an aborted claim answers no runs,
   * and runs it had claimed meanwhile go back to their queue.
   */
  readonly signal?: AbortSignal | undefined;
}

/** The process that runs a flow run. */
export interface RunProcessInfo {
  readonly host: string;
  readonly pid: number;
}

/** Deployments, work pools, workers, claims and cancellation. */
export interface OrchestrationClient {
  createWorkPool(input: WorkPoolCreate): Promise<WorkPool>;
  readWorkPool(name: string): Promise<WorkPool>;
  readWorkPools(): Promise<WorkPool[]>;
  updateWorkPool(name: string, input: WorkPoolUpdate): Promise<WorkPool>;
  deleteWorkPool(name: string): Promise<void>;
  createWorkQueue(pool: string, input: WorkQueueCreate): Promise<WorkQueue>;
  readWorkQueues(pool: string): Promise<WorkQueue[]>;
  /** One queue of a pool; `ORDO_NOT_FOUND` when the pool or the queue does not exist. */
  readWorkQueue(pool: string, name: string): Promise<WorkQueue>;
  updateWorkQueue(pool: string, name: string, input: WorkQueueUpdate): Promise<WorkQueue>;
  deleteWorkQueue(pool: string, name: string): Promise<void>;
  /** Registers a worker and records that it is alive. */
  heartbeatWorker(pool: string, input: WorkerHeartbeat): Promise<void>;
  readWorkers(pool: string): Promise<Worker[]>;
  deleteWorker(pool: string, name: string): Promise<void>;
  /** Claims due runs of a pool, atomically; waits up to `waitSeconds` for one. */
  claimWorkPoolRuns(pool: string, claim: WorkPoolClaim, options?: ClaimOptions): Promise<ClaimedFlowRun[]>;
  /** Claims due runs of some deployments (serve processes). */
  claimDeploymentRuns(claim: DeploymentClaim, options?: ClaimOptions): Promise<ClaimedFlowRun[]>;

  /** Creates a deployment, or replaces the one with the same flow and name. */
  createDeployment(input: DeploymentCreate): Promise<Deployment>;
  /** A deployment by id or `flow/deployment` name. */
  readDeployment(idOrName: string): Promise<Deployment>;
  readDeployments(filter?: DeploymentFilter): Promise<Deployment[]>;
  /** Changes a deployment; an aborted `signal` ends the request (and its retries). */
  updateDeployment(
    idOrName: string,
    input: DeploymentUpdate,
    options?: { readonly signal?: AbortSignal | undefined },
  ): Promise<Deployment>;
  deleteDeployment(idOrName: string): Promise<void>;
  /** Creates a run of a deployment (Scheduled), validated against its parameter schema. */
  createDeploymentFlowRun(idOrName: string, input?: DeploymentRunCreate): Promise<FlowRun>;
  backfillDeployment(idOrName: string, input: DeploymentBackfill): Promise<DeploymentBackfillResult>;
  /** Adds schedules to a deployment, its others untouched; returns the new ones. */
  createDeploymentSchedules(
    idOrName: string,
    input: DeploymentSchedulesCreate,
  ): Promise<DeploymentScheduleRecord[]>;
  /** Changes one schedule of a deployment (by id or slug); it keeps its id. */
  updateDeploymentSchedule(
    idOrName: string,
    schedule: string,
    input: DeploymentScheduleUpdate,
  ): Promise<DeploymentScheduleRecord>;
  /** Deletes one schedule of a deployment (by id or slug) and its future runs. */
  deleteDeploymentSchedule(idOrName: string, schedule: string): Promise<void>;

  /** Cancels a run (Cancelled at once without a process; Cancelling otherwise). */
  cancelFlowRun(id: string, reason?: string): Promise<FlowRun>;
  /** Finishes a cancellation once the run's process is gone. */
  markFlowRunCancelled(id: string, reason?: string): Promise<FlowRun>;
  /**
   * Deletes a flow run with its states, task runs and logs: `ORDO_NOT_FOUND` for an
   * unknown id, `ORDO_CONFLICT` while it may be executing (Pending, Running, Cancelling).
   */
  deleteFlowRun(id: string): Promise<void>;
  /** Records the process that runs a flow run, for crash detection. */
  attachFlowRunProcess(id: string, host: string, pid: number): Promise<void>;
  /**
   * Starts a claimed (or Scheduled) run in one request: Pending, recorded with the
   * process that runs it, then Running, as the orchestration rules decide. Answers the
   * Running decision, or the first one that was not an ACCEPT.
   */
  startFlowRun(id: string, process: RunProcessInfo): Promise<SetStateResult>;
}

const enc = encodeURIComponent;

/** The orchestration calls over a server's REST API. */
export class HttpOrchestration implements OrchestrationClient {
  readonly #transport: HttpTransport;

  constructor(transport: HttpTransport) {
    this.#transport = transport;
  }

  #post<T>(path: string, body: unknown, retry?: "none"): Promise<T> {
    return this.#transport.request<T>({ method: "POST", path, json: JSON.stringify(body), retry });
  }
  #get<T>(path: string): Promise<T> {
    return this.#transport.request<T>({ method: "GET", path });
  }
  #patch<T>(path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    return this.#transport.request<T>({ method: "PATCH", path, json: JSON.stringify(body), signal });
  }
  #delete(path: string): Promise<void> {
    return this.#transport.request<void>({ method: "DELETE", path, answer: "none" });
  }
  async #deploymentId(idOrName: string): Promise<string> {
    return idOrName.includes("/") ? (await this.readDeployment(idOrName)).id : idOrName;
  }

  createWorkPool(input: WorkPoolCreate): Promise<WorkPool> {
    return this.#post("/work_pools", input);
  }
  readWorkPool(name: string): Promise<WorkPool> {
    return this.#get(`/work_pools/${enc(name)}`);
  }
  readWorkPools(): Promise<WorkPool[]> {
    return this.#post("/work_pools/filter", {});
  }
  updateWorkPool(name: string, input: WorkPoolUpdate): Promise<WorkPool> {
    return this.#patch(`/work_pools/${enc(name)}`, input);
  }
  deleteWorkPool(name: string): Promise<void> {
    return this.#delete(`/work_pools/${enc(name)}`);
  }
  createWorkQueue(pool: string, input: WorkQueueCreate): Promise<WorkQueue> {
    return this.#post(`/work_pools/${enc(pool)}/queues`, input);
  }
  readWorkQueues(pool: string): Promise<WorkQueue[]> {
    return this.#get(`/work_pools/${enc(pool)}/queues`);
  }
  readWorkQueue(pool: string, name: string): Promise<WorkQueue> {
    return this.#get(`/work_pools/${enc(pool)}/queues/${enc(name)}`);
  }
  updateWorkQueue(pool: string, name: string, input: WorkQueueUpdate): Promise<WorkQueue> {
    return this.#patch(`/work_pools/${enc(pool)}/queues/${enc(name)}`, input);
  }
  deleteWorkQueue(pool: string, name: string): Promise<void> {
    return this.#delete(`/work_pools/${enc(pool)}/queues/${enc(name)}`);
  }
  /** Tried once: the next heartbeat comes soon. */
  heartbeatWorker(pool: string, input: WorkerHeartbeat): Promise<void> {
    return this.#transport.request<void>({
      method: "POST",
      path: `/work_pools/${enc(pool)}/workers/heartbeat`,
      json: JSON.stringify(input),
      retry: "none",
      answer: "none",
    });
  }
  readWorkers(pool: string): Promise<Worker[]> {
    return this.#get(`/work_pools/${enc(pool)}/workers`);
  }
  deleteWorker(pool: string, name: string): Promise<void> {
    return this.#delete(`/work_pools/${enc(pool)}/workers/${enc(name)}`);
  }
  /** Tried once: the claiming loop asks again. */
  claimWorkPoolRuns(
    pool: string,
    claim: WorkPoolClaim,
    options: ClaimOptions = {},
  ): Promise<ClaimedFlowRun[]> {
    return this.#claim(`/work_pools/${enc(pool)}/claim`, claim, options.signal);
  }
  claimDeploymentRuns(claim: DeploymentClaim, options: ClaimOptions = {}): Promise<ClaimedFlowRun[]> {
    return this.#claim("/deployments/claim", claim, options.signal);
  }
  /** A claim, tried once; aborted by `signal`, it answers no runs (the server gives back what it claimed). */
  async #claim(path: string, body: unknown, signal: AbortSignal | undefined): Promise<ClaimedFlowRun[]> {
    const aborted = () => signal?.aborted === true;
    if (aborted()) return [];
    try {
      return await this.#transport.request<ClaimedFlowRun[]>({
        method: "POST",
        path,
        json: JSON.stringify(body),
        retry: "none",
        signal,
      });
    } catch (error) {
      if (aborted()) return [];
      throw error;
    }
  }
  createDeployment(input: DeploymentCreate): Promise<Deployment> {
    return this.#post("/deployments", input);
  }
  readDeployment(idOrName: string): Promise<Deployment> {
    if (!idOrName.includes("/")) return this.#get(`/deployments/${enc(idOrName)}`);
    const { flowName, name } = parseDeploymentName(idOrName);
    return this.#get(`/deployments/name/${enc(flowName)}/${enc(name)}`);
  }
  readDeployments(filter: DeploymentFilter = {}): Promise<Deployment[]> {
    return this.#post("/deployments/filter", filter);
  }
  async updateDeployment(
    idOrName: string,
    input: DeploymentUpdate,
    options: { readonly signal?: AbortSignal | undefined } = {},
  ): Promise<Deployment> {
    return this.#patch(`/deployments/${enc(await this.#deploymentId(idOrName))}`, input, options.signal);
  }
  async deleteDeployment(idOrName: string): Promise<void> {
    return this.#delete(`/deployments/${enc(await this.#deploymentId(idOrName))}`);
  }
  /** One request, by id or by name. */
  createDeploymentFlowRun(idOrName: string, input: DeploymentRunCreate = {}): Promise<FlowRun> {
    // A client-made id: a retried request returns the run the first one made.
    const body = { ...input, id: input.id ?? uuid7() };
    if (!idOrName.includes("/")) return this.#post(`/deployments/${enc(idOrName)}/create_flow_run`, body);
    const { flowName, name } = parseDeploymentName(idOrName);
    return this.#post(`/deployments/name/${enc(flowName)}/${enc(name)}/create_flow_run`, body);
  }
  async backfillDeployment(idOrName: string, input: DeploymentBackfill): Promise<DeploymentBackfillResult> {
    return this.#post(`/deployments/${enc(await this.#deploymentId(idOrName))}/backfill`, input);
  }
  async createDeploymentSchedules(
    idOrName: string,
    input: DeploymentSchedulesCreate,
  ): Promise<DeploymentScheduleRecord[]> {
    // Client-made ids: a retried request adds nothing the first one added.
    const body = input.map((schedule) => ({ ...schedule, id: schedule.id ?? uuid7() }));
    return this.#post(`/deployments/${enc(await this.#deploymentId(idOrName))}/schedules`, body);
  }
  async updateDeploymentSchedule(
    idOrName: string,
    schedule: string,
    input: DeploymentScheduleUpdate,
  ): Promise<DeploymentScheduleRecord> {
    const id = await this.#deploymentId(idOrName);
    return this.#patch(`/deployments/${enc(id)}/schedules/${enc(schedule)}`, input);
  }
  async deleteDeploymentSchedule(idOrName: string, schedule: string): Promise<void> {
    const id = await this.#deploymentId(idOrName);
    return this.#delete(`/deployments/${enc(id)}/schedules/${enc(schedule)}`);
  }
  cancelFlowRun(id: string, reason?: string): Promise<FlowRun> {
    return this.#post(`/flow_runs/${enc(id)}/cancel`, { reason });
  }
  markFlowRunCancelled(id: string, reason?: string): Promise<FlowRun> {
    return this.#post(`/flow_runs/${enc(id)}/mark_cancelled`, { reason });
  }
  deleteFlowRun(id: string): Promise<void> {
    return this.#delete(`/flow_runs/${enc(id)}`);
  }
  attachFlowRunProcess(id: string, host: string, pid: number): Promise<void> {
    return this.#transport.request<void>({
      method: "POST",
      path: `/flow_runs/${enc(id)}/process`,
      json: JSON.stringify({ host, pid }),
      answer: "none",
    });
  }
  /** Retried during an outage with the same idempotency key, so a retry starts the run once. */
  startFlowRun(id: string, process: RunProcessInfo): Promise<SetStateResult> {
    return this.#post(`/flow_runs/${enc(id)}/start`, { process, idempotencyKey: uuid7() });
  }
}
