/**
 * The flow engine: runs a flow run from Pending to a final state.
 *
 * Parameters are validated before anything is written. The run is created, set Running
 * (flow-run states are written synchronously: they gate scheduling and cancellation),
 * its body runs in a {@link FlowRunContext}, the engine waits for every task run the body
 * submitted, flushes the run recorder, and only then writes the final state. A failed
 * attempt with retries left goes AwaitingRetry and runs again in the same flow run, where
 * task runs that already completed are reused (durable resume).
 *
 * @module
 */
import { hostname } from "node:os";
import type { OrdoClient } from "../client/ordo-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { Flow, FlowRun, TaskRun } from "../schemas/index.js";
import { State, StateType, retryDelayMs, type ResultRef, type StateData } from "../states/index.js";
import { uuid7 } from "../ids/uuid7.js";
import { currentRunContext, runContextStorage, type EngineConfig, type FlowRunContext } from "./context.js";
import type { FlowDefinition, StateHook } from "./definitions.js";
import { isTaskFuture } from "./future.js";
import type { HaltedRun } from "./halt.js";
import { createRunLogger, type RunLogger } from "./logger.js";
import { errorInfo, stateOf, type RunOutcome } from "./outcome.js";
import { OpenTaskRuns } from "./open-task-runs.js";
import { parameterJsonSchema, validateParameters } from "./parameters.js";
import { installPrintCapture } from "./print-capture.js";
import { RunRecorder } from "./recorder.js";
import { persistValue, resultReader } from "./result-io.js";
import { flowRunNameOf } from "./run-name.js";
import { ConcurrentTaskRunner } from "./runners/concurrent-task-runner.js";
import { trackActiveRun } from "./signals.js";
import { cancelledError, isCancelRequest, settledWithin, untilAborted } from "./cancellation.js";
import { runWithTimeout } from "./timeout.js";
import { WaitingTaskRuns } from "./waiting-task-runs.js";

/** How long a cancelled run waits for its running task runs to end before it is Cancelled. */
const CANCEL_GRACE_MS = 2000;
/** What a cancelled body resolves to. */
const CANCELLED_BODY = Symbol("cancelled");

/** The parameters a run name is made from: the validated ones (defaults applied) when they are an object. */
function namingParameters(
  value: unknown,
  input: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : input;
}

/** How a flow run is started. */
export interface RunFlowOptions {
  /** Re-run this existing (failed, crashed or cancelled) run: completed task runs are reused. */
  readonly existingRun?: FlowRun | undefined;
  /**
   * The Running state `existingRun` is already in: the process that runs it set Pending
   * and Running in one request (a worker's child), so the engine does not propose
   * Running again. `existingRun` is the run as it was before (its run count before
   * this attempt).
   */
  readonly running?: StateData | undefined;
}

const flowCache = new WeakMap<OrdoClient, Map<string, Promise<Flow>>>();

/**
 * Records the flow (name, tags, parameter schema) once per client: a run's process may do
 * it ahead of the run.
 */
export function recordFlow(client: OrdoClient, def: FlowDefinition): Promise<Flow> {
  let byName = flowCache.get(client);
  if (byName === undefined) flowCache.set(client, (byName = new Map<string, Promise<Flow>>()));
  let flow = byName.get(def.name);
  if (flow === undefined) {
    flow = client.ensureFlow({
      name: def.name,
      tags: def.options.tags,
      parameterSchema: def.options.params === undefined ? undefined : parameterJsonSchema(def),
    });
    flow.catch(() => byName.delete(def.name));
    byName.set(def.name, flow);
  }
  return flow;
}

/**
 * Runs a flow (or re-runs an existing flow run) and returns its outcome. Throws only for
 * invalid parameters (`ORDO_INVALID_PARAMETERS`, before anything is written) and for a
 * backend that cannot record the run; a failure of the flow's code is a Failed outcome.
 */
