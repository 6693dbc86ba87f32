/**
 * The runs a worker (or `serve` process) started: it starts each claimed run in a child
 * process (a warm one when one is waiting, handed the claimed run over IPC; the next
 * warm child for that entrypoint starts once the run is Running), offers its waiting
 * warm children to the claim (which then starts a fitting run in one of them, so that
 * the child goes straight to the flow's code), streams its output,
 * watches for cancellation (Cancelling → kill the process group → Cancelled), and
 * settles runs whose process ended without a final state (Crashed, then retried when
 * the run has retries left).
 *
 * @module
 */
import { hostname } from "node:os";
import type { OrdoClient } from "../client/ordo-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { ClaimedFlowRun, FlowRun, WaitingProcess } from "../schemas/index.js";
import { StateType, isTerminalType } from "../states/index.js";
import { isAttemptOf } from "./attempt-owner.js";
import { OutputForwarder } from "./output-forwarder.js";
import type { RunStartedMessage } from "./flow-run-child.js";
import type { CodeSources } from "./sources/code-sources.js";
import {
  processSpecOf,
  startFailureOf,
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

/** What a warm child was started for: a claimed run's entrypoint, path and job. */
type WarmFor = Pick<ClaimedFlowRun, "entrypoint" | "path" | "job">;

interface WarmEntry {
  readonly process: WarmProcess;
  readonly for: WarmFor;
}

/** A warm child still loading this long after its start no longer shortens claims. */
const WARMING_FOR_AT_MOST_MS = 30_000;
/** How long the next claim waits at most for the runs just started to reach their processes. */
const HAND_OVER_WAIT_MS = 100;
/** How long a claim waits on the server while a warm child loads. */
const WARMING_CLAIM_WAIT_SECONDS = 0.25;

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

/**
 * How a worker or serve process names a run it starts: `flow run 'NAME' (ID)`, and the
 * process it was started in when its claim started it in a warm child.
 */
export function describeStart(claimed: ClaimedFlowRun): string {
  const run = claimed.flowRun;
  const where = run.pid === undefined ? "" : `, started by the claim in its warm child (pid ${run.pid})`;
  return `flow run '${run.name}' (${run.id})${where}`;
}

/** Starts, watches and stops the runs of one worker or serve process. */
export class RunSupervisor {
  readonly #options: SupervisorOptions;
  readonly #active = new Map<string, ActiveRun>();
  readonly #warm = new Map<string, WarmEntry>();
  /** The warm children last offered to a claim, by pid: a run the claim started in one goes to it. */
  #offered = new Map<number, WarmProcess>();
  /** Runs whose next warm child starts once they are Running. */
  #prewarmsDue = 0;
  /** Runs handed to a warm child that has not yet said it runs them (resolve when it has, or exits). */
  readonly #handingOver = new Set<Promise<void>>();
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
  prewarm(claimedLike: WarmFor): void {
    const spec = processSpecOf(
      { ...claimedLike, flowRun: { id: "" } } as ClaimedFlowRun,
      this.#options.apiUrl,
    );
    const key = warmKey(claimedLike.entrypoint, spec);
    if (this.#warm.has(key)) return;
    const max = this.#options.maxWarm ?? 4;
    const offered = new Set(this.#offered.values());
    for (const [oldKey, old] of this.#warm) {
      if (this.#warm.size < max) break;
      // A child offered to a claim in flight may have a run started in it: it stays.
      if (offered.has(old.process)) continue;
      old.process.dispose();
      this.#warm.delete(oldKey);
    }
    const warm = new WarmProcess(claimedLike.entrypoint, spec);
    const { entrypoint, path, job } = claimedLike;
    this.#warm.set(key, { process: warm, for: { entrypoint, path, job } });
    void warm.exited.then(() => {
      if (this.#warm.get(key)?.process === warm) this.#warm.delete(key);
    });
  }

  /**
   * The warm children that are loaded and wait for a run, for a claim to start a fitting
   * run in (`startIn`); a run the claim started in one of them goes to it in {@link start}.
   */
  waitingProcesses(): WaitingProcess[] {
    const host = hostname();
    const offered = new Map<number, WarmProcess>();
    const out: WaitingProcess[] = [];
    for (const { process: warm, for: what } of this.#warm.values()) {
      const pid = warm.child.pid;
      if (!warm.waiting || pid === undefined) continue;
      offered.set(pid, warm);
      out.push({ host, pid, entrypoint: what.entrypoint, path: what.path, job: what.job });
    }
    this.#offered = offered;
    return out;
  }

  /**
   * How long a claim made now should wait on the server: `usual`, or a quarter of a
   * second while a warm child loads, so that the next claim offers it once it waits.
   */
  claimWaitSeconds(usual: number): number {
    return this.warming ? Math.min(usual, WARMING_CLAIM_WAIT_SECONDS) : usual;
  }

  /**
   * Whether a warm child is loading (or about to start, after a run's start): a claim
   * made now would not offer it, so claims should wait on the server only briefly.
   */
  get warming(): boolean {
    if (this.#prewarmsDue > 0) return true;
    const since = Date.now() - WARMING_FOR_AT_MOST_MS;
    return [...this.#warm.values()].some(({ process: warm }) => warm.loading && warm.startedAt > since);
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

  /** The warm child a claim started `run` in (its recorded process), if any. */
  #startedIn(run: FlowRun): WarmProcess | undefined {
    if (run.pid === undefined || run.host !== hostname()) return undefined;
    return this.#offered.get(run.pid);
  }

  /** The process for a claimed run: the warm child it was started in, a fitting warm child, or a new one. */
  #processFor(claimed: ClaimedFlowRun, spec: ProcessSpec): RunProcess {
    const message = {
      flowRunId: claimed.flowRun.id,
      entrypoint: claimed.entrypoint,
      cwd: spec.cwd,
      flowRun: claimed.flowRun,
    };
    const startedIn = this.#startedIn(claimed.flowRun);
    if (startedIn !== undefined) {
      // The run is recorded in this child: it runs there (a child gone meanwhile leaves the
      // run to be settled as crashed when its exit is seen).
      this.#offered.delete(startedIn.child.pid ?? -1);
      for (const [key, entry] of this.#warm) if (entry.process === startedIn) this.#warm.delete(key);
      startedIn.start(message);
      return { child: startedIn.child, exited: startedIn.exited };
    }
    const key = warmKey(claimed.entrypoint, spec);
    const warm = spec.command === undefined ? this.#warm.get(key)?.process : undefined;
    if (warm?.start(message) === true) {
      this.#warm.delete(key);
      return { child: warm.child, exited: warm.exited };
    }
    return startRunProcess(claimed.flowRun.id, claimed.entrypoint, spec);
  }

  #launch(claimed: ClaimedFlowRun): Promise<void> {
    const spec = processSpecOf(claimed, this.#options.apiUrl);
    const run = this.#processFor(claimed, spec);
    this.#watchHandOver(run);
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

  /** Keeps `run` among the hand-offs in progress until its process says it runs it, or ends. */
  #watchHandOver(run: RunProcess): void {
    const handedOver = new Promise<void>((done) => {
      const onMessage = (message: unknown) => {
        if ((message as Partial<RunStartedMessage> | null)?.type !== "ordo.run-started") return;
        run.child.off("message", onMessage);
        done();
      };
      run.child.on("message", onMessage);
      void run.exited.then(() => {
        run.child.off("message", onMessage);
        done();
      });
    });
    this.#handingOver.add(handedOver);
    void handedOver.then(() => this.#handingOver.delete(handedOver));
  }

  /**
   * Resolves once the runs started so far run in their processes (or 100 ms passed): a
   * claim made meanwhile would take the CPU a warm child needs to reach the flow's code.
   */
  async handedOver(): Promise<void> {
    if (this.#handingOver.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.#handingOver),
      new Promise<void>((done) => (timer = setTimeout(done, HAND_OVER_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  /**
   * Starts the next warm child for `claimed`'s entrypoint once `run` is Running (or its
   * process ended): a child that loads meanwhile would take the CPU that the run's
   * start needs.
   */
  #prewarmOnceStarted(run: RunProcess, claimed: ClaimedFlowRun): void {
    let done = false;
    this.#prewarmsDue++;
    const prewarm = () => {
      if (done) return;
      done = true;
      this.#prewarmsDue--;
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
    // there first, or the run waits in place for a retry that any worker may claim), or
    // moved on to another attempt (resumed after a suspension, claimed again).
    const attempt = {
      host: hostname(),
      pid: active.process.child.pid,
      viaCommand: active.claimed.job.command !== undefined,
    };
    if (
      isTerminalType(run.state.type) ||
      run.state.type === StateType.PAUSED ||
      run.state.type === StateType.SCHEDULED ||
      !isAttemptOf(run, active.claimed.flowRun, attempt)
    )
      return;
    const failure = startFailureOf(active.process.child);
    const message =
      failure === undefined
        ? `the run's process exited with code ${code} before the run finished`
        : `the run's process could not be started: ${failure}`;
    if (failure !== undefined) this.#options.write(`[worker] flow run ${id}: ${message}`);
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
    for (const warm of this.#warm.values()) warm.process.dispose();
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
