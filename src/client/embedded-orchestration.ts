/**
 * The orchestration calls over a store, in this process: the `OrchestrationClient` of
 * `EmbeddedClient`. Kept apart from the HTTP implementation so that a process talking to
 * a server (a run's process, a worker) does not load the `api/` layer and what it needs
 * (the store's modules, ajv, the schedule parsers).
 *
 * @module
 */
import * as api from "../api/index.js";
import { uuid7 } from "../ids/uuid7.js";
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
import type { Store } from "../store/index.js";
import type { ClaimOptions, RunProcessInfo, OrchestrationClient } from "./orchestration-client.js";

/** The orchestration calls over a store, in this process. */
export class EmbeddedOrchestration implements OrchestrationClient {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  createWorkPool(input: WorkPoolCreate): Promise<WorkPool> {
    return api.createWorkPool(this.#store, input);
  }
  readWorkPool(name: string): Promise<WorkPool> {
    return api.readWorkPool(this.#store, name);
  }
  readWorkPools(): Promise<WorkPool[]> {
    return api.readWorkPools(this.#store);
  }
  updateWorkPool(name: string, input: WorkPoolUpdate): Promise<WorkPool> {
    return api.updateWorkPool(this.#store, name, input);
  }
  deleteWorkPool(name: string): Promise<void> {
    return api.deleteWorkPool(this.#store, name);
  }
  createWorkQueue(pool: string, input: WorkQueueCreate): Promise<WorkQueue> {
    return api.createWorkQueue(this.#store, pool, input);
  }
  readWorkQueues(pool: string): Promise<WorkQueue[]> {
    return api.readWorkQueues(this.#store, pool);
  }
  readWorkQueue(pool: string, name: string): Promise<WorkQueue> {
    return api.readWorkQueue(this.#store, pool, name);
  }
  updateWorkQueue(pool: string, name: string, input: WorkQueueUpdate): Promise<WorkQueue> {
    return api.updateWorkQueue(this.#store, pool, name, input);
  }
  deleteWorkQueue(pool: string, name: string): Promise<void> {
    return api.deleteWorkQueue(this.#store, pool, name);
  }
  heartbeatWorker(pool: string, input: WorkerHeartbeat): Promise<void> {
    return api.heartbeatWorker(this.#store, pool, input);
  }
  readWorkers(pool: string): Promise<Worker[]> {
    return api.readWorkers(this.#store, pool);
  }
  deleteWorker(pool: string, name: string): Promise<void> {
    return api.deleteWorker(this.#store, pool, name);
  }
  claimWorkPoolRuns(
    pool: string,
    claim: WorkPoolClaim,
    options: ClaimOptions = {},
  ): Promise<ClaimedFlowRun[]> {
    return api.claimWorkPoolRuns(this.#store, pool, claim, options.signal);
  }
  claimDeploymentRuns(claim: DeploymentClaim, options: ClaimOptions = {}): Promise<ClaimedFlowRun[]> {
    return api.claimDeploymentRuns(this.#store, claim, options.signal);
  }
  createDeployment(input: DeploymentCreate): Promise<Deployment> {
    return api.createDeployment(this.#store, input);
  }
  readDeployment(idOrName: string): Promise<Deployment> {
    return api.readDeployment(this.#store, idOrName);
  }
  readDeployments(filter?: DeploymentFilter): Promise<Deployment[]> {
    return api.readDeployments(this.#store, filter);
  }
  updateDeployment(idOrName: string, input: DeploymentUpdate): Promise<Deployment> {
    return api.updateDeployment(this.#store, idOrName, input);
  }
  deleteDeployment(idOrName: string): Promise<void> {
    return api.deleteDeployment(this.#store, idOrName);
  }
  createDeploymentFlowRun(idOrName: string, input?: DeploymentRunCreate): Promise<FlowRun> {
    return api.createDeploymentFlowRun(this.#store, idOrName, input);
  }
  backfillDeployment(idOrName: string, input: DeploymentBackfill): Promise<DeploymentBackfillResult> {
    return api.backfillDeployment(this.#store, idOrName, input);
  }
  createDeploymentSchedules(
    idOrName: string,
    input: DeploymentSchedulesCreate,
  ): Promise<DeploymentScheduleRecord[]> {
    return api.createDeploymentSchedules(this.#store, idOrName, input);
  }
  updateDeploymentSchedule(
    idOrName: string,
    schedule: string,
    input: DeploymentScheduleUpdate,
  ): Promise<DeploymentScheduleRecord> {
    return api.updateDeploymentSchedule(this.#store, idOrName, schedule, input);
  }
  deleteDeploymentSchedule(idOrName: string, schedule: string): Promise<void> {
    return api.deleteDeploymentSchedule(this.#store, idOrName, schedule);
  }
  cancelFlowRun(id: string, reason?: string): Promise<FlowRun> {
    return api.cancelFlowRun(this.#store, id, reason);
  }
  deleteFlowRun(id: string): Promise<void> {
    return api.deleteFlowRun(this.#store, id);
  }
  markFlowRunCancelled(id: string, reason?: string): Promise<FlowRun> {
    return api.finishCancellation(this.#store, id, reason);
  }
  attachFlowRunProcess(id: string, host: string, pid: number): Promise<void> {
    return api.attachFlowRunProcess(this.#store, id, host, pid);
  }
  startFlowRun(id: string, process: RunProcessInfo): Promise<SetStateResult> {
    return api.startFlowRun(this.#store, id, { process, idempotencyKey: uuid7() });
  }
}
