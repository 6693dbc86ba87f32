/**
 * `EmbeddedClient`: the {@link OrdoClient} that needs no server. It calls the `api/`
 * service layer in-process over a store: SQLite (WAL mode, so several processes may share
 * one database file) by default, PostgreSQL when given a `postgres://` URL.
 *
 * @module
 */
import * as api from "../api/index.js";
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
  TaskRunEvents,
  TaskRunFilter,
} from "../schemas/index.js";
import type {
  ConcurrencyLimitFilter,
  GlobalConcurrencyLimit,
  GlobalConcurrencyLimitCreate,
  GlobalConcurrencyLimitUpdate,
  SlotAcquire,
  SlotAcquireResult,
  SlotRelease,
  SlotRenew,
  TagConcurrencyLimit,
  TagConcurrencyLimitCreate,
} from "../schemas/index.js";
import type { CacheHit, StateData } from "../states/index.js";
import type { Store } from "../store/index.js";
import { openStore } from "../store/open-store.js";
import type { OrdoClient } from "./ordo-client.js";
import { EmbeddedOrchestration } from "./embedded-orchestration.js";
import type { OrchestrationClient } from "./orchestration-client.js";

/** How to open an {@link EmbeddedClient}. */
export interface EmbeddedClientOptions {
  /** The SQLite database file, e.g. `~/.ordo/ordo.db`; its folder is created. */
  readonly path: string;
  /**
   * A PostgreSQL URL (`postgres://…` or `postgresql://…`): when set, the client opens that
   * database instead of the SQLite file at `path`. Other schemes are `ORDO_INVALID_SETTING`.
   */
  readonly databaseUrl?: string | undefined;
  /** For runs of other hosts: no heartbeat for this long means crashed. Default 10 minutes. */
  readonly staleAfterMs?: number | undefined;
  /** How long to keep retrying a locked database before `ORDO_DATABASE_BUSY`, in ms. Default 30 000. */
  readonly lockTimeoutMs?: number | undefined;
  /** Write the run recorder's batches on a writer thread (default true; see the SQLite store). */
  readonly writerThread?: boolean | undefined;
  /** Which task-run state changes become events (`ORDO_TASK_RUN_EVENTS`; default `failures`). */
  readonly taskRunEvents?: TaskRunEvents | undefined;
}

/** How to wrap an open store in an {@link EmbeddedClient}. */
export interface EmbeddedClientStoreOptions {
  /** For runs of other hosts: no heartbeat for this long means crashed. Default 10 minutes. */
  readonly staleAfterMs?: number | undefined;
  /** Which task-run state changes become events (`ORDO_TASK_RUN_EVENTS`; default `failures`). */
  readonly taskRunEvents?: TaskRunEvents | undefined;
}

/**
 * The in-process client over a store (SQLite or PostgreSQL).
 *
 * @example
 * ```ts
 * const client = await EmbeddedClient.open({ path: "/tmp/ordo/ordo.db" });
 * const run = await client.createFlowRun({ flowName: "etl", name: "first" });
 * await client.close();
 * ```
 */
export class EmbeddedClient implements OrdoClient {
  /** Always `embedded`. */
  readonly kind = "embedded";
  readonly #store: Store;
  readonly #staleAfterMs: number | undefined;
  readonly #batchOptions: api.RecordBatchOptions;

  /** Deployments, work pools, workers, claims and cancellation. */
  readonly orchestration: OrchestrationClient;

  private constructor(store: Store, options: EmbeddedClientStoreOptions) {
    this.#store = store;
    this.#batchOptions = { taskRunEvents: options.taskRunEvents };
    this.orchestration = new EmbeddedOrchestration(store);
    this.#staleAfterMs = options.staleAfterMs;
  }

  /**
   * Opens the database (the PostgreSQL database at `databaseUrl` when given, else the
   * SQLite file at `path`, creating its folder and the file when needed), applies pending
   * migrations, and marks Crashed the runs whose process died since the store was last
   * used.
   */
  static async open(options: EmbeddedClientOptions): Promise<EmbeddedClient> {
    const store = await openStore({
      databaseUrl: options.databaseUrl,
      sqlitePath: options.path,
      lockTimeoutMs: options.lockTimeoutMs,
      writerThread: options.writerThread,
    });
    return EmbeddedClient.fromStore(store, {
      staleAfterMs: options.staleAfterMs,
      taskRunEvents: options.taskRunEvents,
    });
  }

  /**
   * Wraps an open, migrated store, and marks Crashed the runs whose process died since the
   * store was last used (as {@link EmbeddedClient.open} does). The client owns the store:
   * closing the client closes it, and so does a failure here.
   *
   * @example
   * ```ts
   * const store = await openPostgresStore({ url: "postgres://localhost/ordo" });
   * const client = await EmbeddedClient.fromStore(store, { staleAfterMs: 60_000 });
   * ```
   */
  static async fromStore(store: Store, options: EmbeddedClientStoreOptions = {}): Promise<EmbeddedClient> {
    const client = new EmbeddedClient(store, options);
    try {
      await client.markCrashedRuns();
    } catch (error) {
      await store.close();
      throw error;
    }
    return client;
  }

