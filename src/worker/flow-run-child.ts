/**
 * The child side of a worker or `serve` run: the process that executes one claimed
 * flow run. It loads the flow (TypeScript without a build step), waits for the run's
 * scheduled time (runs are claimed a little early so that they start on time), then
 * starts the run with one request — Pending with this process's host and pid (for
 * crash detection and cancellation), then Running — and runs the flow in place.
 *
 * A *warm* child loads Ordo and, when given, the entrypoint first, records the flow
 * (which also opens its connection to the server), then waits for the run over IPC:
 * the start of a run then costs one round trip, or none when the parent's claim started
 * the run in this process already (Running with this process's host and pid). A child
 * whose parent (worker or serve process) dies exits too, so that the run is detected as
 * crashed.
 *
 * @module
 */
import { hostname } from "node:os";
import { resolve } from "node:path";
import { runFlow } from "../engine/flow-engine.js";
import { formatConsoleLine } from "../engine/logger.js";
import { stateOf } from "../engine/outcome.js";
import { resultReader } from "../engine/result-io.js";
import { OrdoError } from "../errors/ordo-error.js";
import { engineConfig } from "../sdk/engine-config.js";
import { isFlow, type Flow } from "../sdk/flow.js";
import { exportsOf, loadEntrypoint } from "../sdk/entrypoint.js";
import { StateType, type State, type StateData } from "../states/index.js";
import type { FlowRun } from "../schemas/index.js";
import { recordFlow } from "../engine/flow-engine.js";
import { validateParameters } from "../engine/parameters.js";
import { importFlowFile } from "./import-flow-file.js";

/** What a run's process tells its parent once its run is Running. */
export interface RunStartedMessage {
  readonly type: "ordo.run-started";
}