export async function runFlow(
  def: FlowDefinition,
  rawParams: Readonly<Record<string, unknown>>,
  config: EngineConfig,
  options: RunFlowOptions = {},
): Promise<RunOutcome> {
  const params = validateParameters(def, rawParams);
  const client = config.client;
  const parentCtx = currentRunContext();
  const parentFlow =
    parentCtx === undefined ? undefined : parentCtx.kind === "flow" ? parentCtx : parentCtx.flow;
  const parentTask = parentCtx?.kind === "task" ? parentCtx : undefined;

  let run = options.existingRun;
  let rerun = run !== undefined;
  let dynamicKey: string | undefined;
  if (parentFlow !== undefined && run === undefined) {
    const counter = `flow:${def.name}`;
    const count = parentFlow.callCounts.get(counter) ?? 0;
    parentFlow.callCounts.set(counter, count + 1);
    dynamicKey = String(count);
    if (parentFlow.prior !== undefined) {
      const [earlier] = await client.readFlowRuns({
        parentFlowRunId: parentFlow.flowRunId,
        flowName: def.name,
        dynamicKey,
        limit: 1,
      });
      if (earlier !== undefined) {
        if (earlier.state.type === StateType.COMPLETED && earlier.result !== undefined) {
          parentFlow.logger.debug(
            `subflow run '${earlier.name}' completed in an earlier attempt: its result is reused`,
          );
          return {
            state: earlier.state,
            flowRunId: earlier.id,
            taskRunId: undefined,
            hasValue: false,
            result: earlier.result,
          };
        }
        run = earlier;
        rerun = true;
      }
    }
  }

  await recordFlow(client, def);
  if (run === undefined) {
    run = await client.createFlowRun({
      id: uuid7(),
      flowName: def.name,
      name: flowRunNameOf(def.options.flowRunName, namingParameters(params.value, params.input)),
      parameters: { ...rawParams },
      tags: def.options.tags === undefined ? [] : [...def.options.tags],
      retries: def.options.retries ?? 0,
      parentFlowRunId: parentFlow?.flowRunId,
      parentTaskRunId: parentTask?.taskRun.id,
      dynamicKey,
      host: hostname(),
      pid: process.pid,
      entrypoint: def.entrypoint,
      flowVersion: def.options.version,
    });
  }
  return new FlowRunExecution(def, run, params.value, config, rerun, parentFlow?.cancellation).execute(
    options.running,
  );
}

/** One flow run being executed, across its attempts. */
class FlowRunExecution {
  readonly #recorder: RunRecorder;
  readonly #logger: RunLogger;
  readonly #client: OrdoClient;
  /** Aborted when the run is cancelled: by the server (heartbeat answer) or with its parent. */
  readonly #cancellation = new AbortController();
  #attempt = 0;

