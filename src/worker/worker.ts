/**
 * The worker: claims due runs of a work pool and starts each in its own process.
 *
 * It talks only to the HTTP API. Claims are long polls that the server answers as soon
 * as a run becomes due (so runs start without polling delay), prefetching runs due in
 * the next seconds so that their process is up on time. Heartbeats say the worker is
 * alive (the pool shows READY). On stop (SIGTERM), it ends the claim waiting on the
 * server and claims nothing more, lets running runs finish for a grace period, stops
 * what is left and puts it back in the queue, then sends a last heartbeat that says it
 * stopped: it shows OFFLINE at once (and its pool NOT_READY when it was the last one).
 *
 * @module
 */
import { hostname } from "node:os";
import type { OrdoClient } from "../client/ordo-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { ClaimedFlowRun } from "../schemas/index.js";
import { StateType } from "../states/index.js";
import { RunSupervisor, describeStart } from "./run-supervisor.js";
import type { CodeSources } from "./sources/code-sources.js";

/** How a worker runs. */
export interface WorkerOptions {
  readonly client: OrdoClient;
  /** The server's API URL, handed to the runs' processes. */
  readonly apiUrl: string | undefined;
  readonly pool: string;
  /** Default: `<host>-<pid>`. */
  readonly name?: string | undefined;
  /** Only these queues of the pool (default: all). */
  readonly workQueues?: readonly string[] | undefined;
  /** Most runs at once. Default 10. */
  readonly limit?: number | undefined;
  /** Claim runs due this many seconds ahead. Default 10. */
  readonly prefetchSeconds?: number | undefined;
  /** Default 30. */
  readonly heartbeatSeconds?: number | undefined;
  /** On stop, how long running runs may go on. Default 30. */
  readonly graceSeconds?: number | undefined;
  /** How long one claim waits on the server for work. Default 10. */
  readonly claimWaitSeconds?: number | undefined;
  /** Fetches the code of deployments with a bundle or git source (none: such runs fail). */
  readonly sources?: CodeSources | undefined;
  /** Where the worker's messages and its runs' output go. */
  readonly write: (line: string) => void;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** A worker of one work pool. */
export class Worker {
  readonly name: string;
  readonly #options: WorkerOptions;
  readonly #supervisor: RunSupervisor;
  /** Aborts the claim waiting on the server when the worker stops. */
  readonly #claims = new AbortController();
  #stopping = false;
  /** The stop under way (or done), once `stop()` was called. */
  #stopped: Promise<void> | undefined;
  #loop: Promise<void> | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #wakeCapacity: (() => void) | undefined;

