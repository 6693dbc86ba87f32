/**
 * The runs a worker (or `serve` process) started: it starts each claimed run in a child
 * process (a warm one when one is waiting, handed the claimed run over IPC; the next
 * warm child for that entrypoint starts once the run is Running), streams its output,
 * watches for cancellation (Cancelling → kill the process group → Cancelled), and
 * settles runs whose process ended without a final state (Crashed, then retried when
 * the run has retries left).
 *
 * @module
 */
import type { OrdoClient } from "../client/ordo-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { ClaimedFlowRun } from "../schemas/index.js";
import { StateType, isTerminalType } from "../states/index.js";
import { OutputForwarder } from "./output-forwarder.js";
import type { RunStartedMessage } from "./flow-run-child.js";
import type { CodeSources } from "./sources/code-sources.js";
import {
  processSpecOf,
  startRunProcess,
  stopRunProcess,
  WarmProcess,
  type ProcessSpec,
  type RunProcess,
} from "./run-process.js";

/** How a supervisor starts and stops runs. */
export interface SupervisorOptions {
  readonly client: OrdoClient;
  /** The API URL children report to (unset: children use the embedded database). */
  readonly apiUrl: string | undefined;
  /** Where lines of output and the supervisor's own messages go. */
  readonly write: (line: string) => void;
  /** SIGTERM → SIGKILL delay when a run is cancelled. Default 3 000 ms. */
  readonly killGraceMs?: number | undefined;
  /** How often cancellations are looked for. Default 500 ms. */
  readonly cancelPollMs?: number | undefined;
  /** Keep a warm child per entrypoint, ready for the next run. */
  readonly warm?: boolean | undefined;
  /** At most this many warm children (the least recently started go first). Default 4. */
  readonly maxWarm?: number | undefined;
  /** Fetches the code of runs whose deployment has a bundle or git source. */
  readonly sources?: CodeSources | undefined;
}

const ERROR = 40;

interface ActiveRun {
  readonly claimed: ClaimedFlowRun;
  readonly process: RunProcess;
  cancelling: boolean;
  /** Stopped by a shutdown: the run goes back to its queue instead of being settled. */
  requeue: boolean;
  done: Promise<void>;
}

function warmKey(entrypoint: string, spec: ProcessSpec): string {
  return JSON.stringify([
    entrypoint,
    spec.cwd,
    spec.command ?? "",
    Object.entries(spec.env)
      .filter(([k]) => k !== "ORDO_FLOW_RUN_ID")
      .sort(),
  ]);
}

/** Starts, watches and stops the runs of one worker or serve process. */
export class RunSupervisor {
  readonly #options: SupervisorOptions;
  readonly #active = new Map<string, ActiveRun>();
  readonly #warm = new Map<string, WarmProcess>();
  /** Runs whose code is being fetched, before their process starts. */
  readonly #preparing = new Map<string, Promise<void>>();
  readonly #cancelTimer: NodeJS.Timeout;
  #checking = false;
  #stopping = false;

  constructor(options: SupervisorOptions) {
    this.#options = options;
    this.#cancelTimer = setInterval(() => void this.#checkCancellations(), options.cancelPollMs ?? 500);
    this.#cancelTimer.unref();
  }

  /** How many runs are running (or fetching their code). */
  get activeCount(): number {
    return this.#active.size + this.#preparing.size;
  }