/** The message a warm child waits for. */
export interface StartRunMessage {
  readonly type: "ordo.start-run";
  readonly flowRunId: string;
  readonly entrypoint: string;
  readonly cwd?: string | undefined;
  /** The run as claimed, so the child need not read it again. */
  readonly flowRun?: FlowRun | undefined;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/** Flows loaded in this process, by working folder and entrypoint (a warm child loads its flow ahead). */
const loadedFlows = new Map<string, Promise<Flow<unknown, unknown>>>();

/** {@link loadFlowForRun}, once per working folder and entrypoint in this process. */
function loadFlowOnce(entrypoint: string, cwd: string): Promise<Flow<unknown, unknown>> {
  const key = `${cwd}\u0000${entrypoint}`;
  let flow = loadedFlows.get(key);
  if (flow === undefined) {
    flow = loadFlowForRun(entrypoint, cwd);
    loadedFlows.set(key, flow);
    flow.catch(() => loadedFlows.delete(key));
  }
  return flow;
}

/**
 * Loads Ordo's public entry (what a flow file imports as `"ordo"`) before tsx's loader is
 * registered. Once registered, every module a process loads goes through tsx's hooks on
 * their own thread; loaded ahead, Ordo's modules and zod cost about 100 ms less CPU in each
 * run's process, and the flow file's `import … from "ordo"` finds them loaded (when it
 * resolves to this copy of Ordo, as it does for a worker started from the project).
 */
async function preloadOrdo(): Promise<void> {
  await import("../index.js");
}

/**
 * Loads the flow an entrypoint names: `file.ts:export`, or `file.ts:flow-name` for a
 * flow that `serve` registered from its defining file (found among the file's exports
 * by name).
 */
export async function loadFlowForRun(entrypoint: string, cwd: string): Promise<Flow<unknown, unknown>> {
  await preloadOrdo();
  try {
    const loaded = await loadEntrypoint(entrypoint, cwd, importFlowFile);
    if (isFlow(loaded)) return loaded;
  } catch (error) {
    const colon = entrypoint.lastIndexOf(":");
    if (colon < 0) throw error;
    const file = resolve(cwd, entrypoint.slice(0, colon));
    const name = entrypoint.slice(colon + 1);
    const module = await importFlowFile(file);
    const byName = Object.values(exportsOf(module)).find((value) => isFlow(value) && value.flowName === name);
    if (byName !== undefined && isFlow(byName)) {
      byName.entrypoint = `${file}:${name}`;
      return byName;
    }
    throw error;
  }
  throw new OrdoError("ORDO_INVALID_ENTRYPOINT", `entrypoint ${entrypoint} is not a flow`, { entrypoint });
}

/**
 * Executes the claimed flow run `flowRunId` in this process and returns its final state.
 * One request takes the run from its claim (or Scheduled) to Running, with this
 * process's host and pid recorded first; then the flow's code runs. Throws
 * `ORDO_INVALID_TRANSITION` when the run was cancelled or taken before it started.
 */
export async function executeClaimedRun(
  flowRunId: string,
  entrypoint: string,
  cwd: string,
  claimed?: FlowRun,
): Promise<State> {
  const config = await engineConfig();
  const client = config.client;
  let flowObject: Flow<unknown, unknown>;
  try {
    flowObject = await loadFlowOnce(entrypoint, cwd);
  } catch (error) {
    // The run cannot start here (missing file, bad export): it fails with the reason.
    await failBeforeStart(flowRunId, error);
    throw error;
  }
  // The claim's copy of the run saves a request; a run started by hand is read.
  const run = claimed?.id === flowRunId ? claimed : await client.readFlowRun(flowRunId);
  try {
    // Parameters the flow's own schema refuses fail the run before it starts.
    validateParameters(flowObject.definition, run.parameters);
  } catch (error) {
    await failBeforeStart(flowRunId, error);
    throw error;
  }
  const self = { host: hostname(), pid: process.pid };
  let running: StateData;
  let before: FlowRun;
  if (isStartedIn(run, self)) {
    // The claim started the run in this (warm) process: no request before the flow's code.
    running = run.state;
    before = { ...run, runCount: run.runCount - 1 };
  } else {
    running = await startHere(flowRunId, run, self, flowObject);
    before = run;
  }
  const outcome = runFlow(flowObject.definition, run.parameters, config, { existingRun: before, running });
  // The parent may now start the next warm child: this run no longer needs the CPU to itself.
  setImmediate(() => process.send?.({ type: "ordo.run-started" } satisfies RunStartedMessage));
  return stateOf(await outcome, resultReader(config));
}

/** Whether `run` is Running in `self` already: a claim started it in this waiting process. */
export function isStartedIn(run: FlowRun, self: { host: string; pid: number }): boolean {
  return run.state.type === StateType.RUNNING && run.pid === self.pid && run.host === self.host;
}

/**
 * Starts a claimed run in this process with one request (at its scheduled time, for a
 * run claimed early) and answers its Running state.
 */
async function startHere(
  flowRunId: string,
  run: FlowRun,
  self: { host: string; pid: number },
  flowObject: Flow<unknown, unknown>,
): Promise<StateData> {
  const { client } = await engineConfig();
  const at = run.state.scheduledTime;
  if (at !== undefined && at > Date.now() + 50) {
    // Claimed early (prefetch): say which process holds it while it waits for its time.
    await client.orchestration.attachFlowRunProcess(flowRunId, self.host, self.pid);
    await sleep(at - Date.now());
  }
  // A process that was not warm records its flow meanwhile (the engine awaits it).
  recordFlow(client, flowObject.definition).catch(() => undefined);
  const started = await client.orchestration.startFlowRun(flowRunId, self);
  if (started.status !== "ACCEPT" || started.state.type !== StateType.RUNNING) {
    throw new OrdoError(
      "ORDO_INVALID_TRANSITION",
      `flow run ${flowRunId} cannot start: it is ${started.state.name}`,
      { flowRunId, state: started.state.name },
    );
  }
  return started.state;
}

async function failBeforeStart(flowRunId: string, error: unknown): Promise<void> {
  const { client } = await engineConfig();
  const message = error instanceof Error ? error.message : String(error);
  await client
    .setFlowRunState(flowRunId, {
      type: StateType.FAILED,
      name: "Failed",
      timestamp: Date.now(),
      message: `the run could not start: ${message}`,
    })
    .catch(() => undefined);
}

/**
 * Exits this process when its parent goes away (the IPC channel closes); returns the
 * function that stops watching (before the child disconnects on its own).
 */
export function exitWithParent(): () => void {
  if (typeof process.send !== "function") return () => undefined;
  const onDisconnect = () => process.exit(70);
  process.on("disconnect", onDisconnect);
  return () => process.off("disconnect", onDisconnect);
}

/**
 * Does now what the first log line of a run would otherwise do on the way to the flow's
 * code: open the standard error stream and load the local time zone (a log line's clock).
 */
function warmUpConsole(): void {
  void process.stderr;
  formatConsoleLine(20, "", "", Date.now(), false);
}

/**
 * Waits (warm) for one {@link StartRunMessage} over IPC, having loaded `preload` (an
 * entrypoint) when given, and returns it.
 */
export async function waitForStartMessage(
  preload: string | undefined,
  cwd: string,
): Promise<StartRunMessage> {
  const config = await engineConfig();
  if (preload !== undefined) {
    // Load the flow and record it (with its parameter schema) now, not when the run comes.
    const flow = await loadFlowOnce(preload, cwd).catch(() => undefined);
    if (flow !== undefined) await recordFlow(config.client, flow.definition).catch(() => undefined);
  }
  warmUpConsole();
  return new Promise((resolveMessage) => {
    const onMessage = (message: unknown) => {
      const start = message as Partial<StartRunMessage> | null;
      if (
        start?.type === "ordo.start-run" &&
        typeof start.flowRunId === "string" &&
        typeof start.entrypoint === "string"
      ) {
        process.off("message", onMessage);
        resolveMessage(start as StartRunMessage);
      }
    };
    process.on("message", onMessage);
    process.send?.({ type: "ordo.ready" });
  });
}