  constructor(options: WorkerOptions) {
    this.#options = options;
    this.name = options.name ?? `${hostname()}-${process.pid}`;
    this.#supervisor = new RunSupervisor({
      client: options.client,
      apiUrl: options.apiUrl,
      write: options.write,
      warm: true,
      sources: options.sources,
    });
  }

  /** Runs being executed. */
  get activeCount(): number {
    return this.#supervisor.activeCount;
  }

  /**
   * Registers the worker (creating the pool as a `process` pool when it does not exist)
   * and starts claiming. Resolves once the worker is registered.
   */
  async start(): Promise<void> {
    await this.#register();
    this.#loop = this.#claimLoop();
  }

  /**
   * Claims the pool's runs due now (or within the prefetch window) once, without waiting
   * for more, runs them to their end and stops (Prefect's `worker start --run-once`).
   * Resolves with how many runs it started; `stop()` (SIGTERM) ends it early as usual.
   */
  async runOnce(): Promise<number> {
    await this.#register();
    let started = 0;
    this.#loop = (async () => {
      const claimed = await this.#claim(this.#options.limit ?? 10, 0).catch((error: unknown) => {
        if (this.#stopping) return [];
        throw error;
      });
      const runs = claimed.map((run) => {
        started++;
        this.#options.write(`[worker] starting ${describeStart(run)}`);
        return this.#supervisor.start(run);
      });
      await Promise.all(runs);
    })();
    try {
      await this.#loop;
    } finally {
      if (!this.#stopping) this.#options.write(`[worker] ran ${started} run(s) once: stopping`);
      await this.stop();
    }
    return started;
  }

  /** Makes sure the pool exists, says which asked-for queues it lacks, and starts heartbeats. */
  async #register(): Promise<void> {
    const orchestration = this.#options.client.orchestration;
    try {
      await orchestration.readWorkPool(this.#options.pool);
    } catch (error) {
      if (!(error instanceof OrdoError) || error.code !== "ORDO_NOT_FOUND") throw error;
      await orchestration
        .createWorkPool({ name: this.#options.pool, type: "process" })
        .catch(() => undefined);
      this.#options.write(`[worker] created work pool '${this.#options.pool}' (type process)`);
    }
    await this.#warnOfMissingQueues();
    await this.#beat();
    const every = (this.#options.heartbeatSeconds ?? 30) * 1000;
    this.#heartbeat = setInterval(() => void this.#beat(), every);
    const queues = this.#options.workQueues;
    const only = queues === undefined || queues.length === 0 ? "" : ` (queues: ${queues.join(", ")})`;
    this.#options.write(`[worker] '${this.name}' started: polling work pool '${this.#options.pool}'${only}`);
  }

  /** Says which of the queues it was told to serve the pool does not have (yet). */
  async #warnOfMissingQueues(): Promise<void> {
    const wanted = this.#options.workQueues;
    if (wanted === undefined) return;
    const queues = await this.#options.client.orchestration.readWorkQueues(this.#options.pool);
    const names = queues.map((q) => q.name);
    for (const name of wanted.filter((w) => !names.includes(w))) {
      this.#options.write(
        `[worker] work pool '${this.#options.pool}' has no queue '${name}' (its queues: ${names.join(", ")}); ` +
          `its runs start once it is created (ordo work-queue create ${name} --pool ${this.#options.pool})`,
      );
    }
  }

  /** One heartbeat; the last one, on stop, says the worker stopped (OFFLINE at once). */
  async #beat(stopped = false): Promise<void> {
    try {
      await this.#options.client.orchestration.heartbeatWorker(this.#options.pool, {
        name: this.name,
        heartbeatIntervalSeconds: this.#options.heartbeatSeconds ?? 30,
        stopped,
      });
    } catch (error) {
      this.#options.write(`[worker] heartbeat failed: ${String(error)}`);
    }
  }

  async #claimLoop(): Promise<void> {
    const limit = this.#options.limit ?? 10;
    let failures = 0;
    while (!this.#stopping) {
      const free = limit - this.#supervisor.activeCount;
      if (free <= 0) {
        await new Promise<void>((done) => (this.#wakeCapacity = done));
        continue;
      }
      let claimed: ClaimedFlowRun[];
      try {
        claimed = await this.#claim(
          free,
          this.#supervisor.claimWaitSeconds(this.#options.claimWaitSeconds ?? 10),
        );
        failures = 0;
      } catch (error) {
        if (this.#stopping) break;
        failures++;
        this.#options.write(
          `[worker] could not claim runs: ${error instanceof Error ? error.message : String(error)}`,
        );
        await sleep(Math.min(10_000, 500 * 2 ** Math.min(failures, 5)));
        continue;
      }
      for (const run of claimed) {
        if (this.#stopping) {
          await this.#giveBack(run);
          continue;
        }
        this.#options.write(`[worker] starting ${describeStart(run)}`);
        void this.#supervisor.start(run).then(() => {
          this.#wakeCapacity?.();
          this.#wakeCapacity = undefined;
        });
      }
      // The next claim waits until the warm children took their runs (at most 100 ms).
      if (claimed.length > 0) await this.#supervisor.handedOver();
    }
  }

  /** One claim of up to `limit` runs, waiting on the server up to `waitSeconds` for one. */
  #claim(limit: number, waitSeconds: number): Promise<ClaimedFlowRun[]> {
    return this.#options.client.orchestration.claimWorkPoolRuns(
      this.#options.pool,
      {
        workerName: this.name,
        workQueueNames: this.#options.workQueues === undefined ? undefined : [...this.#options.workQueues],
        limit,
        prefetchSeconds: this.#options.prefetchSeconds ?? 10,
        waitSeconds,
        // A due run starts in a fitting warm child within the claim.
        startIn: this.#supervisor.waitingProcesses(),
      },
      { signal: this.#claims.signal },
    );
  }

  async #giveBack(run: ClaimedFlowRun): Promise<void> {
    await this.#options.client
      .setFlowRunState(
        run.flowRun.id,
        {
          type: StateType.SCHEDULED,
          // A run that ran before is a retry (e.g. one this worker just put back on stop).
          name: run.flowRun.runCount > 0 ? "AwaitingRetry" : "Scheduled",
          timestamp: Date.now(),
          scheduledTime: run.flowRun.state.scheduledTime ?? Date.now(),
          message: "its worker stopped before starting it",
        },
        { force: true },
      )
      .catch(() => undefined);
  }

  /**
   * Stops claiming, waits up to the grace period for running runs, stops what is left
   * and puts it back in its queue.
   */
  stop(): Promise<void> {
    this.#stopped ??= this.#shutdown();
    return this.#stopped;
  }

  async #shutdown(): Promise<void> {
    this.#stopping = true;
    this.#wakeCapacity?.();
    // The claim waiting on the server ends now (the server puts back what it claimed meanwhile).
    this.#claims.abort();
    if (this.#heartbeat !== undefined) clearInterval(this.#heartbeat);
    this.#options.write(
      `[worker] stopping: no new runs; waiting for ${this.#supervisor.activeCount} running run(s)`,
    );
    await this.#supervisor.shutdown((this.#options.graceSeconds ?? 30) * 1000);
    await this.#loop;
    await this.#beat(true);
  }
}