  /** The ids of the runs that are running. */
  get activeIds(): string[] {
    return [...this.#active.keys()];
  }

  /** Starts a warm child for `entrypoint` (serve processes do this ahead of their first run). */
  prewarm(claimedLike: Pick<ClaimedFlowRun, "entrypoint" | "path" | "job">): void {
    const spec = processSpecOf(
      { ...claimedLike, flowRun: { id: "" } } as ClaimedFlowRun,
      this.#options.apiUrl,
    );
    const key = warmKey(claimedLike.entrypoint, spec);
    if (this.#warm.has(key)) return;
    const max = this.#options.maxWarm ?? 4;
    for (const [oldKey, old] of this.#warm) {
      if (this.#warm.size < max) break;
      old.dispose();
      this.#warm.delete(oldKey);
    }
    const warm = new WarmProcess(claimedLike.entrypoint, spec);
    this.#warm.set(key, warm);
    void warm.exited.then(() => {
      if (this.#warm.get(key) === warm) this.#warm.delete(key);
    });
  }

  /**
   * Starts a claimed run (fetching its code first for a bundle or git source); resolves
   * when its process has ended and the run is settled. A run whose code cannot be
   * fetched fails, with the reason in its state message and its logs.
   */
  start(claimed: ClaimedFlowRun): Promise<void> {
    if (claimed.source === undefined || claimed.source.kind === "local") return this.#launch(claimed);
    const id = claimed.flowRun.id;
    // Started after the entry is set, so that it is deleted after it was set.
    const preparing = Promise.resolve().then(async () => {
      let located: ClaimedFlowRun;
      try {
        if (this.#options.sources === undefined) {
          throw new OrdoError(
            "ORDO_SOURCE_UNAVAILABLE",
            `this process cannot fetch ${claimed.source?.kind} sources`,
            {},
          );
        }
        located = await this.#options.sources.locate(claimed);
      } catch (error) {
        this.#preparing.delete(id);
        await this.#failBeforeLaunch(claimed, error);
        return;
      }
      this.#preparing.delete(id);
      if (this.#stopping) {
        await this.#requeue(id, "its worker shut down before it started; it runs on another worker");
        return;
      }
      await this.#launch(located);
    });
    this.#preparing.set(id, preparing);
    return preparing;
  }

  /** Fails a run whose code could not be fetched: a log line, a Failed state, the worker goes on. */
  async #failBeforeLaunch(claimed: ClaimedFlowRun, error: unknown): Promise<void> {
    const { client, write } = this.#options;
    const id = claimed.flowRun.id;
    const reason = error instanceof Error ? error.message : String(error);
    const code = error instanceof OrdoError ? ` (${error.code})` : "";
    const message = `the run's code could not be fetched: ${reason}${code}`;
    write(`[worker] flow run '${claimed.flowRun.name}' (${id}): ${message}`);
    await client
      .recordBatch({
        taskRuns: [],
        taskRunStates: [],
        logs: [{ flowRunId: id, level: ERROR, name: "ordo.worker", message, timestamp: Date.now() }],
      })
      .catch(() => undefined);
    await client
      .setFlowRunState(id, { type: StateType.FAILED, name: "Failed", timestamp: Date.now(), message })
      .catch((failure: unknown) => write(`[worker] could not fail flow run ${id}: ${String(failure)}`));
  }

  #launch(claimed: ClaimedFlowRun): Promise<void> {
    const spec = processSpecOf(claimed, this.#options.apiUrl);
    const key = warmKey(claimed.entrypoint, spec);
    const warm = spec.command === undefined ? this.#warm.get(key) : undefined;
    let run: RunProcess;
    if (
      warm !== undefined &&
      warm.start({
        flowRunId: claimed.flowRun.id,
        entrypoint: claimed.entrypoint,
        cwd: spec.cwd,
        flowRun: claimed.flowRun,
      })
    ) {
      this.#warm.delete(key);
      run = { child: warm.child, exited: warm.exited };
    } else {
      run = startRunProcess(claimed.flowRun.id, claimed.entrypoint, spec);
    }
    if (this.#options.warm === true && spec.command === undefined) this.#prewarmOnceStarted(run, claimed);
    const forwarder = new OutputForwarder(
      this.#options.client,
      claimed.flowRun.id,
      `[${claimed.flowRun.name}]`,
      this.#options.write,
    );
    const streams = Promise.all([
      forwarder.attach(run.child.stdout, true),
      forwarder.attach(run.child.stderr, false),
    ]);
    const active: ActiveRun = {
      claimed,
      process: run,
      cancelling: false,
      requeue: false,
      done: Promise.resolve(),
    };
    active.done = (async () => {
      const code = await run.exited;
      await streams;
      await forwarder.flush();
      await this.#settle(active, code).catch((error: unknown) =>
        this.#options.write(`[worker] could not settle flow run ${claimed.flowRun.id}: ${String(error)}`),
      );
      this.#active.delete(claimed.flowRun.id);
    })();
    this.#active.set(claimed.flowRun.id, active);
    return active.done;
  }

  /**
   * Starts the next warm child for `claimed`'s entrypoint once `run` is Running (or its
   * process ended): a child that loads meanwhile would take the CPU that the run's
   * start needs.
   */
  #prewarmOnceStarted(run: RunProcess, claimed: ClaimedFlowRun): void {
    let done = false;
    const prewarm = () => {
      if (done) return;
      done = true;
      run.child.off("message", onMessage);
      if (!this.#stopping) this.prewarm(claimed);
    };
    const onMessage = (message: unknown) => {
      if ((message as Partial<RunStartedMessage> | null)?.type === "ordo.run-started") prewarm();
    };
    run.child.on("message", onMessage);
    void run.exited.then(prewarm);
  }

  async #settle(active: ActiveRun, code: number): Promise<void> {
    if (active.requeue) return;
    const { client } = this.#options;
    const id = active.claimed.flowRun.id;
    const run = await client.readFlowRun(id);
    if (active.cancelling || run.state.type === StateType.CANCELLING) {
      await client.orchestration.markFlowRunCancelled(
        id,
        "the run's process was stopped after a cancellation request",
      );
      return;
    }
    // Finished, paused, or already back in its queue (the server's crash detection got
    // there first, or the run waits in place for a retry that any worker may claim).
    if (
      isTerminalType(run.state.type) ||
      run.state.type === StateType.PAUSED ||
      run.state.type === StateType.SCHEDULED
    )
      return;
    const message = `the run's process exited with code ${code} before the run finished`;
    // The server puts a crashed deployment run with retries left back in its queue.
    await client.setFlowRunState(id, {
      type: StateType.CRASHED,
      name: "Crashed",
      timestamp: Date.now(),
      message,
    });
  }

  async #checkCancellations(): Promise<void> {
    if (this.#checking || this.#active.size === 0) return;
    this.#checking = true;
    try {
      const ids = this.activeIds;
      const cancelling = await this.#options.client.readFlowRuns({
        ids,
        stateTypes: [StateType.CANCELLING],
        limit: ids.length,
      });
      for (const run of cancelling) {
        const active = this.#active.get(run.id);
        if (active === undefined || active.cancelling) continue;
        active.cancelling = true;
        this.#options.write(`[worker] cancelling flow run ${run.id}: stopping its processes`);
        void stopRunProcess(active.process, this.#options.killGraceMs ?? 3000);
      }
    } catch (error) {
      this.#options.write(`[worker] could not check for cancellations: ${String(error)}`);
    } finally {
      this.#checking = false;
    }
  }

  /**
   * Stops: waits up to `graceMs` for running runs to finish, then kills what is left
   * and puts those runs back in the queue (Scheduled) so that another worker runs them
   * (completed tasks are not run again).
   */
  async shutdown(graceMs: number): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#cancelTimer);
    for (const warm of this.#warm.values()) warm.dispose();
    this.#warm.clear();
    const all = Promise.all(
      [...this.#active.values()].map((a) => a.done).concat([...this.#preparing.values()]),
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([all, new Promise<void>((done) => (timer = setTimeout(done, graceMs)))]);
    clearTimeout(timer);
    const left = [...this.#active.values()];
    for (const active of left) {
      active.requeue = true;
      const id = active.claimed.flowRun.id;
      this.#options.write(`[worker] shutting down: flow run ${id} is stopped and goes back to its queue`);
      await stopRunProcess(active.process, 2000);
      await this.#requeue(id, "its worker shut down; it runs again on another worker");
    }
    await all;
  }

  /** Puts a run back in its queue (AwaitingRetry, due now) for another worker. */
  async #requeue(id: string, message: string): Promise<void> {
    await this.#options.client
      .setFlowRunState(
        id,
        {
          type: StateType.SCHEDULED,
          name: "AwaitingRetry",
          timestamp: Date.now(),
          scheduledTime: Date.now(),
          message,
        },
        { force: true },
      )
      .catch(() => undefined);
  }
}