  constructor(
    readonly def: FlowDefinition,
    readonly run: FlowRun,
    readonly params: unknown,
    readonly config: EngineConfig,
    readonly rerun: boolean,
    /** The cancellation signal of the parent flow run, for a subflow run in its process. */
    readonly parentCancellation?: AbortSignal | undefined,
  ) {
    this.#client = config.client;
    this.#recorder = new RunRecorder(config.client, {
      flushIntervalMs: config.flushIntervalMs,
      maxItems: config.flushMaxItems,
      onError: (error) =>
        this.#logger.error(`the run recorder could not write a batch (it retries): ${String(error)}`),
      onDropped: (error) =>
        this.#logger.error(`the store rejected a recorded item, which is dropped: ${String(error)}`),
    });
    this.#logger = createRunLogger({
      recorder: this.#recorder,
      flowRunId: run.id,
      displayName: `Flow run '${run.name}'`,
      level: config.logLevel,
      colors: config.colors,
    });
  }

  async execute(running: StateData | undefined): Promise<RunOutcome> {
    if (this.def.options.logPrints) installPrintCapture();
    const untrack = trackActiveRun({
      flowRunId: this.run.id,
      recorder: this.#recorder,
      client: this.#client,
      logger: this.#logger,
      onCrashed: (state) =>
        this.#runHooks(this.def.options.onCrashed, {
          state,
          flowRunId: this.run.id,
          taskRunId: undefined,
          hasValue: false,
        }),
      onCancelled: (state) =>
        this.#runHooks(this.def.options.onCancellation, {
          state,
          flowRunId: this.run.id,
          taskRunId: undefined,
          hasValue: false,
        }),
    });
    const heartbeat = setInterval(() => void this.#beat(), this.config.heartbeatMs);
    heartbeat.unref();
    const stopFollowingParent = this.#followParentCancellation();
    try {
      let state =
        running ??
        (await this.#setState(
          { type: StateType.RUNNING, name: "Running", timestamp: Date.now() },
          // A re-run may run in another process than the one that created the run.
          { rerun: this.rerun, process: this.rerun ? { host: hostname(), pid: process.pid } : undefined },
        ));
      if (state.type !== StateType.RUNNING) {
        throw new OrdoError(
          "ORDO_INVALID_TRANSITION",
          `flow run ${this.run.id} cannot start: it is ${state.name}`,
          {
            flowRunId: this.run.id,
            state: state.name,
          },
        );
      }
      this.#logger.info(
        this.rerun && this.run.runCount > 0
          ? `resuming flow run for flow '${this.def.name}'`
          : `beginning flow run for flow '${this.def.name}'`,
      );
      for (;;) {
        this.#attempt++;
        await this.#runHooks(this.def.options.onRunning, {
          state,
          flowRunId: this.run.id,
          taskRunId: undefined,
          hasValue: false,
        });
        const outcome = await this.#attemptOnce();
        if (outcome.retryAt === undefined) return outcome.outcome;
        await sleep(Math.max(0, outcome.retryAt - Date.now()));
        state = await this.#setState({ type: StateType.RUNNING, name: "Running", timestamp: Date.now() }, {});
        if (state.type !== StateType.RUNNING) {
          return { state, flowRunId: this.run.id, taskRunId: undefined, hasValue: false };
        }
      }
    } finally {
      clearInterval(heartbeat);
      stopFollowingParent();
      untrack();
      await this.#recorder.flush().catch((error: unknown) => {
        this.#logger.error(`could not write the last logs: ${String(error)}`);
      });
    }
  }

  /** One heartbeat; a Cancelling (or Cancelled) answer cancels the run. */
  async #beat(): Promise<void> {
    try {
      const answer = await this.#client.heartbeatFlowRun(this.run.id);
      if (isCancelRequest(answer.state.type)) this.#cancel(`the server has it ${answer.state.name}`);
    } catch (error) {
      this.#logger.debug(`heartbeat failed: ${String(error)}`);
    }
  }

  /** A subflow run in its parent's process is cancelled with its parent. */
  #followParentCancellation(): () => void {
    const parent = this.parentCancellation;
    if (parent === undefined) return () => undefined;
    const onCancel = () =>
      this.#cancel(`its parent flow run ${this.run.parentFlowRunId ?? ""} was cancelled`);
    if (parent.aborted) onCancel();
    else parent.addEventListener("abort", onCancel, { once: true });
    return () => parent.removeEventListener("abort", onCancel);
  }

  #cancel(why: string): void {
    if (this.#cancellation.signal.aborted) return;
    this.#logger.warning(`cancelling the flow run: ${why}`);
    this.#cancellation.abort(cancelledError(this.run.id, why));
  }

  /** One attempt of the body. `retryAt` is set when the run went AwaitingRetry. */
  async #attemptOnce(): Promise<{ outcome: RunOutcome; retryAt?: number }> {
    // A run that never ran before (e.g. a deployment run's first attempt) has no task runs to reuse.
    const ranBefore = this.rerun && this.run.runCount > 0;
    const prior = ranBefore || this.#attempt > 1 ? await this.#priorTaskRuns() : undefined;
    const controller = new AbortController();
    const runner =
      this.def.options.taskRunner ?? new ConcurrentTaskRunner({ maxConcurrency: this.config.maxConcurrency });
    const ctx: FlowRunContext = {
      kind: "flow",
      config: this.config,
      flowRunId: this.run.id,
      flowRunName: this.run.name,
      flowName: this.def.name,
      parameters: this.run.parameters,
      attempt: this.#attempt,
      recorder: this.#recorder,
      runner,
      waiting: new WaitingTaskRuns(runner),
      read: resultReader(this.config),
      logger: this.#logger,
      signal: controller.signal,
      cancellation: this.#cancellation.signal,
      logPrints: this.def.options.logPrints ?? false,
      durability: this.def.options.durability ?? "batched",
      callCounts: new Map(),
      prior,
      openTaskRuns: new OpenTaskRuns(),
      droppedLateLogs: 0,
      notResumableWarned: new Set(),
      halted: undefined,
    };
    const cancellation = this.#cancellation.signal;
    const abortBody = () => controller.abort(cancellation.reason);
    cancellation.addEventListener("abort", abortBody, { once: true });
    // A body that ignores the cancellation is not waited for (like a timed-out one).
    const body = await Promise.race([
      this.#runBody(ctx, controller),
      untilAborted(cancellation).then((): typeof CANCELLED_BODY => CANCELLED_BODY),
    ]).finally(() => cancellation.removeEventListener("abort", abortBody));
    if (body === CANCELLED_BODY) {
      // A pause that saw the cancellation first has already ended the run.
      if (ctx.halted !== undefined) {
        await this.#recorder.flush();
        return { outcome: await this.#halted(ctx.halted) };
      }
      return { outcome: await this.#cancelled(ctx) };
    }
    // Wait for every task run the body submitted, including ones submitted by tasks.
    await ctx.openTaskRuns.idle();
    if (ctx.droppedLateLogs > 0) {
      this.#logger.warning(
        `${ctx.droppedLateLogs} log line(s) from task runs that had already timed out were dropped`,
      );
    }
    await this.#recorder.flush();
    // suspend() (or a pause that timed out or was cancelled) left the run in its state.
    if (ctx.halted !== undefined) return { outcome: await this.#halted(ctx.halted) };
    if (body.ok) {
      const outcome = await this.#complete(body.value);
      return { outcome };
    }
    return this.#fail(body.error, body.timedOut);
  }

  async #runBody(
    ctx: FlowRunContext,
    controller: AbortController,
  ): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown; timedOut: boolean }> {
    const fn = this.def.fn as (params: unknown) => unknown;
    const timeoutSeconds = this.def.options.timeoutSeconds;
    try {
      if (timeoutSeconds === undefined) {
        const value = await runContextStorage.run(ctx, fn, this.params);
        return { ok: true, value: await this.#unwrap(value) };
      }
      const result = await runWithTimeout(
        () => runContextStorage.run(ctx, fn, this.params),
        timeoutSeconds * 1000,
        controller,
      );
      if (result.timedOut) return { ok: false, error: result.error, timedOut: true };
      return { ok: true, value: await this.#unwrap(result.value) };
    } catch (error) {
      return { ok: false, error, timedOut: false };
    }
  }

  /** A flow returning a future or a State ends as that run did. */
  async #unwrap(value: unknown): Promise<unknown> {
    if (isTaskFuture(value)) return value.result();
    if (value instanceof State) return value.result();
    return value;
  }

  async #complete(value: unknown): Promise<RunOutcome> {
    let ref: ResultRef | undefined;
    const persisted = await persistValue(value, this.config, undefined, undefined);
    if (persisted.ok) ref = persisted.ref;
    else
      this.#logger.warning(
        `the flow's return value cannot be persisted (${persisted.reason}): a parent's retry will run this subflow again`,
      );
    const state = await this.#setState(
      { type: StateType.COMPLETED, name: "Completed", timestamp: Date.now() },
      { result: ref },
    );
    this.#logger.info(`finished in state ${state.name}`);
    const outcome: RunOutcome = {
      state,
      flowRunId: this.run.id,
      taskRunId: undefined,
      hasValue: true,
      value,
      result: ref,
    };
    await this.#runHooks(this.def.options.onCompletion, outcome);
    return outcome;
  }

  /**
   * Ends a cancelled run: task runs that honour their signal get a moment to end and be
   * recorded, then the run is Cancelled and its `onCancellation` hooks run.
   */
  async #cancelled(ctx: FlowRunContext): Promise<RunOutcome> {
    await settledWithin(ctx.openTaskRuns.idle(), CANCEL_GRACE_MS);
    await this.#recorder.flush();
    const reason: unknown = this.#cancellation.signal.reason;
    const state = await this.#setState(
      {
        type: StateType.CANCELLED,
        name: "Cancelled",
        timestamp: Date.now(),
        message: reason instanceof Error ? reason.message : "cancelled",
      },
      {},
    );
    this.#logger.warning(`finished in state ${state.name}`);
    const outcome: RunOutcome = {
      state,
      flowRunId: this.run.id,
      taskRunId: undefined,
      hasValue: false,
      error: reason,
    };
    if (state.type === StateType.CANCELLED) await this.#runHooks(this.def.options.onCancellation, outcome);
    return outcome;
  }

  /** The outcome of a body halted by a pause: the run's state as the pause left it. */
  async #halted(halted: HaltedRun): Promise<RunOutcome> {
    const { state, error } = halted;
    const outcome: RunOutcome = {
      state,
      flowRunId: this.run.id,
      taskRunId: undefined,
      hasValue: false,
      error,
    };
    if (state.type === StateType.PAUSED) {
      this.#logger.info(`the process leaves the run ${state.name}; it runs again once resumed`);
    } else {
      this.#logger.error(`finished in state ${state.name}: ${state.message ?? String(error)}`);
      if (state.type === StateType.FAILED) await this.#runHooks(this.def.options.onFailure, outcome);
    }
    return outcome;
  }

  async #fail(error: unknown, timedOut: boolean): Promise<{ outcome: RunOutcome; retryAt?: number }> {
    const options = this.def.options;
    const now = Date.now();
    const message = timedOut
      ? `flow run timed out after ${options.timeoutSeconds}s`
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
    const proposed: StateData = {
      type: StateType.FAILED,
      name: timedOut ? "TimedOut" : "Failed",
      timestamp: now,
      message,
      error: errorInfo(error),
    };
    const delay = retryDelayMs(
      options.retryDelaySeconds,
      this.#attempt,
      options.retryJitterFactor,
      Math.random(),
    );
    const state = await this.#setState(proposed, { retryDelayMs: delay });
    if (state.name === "AwaitingRetry" && state.scheduledTime !== undefined) {
      this.#logger.warning(`${message}; retrying (${this.#attempt} of ${options.retries ?? 0})`);
      return {
        outcome: { state, flowRunId: this.run.id, taskRunId: undefined, hasValue: false, error },
        retryAt: state.scheduledTime,
      };
    }
    this.#logger.error(`finished in state ${state.name}: ${message}`);
    const outcome: RunOutcome = {
      state,
      flowRunId: this.run.id,
      taskRunId: undefined,
      hasValue: false,
      error,
    };
    await this.#runHooks(options.onFailure, outcome);
    return { outcome };
  }

  async #setState(
    state: StateData,
    options: {
      rerun?: boolean;
      result?: ResultRef | undefined;
      retryDelayMs?: number;
      process?: { host: string; pid: number } | undefined;
    },
  ): Promise<StateData> {
    const decision = await this.#client.setFlowRunState(this.run.id, state, options);
    return decision.state;
  }

  async #priorTaskRuns(): Promise<Map<string, TaskRun>> {
    const prior = new Map<string, TaskRun>();
    const pageSize = 50_000;
    for (let offset = 0; ; offset += pageSize) {
      const page = await this.#client.readTaskRuns({ flowRunId: this.run.id, limit: pageSize, offset });
      for (const taskRun of page) prior.set(`${taskRun.taskKey}\u0000${taskRun.dynamicKey}`, taskRun);
      if (page.length < pageSize) break;
    }
    return prior;
  }

  async #runHooks(hooks: readonly StateHook[] | undefined, outcome: RunOutcome): Promise<void> {
    if (hooks === undefined || hooks.length === 0) return;
    const state = stateOf(outcome, resultReader(this.config));
    for (const hook of hooks) {
      try {
        await hook(state, { id: this.run.id, name: this.run.name, flowRunId: this.run.id });
      } catch (error) {
        this.#logger.error(`a hook failed: ${String(error)}`);
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
