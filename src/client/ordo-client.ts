/**
 * The `OrdoClient` interface: everything the engine, the CLI and user code may ask of
 * Ordo's backend. The engine sees nothing else.
 *
 * Glossary: a *flow* is a named workflow; a *flow run* is one execution of it; a *task
 * run* is one task call inside a flow run; a *state* is where a run is in its life
 * (Pending, Running, Completed, …); the *run recorder* batches task-run and log writes.
 *
 * Two implementations: `EmbeddedClient` (in-process, SQLite under `ORDO_HOME`) and,
 * with `ORDO_API_URL`, an HTTP client.
 *
 * @module
 */
import type { CacheHit, StateData } from "../states/index.js";
import type {
  Artifact,
  ArtifactCreate,
  ArtifactFilter,
  EventCreate,
  EventFilter,
  OrdoEvent,
  Variable,
  VariableFilter,
  VariableSet,
  Flow,
  FlowRun,
  FlowRunCreate,
  FlowRunFilter,
  FlowRunHeartbeatAnswer,
  LogFilter,
  LogRecord,
  RecorderBatch,
  SetFlowRunStateOptions,
  SetStateResult,
  TaskRun,
  TaskRunFilter,
} from "../schemas/index.js";
import type { BundleClient } from "./bundle-client.js";
import type { OrchestrationClient } from "./orchestration-client.js";
import type { ConcurrencyLimitClient } from "./concurrency-client.js";

/** Ordo's backend, as the engine and user code see it. */
export interface OrdoClient extends ConcurrencyLimitClient {
  /** `embedded` (in-process store) or `http` (a server). */
  readonly kind: "embedded" | "http";

  /**
   * Creates the flow named `name` if it does not exist yet, and returns it; stores its
   * parameter JSON Schema when given.
   */
  ensureFlow(input: {
    name: string;
    tags?: readonly string[] | undefined;
    parameterSchema?: Record<string, unknown> | undefined;
  }): Promise<Flow>;

  /** Creates a flow run (state Pending unless given). A given `id` that exists returns that run. */
  createFlowRun(input: FlowRunCreate): Promise<FlowRun>;
  /** Proposes a new state for a flow run; the orchestration rules decide. */
  setFlowRunState(id: string, state: StateData, options?: SetFlowRunStateOptions): Promise<SetStateResult>;
  /** Reads one flow run; throws `ORDO_NOT_FOUND` for an unknown id. */
  readFlowRun(id: string): Promise<FlowRun>;
  /** Reads flow runs, newest first. */
  readFlowRuns(filter?: FlowRunFilter): Promise<FlowRun[]>;
  /** The full state history of a flow run, oldest first. */
  readFlowRunStates(id: string): Promise<StateData[]>;
  /**
   * Records that the process running the flow run is alive; answers the run's state as
   * the store has it (Cancelling tells the process to stop the run).
   */
  heartbeatFlowRun(id: string): Promise<FlowRunHeartbeatAnswer>;
  /**
   * Resumes a Paused or Suspended flow run with `input` (validated against the pause's
   * input schema) and returns the run: `ORDO_NOT_PAUSED` when it is not paused,
   * `ORDO_INVALID_INPUT` naming each invalid field.
   */
  resumeFlowRun(id: string, input?: unknown): Promise<FlowRun>;

  /** Writes one batch of the run recorder in one transaction. */
  recordBatch(batch: RecorderBatch): Promise<void>;
  /** Reads task runs, in creation order. */
  readTaskRuns(filter?: TaskRunFilter): Promise<TaskRun[]>;
  /** Reads one task run; throws `ORDO_NOT_FOUND` for an unknown id. */
  readTaskRun(id: string): Promise<TaskRun>;
  /** The newest valid (unexpired at `now`) completed result stored under `cacheKey`. */
  findCachedResult(cacheKey: string, now: number): Promise<CacheHit | undefined>;

  /** Reads log lines, oldest first. */
  readLogs(filter: LogFilter): Promise<LogRecord[]>;

  /** Creates or replaces a variable. */
  setVariable(input: VariableSet): Promise<Variable>;
  /** Reads a variable; throws `ORDO_NOT_FOUND` when there is none. */
  readVariable(name: string): Promise<Variable>;
  /** Lists variables by name. */
  readVariables(filter?: VariableFilter): Promise<Variable[]>;
  /** Deletes a variable; throws `ORDO_NOT_FOUND` when there is none. */
  deleteVariable(name: string): Promise<void>;

  /** Creates an artifact (a new version when its key exists). */
  createArtifact(input: ArtifactCreate): Promise<Artifact>;
  /** Replaces an artifact's data; throws `ORDO_NOT_FOUND` for an unknown id. */
  updateArtifact(id: string, input: { data: unknown; description?: string | undefined }): Promise<Artifact>;
  /** Reads one artifact; throws `ORDO_NOT_FOUND` for an unknown id. */
  readArtifact(id: string): Promise<Artifact>;
  /** Lists artifacts, newest first. */
  readArtifacts(filter?: ArtifactFilter): Promise<Artifact[]>;

  /** Emits events (all or none are written). */
  emitEvents(events: readonly EventCreate[]): Promise<void>;
  /** Reads events, oldest first. */
  readEvents(filter?: EventFilter): Promise<OrdoEvent[]>;

  /**
   * Marks Crashed the runs whose process is gone: same host and a dead pid, or a
   * heartbeat older than the stale limit. Returns the ids it marked.
   */
  markCrashedRuns(): Promise<string[]>;

  /** Deployments, work pools, workers, claims and cancellation. */
  readonly orchestration: OrchestrationClient;

  /** Project bundles on the server; only a client of a server has them. */
  readonly bundles?: BundleClient | undefined;

  /** Releases the client's resources. */
  close(): Promise<void>;
}
