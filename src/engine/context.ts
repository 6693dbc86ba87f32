/**
 * Run contexts: what the engine knows about the flow run or task run the current code
 * is executing in, carried by AsyncLocalStorage.
 *
 * The storage lives on `globalThis` under a `Symbol.for` key, so two copies of Ordo in
 * one process (a bundled copy and an installed one) still see the same runs.
 *
 * @module
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { OrdoClient } from "../client/ordo-client.js";
import type { TaskRun } from "../schemas/index.js";
import type { ResultStorage } from "../results/index.js";
import type { HaltedRun } from "./halt.js";
import type { RunLogger } from "./logger.js";
import type { OpenTaskRuns } from "./open-task-runs.js";
import type { ResultReader } from "./outcome.js";
import type { RunRecorder, TaskRunSnapshot } from "./recorder.js";
import type { TaskRunner } from "./runners/task-runner.js";
import type { WaitingTaskRuns } from "./waiting-task-runs.js";

/** Settings the engine runs with, resolved by the SDK from Ordo's settings. */
export interface EngineConfig {
  readonly client: OrdoClient;
  readonly storage: ResultStorage;
  readonly logLevel: number;
  readonly colors: boolean;
  readonly heartbeatMs: number;
  readonly flushIntervalMs: number;
  readonly flushMaxItems: number;
  readonly inlineLimitBytes: number;
  readonly maxConcurrency: number;
}

/** The context of a running flow run. */
export interface FlowRunContext {
  readonly kind: "flow";
  readonly config: EngineConfig;
  readonly flowRunId: string;
  readonly flowRunName: string;
  readonly flowName: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  /** 1 for the first attempt, 2 for the first retry, … */
  readonly attempt: number;
  readonly recorder: RunRecorder;
  readonly runner: TaskRunner;
  /** Submitted task runs waiting for a slot of `runner`. */
  readonly waiting: WaitingTaskRuns;
  /** Reads results from the configured result storage. */
  readonly read: ResultReader;
  readonly logger: RunLogger;
  readonly signal: AbortSignal;
  /**
   * Aborted (with an `ORDO_CANCELLED` error) when the flow run is cancelled: no task run
   * starts after that, and the signals of running task runs abort.
   */
  readonly cancellation: AbortSignal;
  readonly logPrints: boolean;
  readonly durability: "batched" | "sync";
  /** Calls made so far per task key (and per subflow name), for dynamic keys. */
  readonly callCounts: Map<string, number>;
  /** Task runs recorded by earlier attempts of this flow run, by `taskKey\0dynamicKey`. */
  readonly prior: ReadonlyMap<string, TaskRun> | undefined;
  /** The task runs not settled yet, so the flow can wait for all it submitted. */
  readonly openTaskRuns: OpenTaskRuns;
  /** Log lines from task runs that had already ended (timed out) and were dropped. */
  droppedLateLogs: number;
  /** Task keys already warned about for results that cannot be persisted. */
  readonly notResumableWarned: Set<string>;
  /** Set when `suspend()` (or a cancelled `pause()`) ended the body: the run's state is kept. */
  halted: HaltedRun | undefined;
}

/** The context of a running task run. */
export interface TaskRunContext {
  readonly kind: "task";
  readonly flow: FlowRunContext;
  readonly taskRun: TaskRunSnapshot;
  readonly logger: RunLogger;
  readonly logPrints: boolean;
  /** Aborted on timeout or when the flow run ends. */
  readonly signal: AbortSignal;
  /** Set once the run has a final state: later logs are dropped. */
  finished: boolean;
}

/** A flow-run or task-run context. */
export type RunContext = FlowRunContext | TaskRunContext;

const STORAGE_KEY = Symbol.for("ordo.run-context");
type GlobalWithStorage = typeof globalThis & { [STORAGE_KEY]?: AsyncLocalStorage<RunContext> };
const globalRef = globalThis as GlobalWithStorage;

/** The process-wide AsyncLocalStorage of run contexts. */
export const runContextStorage: AsyncLocalStorage<RunContext> = (globalRef[STORAGE_KEY] ??=
  new AsyncLocalStorage<RunContext>());

/** The context of the code running now, if it runs inside a flow or task run. */
export function currentRunContext(): RunContext | undefined {
  return runContextStorage.getStore();
}

/** The flow run the current code belongs to, directly or through a task run. */
export function currentFlowRunContext(): FlowRunContext | undefined {
  const ctx = runContextStorage.getStore();
  if (ctx === undefined) return undefined;
  return ctx.kind === "flow" ? ctx : ctx.flow;
}
