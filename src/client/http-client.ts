/**
 * `HttpClient`: the {@link OrdoClient} over an Ordo server's REST API, chosen by
 * `getClient()` when `ORDO_API_URL` is set. A flow runs unchanged against a server.
 *
 * - Requests time out per attempt and are retried with backoff and jitter on network
 *   errors and 502/503/504/429, never on other 4xx answers. Synchronous calls (creating
 *   and reading runs, proposing states) keep retrying for the outage window before they
 *   fail with `ORDO_SERVER_UNAVAILABLE`; heartbeats are tried once.
 * - Error answers become the server's `OrdoError` (same code, message, details).
 * - Every flow run is created with a client-generated id, and every state proposal
 *   carries an idempotency key reused by its retries, so a retry never makes a second
 *   run or a second transition.
 * - Run-recorder batches go through the {@link RecorderOutbox}: in order, in the
 *   background, spooled to `ORDO_HOME/spool/` during an outage. A terminal flow-run
 *   state is proposed only once that run's batches are delivered.
 * - Spool files left by processes that died during an outage are delivered in the
 *   background when a client opens.
 *
 * @module
 */
import { uuid7 } from "../ids/uuid7.js";
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
} from "../schemas/index.js";
import type {
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
import { isTerminalType, type CacheHit, type StateData } from "../states/index.js";
import { deliverOrphanSpoolFiles } from "./http/deliver-orphans.js";
import type { OnDropped } from "./http/deliver-batch.js";
import { HttpTransport } from "./http/http-transport.js";
import { RecorderOutbox } from "./http/recorder-outbox.js";
import { ServerBundles } from "./http/server-bundles.js";
import { ServerResultStorage } from "./http/server-result-storage.js";
import { spoolFolder } from "./http/spool-file.js";
import type { OrdoClient } from "./ordo-client.js";
import { HttpOrchestration, type OrchestrationClient } from "./orchestration-client.js";

/** How to open an {@link HttpClient}. */
export interface HttpClientOptions {
  /** The API's base URL, e.g. `http://127.0.0.1:4200/api`. */
  readonly apiUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  readonly apiKey?: string | undefined;
  /** Timeout of one request attempt, in ms (default 30 000). */
  readonly timeoutMs?: number | undefined;
  /** Retries of a failed request before the outage window counts (default 5). */
  readonly maxRetries?: number | undefined;
  /** How long synchronous calls keep retrying an unreachable server, in ms (default 300 000). */
  readonly outageMs?: number | undefined;
  /** Recorded items held in memory before batches spill to the spool file (default 10 000). */
  readonly outboxMaxItems?: number | undefined;
  /** Longest wait for a flow run's recorded items before its terminal state, and at close, in ms (default 600 000). */
  readonly drainTimeoutMs?: number | undefined;
  /** Ordo's home folder: spool files go to its `spool/` folder. Without it, nothing is spooled. */
  readonly home?: string | undefined;
  /** Where the client's warnings go (default: standard error). */
  readonly onWarning?: ((message: string) => void) | undefined;
}

function warnToStderr(message: string): void {
  // Not console.warn: a flow with logPrints would record the warning through the outbox.
  process.stderr.write(`[ordo client] ${message}\n`);
}

/**
 * The client of an Ordo server.
 *
 * @example
 * ```ts
 * const client = HttpClient.open({ apiUrl: "http://127.0.0.1:4200/api", home: "/home/me/.ordo" });
 * const runs = await client.readFlowRuns({ limit: 10 });
 * await client.close();
 * ```
 */
export class HttpClient implements OrdoClient {
  /** Always `http`. */
  readonly kind = "http";
  /** Results kept by the server: the engine's default result storage in server mode. */
  readonly resultStorage: ServerResultStorage;
  /** Deployments, work pools, workers, claims and cancellation. */
  readonly orchestration: OrchestrationClient;
  /** Project bundles on the server. */
  readonly bundles: ServerBundles;
  readonly #transport: HttpTransport;
  readonly #outbox: RecorderOutbox;
  readonly #drainTimeoutMs: number;
  readonly #warn: (message: string) => void;
  readonly #orphans: Promise<void>;
  #closing: Promise<void> | undefined;
  #stopOrphans = false;
  #wakeOrphans: (() => void) | undefined;

  private constructor(options: HttpClientOptions) {
    this.#warn = options.onWarning ?? warnToStderr;
    this.#transport = new HttpTransport({
      apiUrl: options.apiUrl,
      apiKey: options.apiKey,
      timeoutMs: options.timeoutMs,
      retry: {
        ...(options.maxRetries === undefined ? {} : { maxRetries: options.maxRetries }),
        ...(options.outageMs === undefined ? {} : { outageMs: options.outageMs }),
      },
      onWarning: this.#warn,
    });
    this.orchestration = new HttpOrchestration(this.#transport);
    this.bundles = new ServerBundles(this.#transport);
    const onDropped: OnDropped = (error, items) =>
      this.#warn(`the server refused ${items} recorded item(s), which are dropped: ${error.message}`);
    const folder = options.home === undefined ? undefined : spoolFolder(options.home);
    this.#outbox = new RecorderOutbox({
      transport: this.#transport,
      spoolFolder: folder,
      maxItems: options.outboxMaxItems,
      onWarning: this.#warn,
      onDropped,
    });
    this.#drainTimeoutMs = options.drainTimeoutMs ?? 600_000;
    this.resultStorage = new ServerResultStorage(this.#transport);
    this.#orphans = folder === undefined ? Promise.resolve() : this.#deliverOrphans(folder, onDropped);
  }

  /**
   * Delivers spool files that ended processes left, with quick retries; while the
   * server does not answer, tries again every few seconds until the client closes (the
   * files stay, claimed by this process, for the next process otherwise).
   */
  async #deliverOrphans(folder: string, onDropped: OnDropped): Promise<void> {
    while (!this.#stopOrphans) {
      try {
        const count = await deliverOrphanSpoolFiles(
          this.#transport,
          folder,
          onDropped,
          () => this.#stopOrphans,
        );
        if (count > 0) this.#warn(`delivered ${count} batch(es) left in spool files by ended processes`);
        return;
      } catch (error) {
        if (this.#stopOrphans) return;
        this.#warn(`could not deliver spool files left by ended processes yet: ${String(error)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 5_000);
          timer.unref();
          this.#wakeOrphans = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    }
  }

  /**
   * Opens a client of the server at `options.apiUrl`. Nothing is sent yet, except spool
   * files that ended processes left under `home`, delivered in the background.
   */
  static open(options: HttpClientOptions): HttpClient {
    return new HttpClient(options);
  }

  /** The API's base URL. */
  get apiUrl(): string {
    return this.#transport.apiUrl;
  }

  /** Recorder batches not yet delivered. */
  get pendingBatches(): number {
    return this.#outbox.pending;
  }

  ensureFlow(input: {
    name: string;
    tags?: readonly string[] | undefined;
    parameterSchema?: Record<string, unknown> | undefined;
  }): Promise<Flow> {
    return this.#post<Flow>("/flows", input);
  }

  createFlowRun(input: FlowRunCreate): Promise<FlowRun> {
    // A client-generated id: a retried request returns the run the first one made.
    return this.#post<FlowRun>("/flow_runs", { ...input, id: input.id ?? uuid7() });
  }

  async setFlowRunState(
    id: string,
    state: StateData,
    options?: SetFlowRunStateOptions,
  ): Promise<SetStateResult> {
    if (isTerminalType(state.type) || state.type === "PAUSED") {
      // A run must not read Completed (or wait paused, perhaps for another process to
      // take it up) while its task runs are still on the way.
      const delivered = await this.#outbox.drain(id, this.#drainTimeoutMs);
      if (!delivered) {
        this.#warn(`flow run ${id}: recorded items are still undelivered after ${this.#drainTimeoutMs} ms`);
      }
    }
    return this.#post<SetStateResult>(`/flow_runs/${encodeURIComponent(id)}/set_state`, {
      ...options,
      state,
      idempotencyKey: options?.idempotencyKey ?? uuid7(),
    });
  }

  readFlowRun(id: string): Promise<FlowRun> {
    return this.#get<FlowRun>(`/flow_runs/${encodeURIComponent(id)}`);
  }

  readFlowRuns(filter: FlowRunFilter = {}): Promise<FlowRun[]> {
    return this.#post<FlowRun[]>("/flow_runs/filter", filter);
  }

  readFlowRunStates(id: string): Promise<StateData[]> {
    return this.#get<StateData[]>(`/flow_runs/${encodeURIComponent(id)}/states`);
  }

  resumeFlowRun(id: string, input?: unknown): Promise<FlowRun> {
    return this.#post<FlowRun>(`/flow_runs/${encodeURIComponent(id)}/resume`, { input });
  }

  /** Tried once: a missed heartbeat during an outage is not worth waiting for. */
  heartbeatFlowRun(id: string): Promise<FlowRunHeartbeatAnswer> {
    return this.#transport.request<FlowRunHeartbeatAnswer>({
      method: "POST",
      path: `/flow_runs/${encodeURIComponent(id)}/heartbeat`,
      retry: "none",
    });
  }

  /**
   * Hands the batch to the outbox. Resolves when it is delivered, or during an outage
   * once it is kept (spool file); never rejects for an outage.
   */
  recordBatch(batch: RecorderBatch): Promise<void> {
    return this.#outbox.enqueue(batch);
  }

  readTaskRuns(filter: TaskRunFilter = {}): Promise<TaskRun[]> {
    return this.#post<TaskRun[]>("/task_runs/filter", filter);
  }

  readTaskRun(id: string): Promise<TaskRun> {
    return this.#get<TaskRun>(`/task_runs/${encodeURIComponent(id)}`);
  }

  /** A task run's detailed state records (failures, retries, crashes), oldest first. */
  readTaskRunStates(id: string): Promise<StateData[]> {
    return this.#get<StateData[]>(`/task_runs/${encodeURIComponent(id)}/states`);
  }

  async findCachedResult(cacheKey: string, now: number): Promise<CacheHit | undefined> {
    const answer = await this.#post<{ hit: CacheHit | null }>("/task_runs/cache_lookup", { cacheKey, now });
    return answer.hit ?? undefined;
  }

  readLogs(filter: LogFilter): Promise<LogRecord[]> {
    return this.#post<LogRecord[]>("/logs/filter", filter);
  }

  setVariable(input: VariableSet): Promise<Variable> {
    return this.#post<Variable>("/variables", input);
  }

  readVariable(name: string): Promise<Variable> {
    return this.#get<Variable>(`/variables/${encodeURIComponent(name)}`);
  }

  readVariables(filter: VariableFilter = {}): Promise<Variable[]> {
    return this.#post<Variable[]>("/variables/filter", filter);
  }

  deleteVariable(name: string): Promise<void> {
    return this.#transport.request<void>({
      method: "DELETE",
      path: `/variables/${encodeURIComponent(name)}`,
      answer: "none",
    });
  }

  /** Sends a client-made id, so a retried create makes one artifact. */
  createArtifact(input: ArtifactCreate): Promise<Artifact> {
    return this.#post<Artifact>("/artifacts", { ...input, id: input.id ?? uuid7() });
  }

  updateArtifact(id: string, input: { data: unknown; description?: string | undefined }): Promise<Artifact> {
    return this.#transport.request<Artifact>({
      method: "PATCH",
      path: `/artifacts/${encodeURIComponent(id)}`,
      json: JSON.stringify(input),
    });
  }

  readArtifact(id: string): Promise<Artifact> {
    return this.#get<Artifact>(`/artifacts/${encodeURIComponent(id)}`);
  }

  readArtifacts(filter: ArtifactFilter = {}): Promise<Artifact[]> {
    return this.#post<Artifact[]>("/artifacts/filter", filter);
  }

  /** Sends client-made ids, so a retried request writes each event once. */
  async emitEvents(events: readonly EventCreate[]): Promise<void> {
    await this.#transport.request<void>({
      method: "POST",
      path: "/events",
      json: JSON.stringify({ events: events.map((event) => ({ ...event, id: event.id ?? uuid7() })) }),
      answer: "none",
    });
  }

  readEvents(filter: EventFilter = {}): Promise<OrdoEvent[]> {
    return this.#post<OrdoEvent[]>("/events/filter", filter);
  }

  createConcurrencyLimit(input: TagConcurrencyLimitCreate): Promise<TagConcurrencyLimit> {
    return this.#post<TagConcurrencyLimit>("/concurrency_limits", input);
  }

  readConcurrencyLimit(tag: string): Promise<TagConcurrencyLimit> {
    return this.#get<TagConcurrencyLimit>(`/concurrency_limits/tag/${encodeURIComponent(tag)}`);
  }

  readConcurrencyLimits(filter: ConcurrencyLimitFilter = {}): Promise<TagConcurrencyLimit[]> {
    return this.#post<TagConcurrencyLimit[]>("/concurrency_limits/filter", filter);
  }

  deleteConcurrencyLimit(tag: string): Promise<void> {
    return this.#delete(`/concurrency_limits/tag/${encodeURIComponent(tag)}`);
  }

  createGlobalConcurrencyLimit(input: GlobalConcurrencyLimitCreate): Promise<GlobalConcurrencyLimit> {
    return this.#post<GlobalConcurrencyLimit>("/global_concurrency_limits", input);
  }

  updateGlobalConcurrencyLimit(
    name: string,
    change: GlobalConcurrencyLimitUpdate,
  ): Promise<GlobalConcurrencyLimit> {
    return this.#transport.request<GlobalConcurrencyLimit>({
      method: "PATCH",
      path: `/global_concurrency_limits/${encodeURIComponent(name)}`,
      json: JSON.stringify(change),
    });
  }

  readGlobalConcurrencyLimit(name: string): Promise<GlobalConcurrencyLimit> {
    return this.#get<GlobalConcurrencyLimit>(`/global_concurrency_limits/${encodeURIComponent(name)}`);
  }

  readGlobalConcurrencyLimits(filter: ConcurrencyLimitFilter = {}): Promise<GlobalConcurrencyLimit[]> {
    return this.#post<GlobalConcurrencyLimit[]>("/global_concurrency_limits/filter", filter);
  }

  deleteGlobalConcurrencyLimit(name: string): Promise<void> {
    return this.#delete(`/global_concurrency_limits/${encodeURIComponent(name)}`);
  }

  /** A long poll: the server holds the request up to `waitSeconds` (keep it under the request timeout). */
  acquireConcurrencySlots(input: SlotAcquire): Promise<SlotAcquireResult> {
    return this.#post<SlotAcquireResult>("/concurrency_limits/acquire", input);
  }

  renewConcurrencySlots(input: SlotRenew): Promise<{ count: number }> {
    return this.#post<{ count: number }>("/concurrency_limits/renew", input);
  }

  releaseConcurrencySlots(input: SlotRelease): Promise<{ count: number }> {
    return this.#post<{ count: number }>("/concurrency_limits/release", input);
  }

  async markCrashedRuns(): Promise<string[]> {
    return (await this.#post<{ ids: string[] }>("/flow_runs/mark_crashed", {})).ids;
  }

  /**
   * Delivers what the outbox holds (waiting up to the drain timeout; what is left stays
   * in a spool file for the next process) and stops.
   */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const drained = await this.#outbox.close(this.#drainTimeoutMs);
      if (!drained) this.#warn("the server did not take every recorded batch: they stay in a spool file");
      // Spool files of ended processes: delivered within the same bound, else left for the next process.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        this.#orphans,
        new Promise<void>((resolve) => (timer = setTimeout(resolve, drained ? this.#drainTimeoutMs : 0))),
      ]);
      clearTimeout(timer);
      this.#stopOrphans = true;
      this.#wakeOrphans?.();
      await this.#orphans;
    })();
    return this.#closing;
  }

  #post<T>(path: string, body: unknown): Promise<T> {
    return this.#transport.request<T>({ method: "POST", path, json: JSON.stringify(body) });
  }

  #delete(path: string): Promise<void> {
    return this.#transport.request<void>({ method: "DELETE", path, answer: "none" });
  }

  #get<T>(path: string): Promise<T> {
    return this.#transport.request<T>({ method: "GET", path });
  }
}