  ensureFlow(input: {
    name: string;
    tags?: readonly string[] | undefined;
    parameterSchema?: Record<string, unknown> | undefined;
  }): Promise<Flow> {
    return api.ensureFlow(this.#store, input);
  }

  createFlowRun(input: FlowRunCreate): Promise<FlowRun> {
    return api.createFlowRun(this.#store, input);
  }

  setFlowRunState(id: string, state: StateData, options?: SetFlowRunStateOptions): Promise<SetStateResult> {
    return api.setFlowRunState(this.#store, id, state, options);
  }

  readFlowRun(id: string): Promise<FlowRun> {
    return api.readFlowRun(this.#store, id);
  }

  readFlowRuns(filter?: FlowRunFilter): Promise<FlowRun[]> {
    return api.readFlowRuns(this.#store, filter);
  }

  readFlowRunStates(id: string): Promise<StateData[]> {
    return api.readFlowRunStates(this.#store, id);
  }

  heartbeatFlowRun(id: string): Promise<FlowRunHeartbeatAnswer> {
    return api.heartbeatFlowRun(this.#store, id);
  }

  resumeFlowRun(id: string, input?: unknown): Promise<FlowRun> {
    return api.resumeFlowRun(this.#store, id, { input });
  }

  recordBatch(batch: RecorderBatch): Promise<void> {
    return api.recordBatch(this.#store, batch, this.#batchOptions);
  }

  readTaskRuns(filter?: TaskRunFilter): Promise<TaskRun[]> {
    return api.readTaskRuns(this.#store, filter);
  }

  readTaskRun(id: string): Promise<TaskRun> {
    return api.readTaskRun(this.#store, id);
  }

  /**
   * A task run's detailed state records (failures, retries, crashes), oldest first.
   * Not part of {@link OrdoClient} (yet).
   */
  readTaskRunStates(id: string): Promise<StateData[]> {
    return api.readTaskRunStates(this.#store, id);
  }

  findCachedResult(cacheKey: string, now: number): Promise<CacheHit | undefined> {
    return api.findCachedResult(this.#store, cacheKey, now);
  }

  readLogs(filter: LogFilter): Promise<LogRecord[]> {
    return api.readLogs(this.#store, filter);
  }

  setVariable(input: VariableSet): Promise<Variable> {
    return api.setVariable(this.#store, input);
  }

  readVariable(name: string): Promise<Variable> {
    return api.readVariable(this.#store, name);
  }

  readVariables(filter?: VariableFilter): Promise<Variable[]> {
    return api.readVariables(this.#store, filter);
  }

  deleteVariable(name: string): Promise<void> {
    return api.deleteVariable(this.#store, name);
  }

  createArtifact(input: ArtifactCreate): Promise<Artifact> {
    return api.createArtifact(this.#store, input);
  }

  updateArtifact(id: string, input: { data: unknown; description?: string | undefined }): Promise<Artifact> {
    return api.updateArtifact(this.#store, id, input);
  }

  readArtifact(id: string): Promise<Artifact> {
    return api.readArtifact(this.#store, id);
  }

  readArtifacts(filter?: ArtifactFilter): Promise<Artifact[]> {
    return api.readArtifacts(this.#store, filter);
  }

  emitEvents(events: readonly EventCreate[]): Promise<void> {
    return api.emitEvents(this.#store, events);
  }

  readEvents(filter?: EventFilter): Promise<OrdoEvent[]> {
    return api.readEvents(this.#store, filter);
  }

  createConcurrencyLimit(input: TagConcurrencyLimitCreate): Promise<TagConcurrencyLimit> {
    return api.createTagConcurrencyLimit(this.#store, input);
  }

  readConcurrencyLimit(tag: string): Promise<TagConcurrencyLimit> {
    return api.readTagConcurrencyLimit(this.#store, tag);
  }

  readConcurrencyLimits(filter?: ConcurrencyLimitFilter): Promise<TagConcurrencyLimit[]> {
    return api.readTagConcurrencyLimits(this.#store, filter);
  }

  deleteConcurrencyLimit(tag: string): Promise<void> {
    return api.deleteTagConcurrencyLimit(this.#store, tag);
  }

  createGlobalConcurrencyLimit(input: GlobalConcurrencyLimitCreate): Promise<GlobalConcurrencyLimit> {
    return api.createGlobalConcurrencyLimit(this.#store, input);
  }

  updateGlobalConcurrencyLimit(
    name: string,
    change: GlobalConcurrencyLimitUpdate,
  ): Promise<GlobalConcurrencyLimit> {
    return api.updateGlobalConcurrencyLimit(this.#store, name, change);
  }

  readGlobalConcurrencyLimit(name: string): Promise<GlobalConcurrencyLimit> {
    return api.readGlobalConcurrencyLimit(this.#store, name);
  }

  readGlobalConcurrencyLimits(filter?: ConcurrencyLimitFilter): Promise<GlobalConcurrencyLimit[]> {
    return api.readGlobalConcurrencyLimits(this.#store, filter);
  }

  deleteGlobalConcurrencyLimit(name: string): Promise<void> {
    return api.deleteGlobalConcurrencyLimit(this.#store, name);
  }

  acquireConcurrencySlots(input: SlotAcquire): Promise<SlotAcquireResult> {
    return api.acquireConcurrencySlots(this.#store, input);
  }

  renewConcurrencySlots(input: SlotRenew): Promise<{ count: number }> {
    return api.renewConcurrencySlots(this.#store, input);
  }

  releaseConcurrencySlots(input: SlotRelease): Promise<{ count: number }> {
    return api.releaseConcurrencySlots(this.#store, input);
  }

  /** Also fails the paused runs whose pause timed out (they have no process to do it). */
  async markCrashedRuns(): Promise<string[]> {
    await api.failExpiredPausedRuns(this.#store, Date.now());
    return api.markCrashedRuns(this.#store, { staleAfterMs: this.#staleAfterMs });
  }

  close(): Promise<void> {
    return this.#store.close();
  }
}
