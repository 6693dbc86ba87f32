/**
 * The task engine: runs one task call inside a flow run.
 *
 * A call gets a dynamic key (its order among calls of the same task in the flow run),
 * resolves its arguments, reuses the result of an earlier attempt of the flow run when
 * task key, dynamic key and inputs hash match (durable resume), looks up the cache when
 * asked to, takes a runner slot for submitted calls, and walks the task-run states through
 * the task orchestration rules: Pending → Running → Completed, or Failed →
 * AwaitingRetry → Retrying → … Every state change goes to the run recorder.
 *
 * @module
 */
import { resolveCacheKeyFn } from "../cache/index.js";
import { OrdoError, isOrdoError } from "../errors/ordo-error.js";
import { hashValue } from "../hashing/index.js";
import type { TaskRun } from "../schemas/index.js";
import {
  StateType,
  TASK_RULES,
  applyRules,
  isTerminalType,
  type CacheHit,
  type StateData,
} from "../states/index.js";
import { uuid7 } from "../ids/uuid7.js";
import { runContextStorage, type FlowRunContext, type TaskRunContext } from "./context.js";
import type { TaskDefinition } from "./definitions.js";
import { errorInfo, valueOf, type ResultReader, type RunOutcome } from "./outcome.js";
import type { TaskRunSnapshot } from "./recorder.js";
import { argsNeedResolution, resolveInputs, resolveWaitFor } from "./resolve-inputs.js";
import { resultReader } from "./result-io.js";
import { taskRunNameOf } from "./run-name.js";
import { installPrintCapture } from "./print-capture.js";
import { TaskRunContextImpl } from "./task-run-context.js";
import { complete, finalFailure, finish, runHooks } from "./task-completion.js";
import { priorKey, resumeOrRerun, upstreamFailed } from "./task-resume.js";
import { haltForever, isStopping } from "./signals.js";
import { enter, factsFor, messageOf, stateData } from "./task-run-states.js";
import { runWithTimeout } from "./timeout.js";
import type { HeldSlots } from "./concurrency-slots.js";
import { holdTaskSlots } from "./task-concurrency.js";

const NON_RETRYABLE = new Set<string>([
  "ORDO_UNHASHABLE_INPUT",
  "ORDO_RESULT_NOT_SERIALIZABLE",
  "ORDO_UPSTREAM_FAILED",
  "ORDO_INVALID_PARAMETERS",
]);

/**
 * A started task run: its snapshot while it runs, its outcome once settled, and promises
 * of them made only when someone asks. A queued call of a map of 100,000 is this one
 * object (plus its future and one closure in the runner's queue) until a slot frees.
 */
export class StartedTaskRun {
  readonly taskRunId: string;
  readonly flowRunId: string;
  /** When the call was made (ms since the epoch). */
  readonly createdAt: number;
  readonly read: ResultReader;
  /** The live snapshot from the run's start until it settles (not kept before or after, to save memory). */
  snapshot: TaskRunSnapshot | undefined = undefined;
  /** Set when the run has settled. */
  outcome: RunOutcome | undefined = undefined;
  readonly #def: TaskDefinition;
  #args: readonly unknown[] | undefined;
  readonly #flow: FlowRunContext;
  readonly #prior: TaskRun | undefined;
  readonly #dynamicKey: string;
  readonly #parentTaskRunId: string | undefined;
  #settled: Promise<RunOutcome> | undefined;
  #resolveSettled: ((outcome: RunOutcome) => void) | undefined;
  #value: Promise<unknown> | undefined;
  #resolveValue: ((value: unknown) => void) | undefined;
  #rejectValue: ((error: unknown) => void) | undefined;

  /** @internal Use {@link startTaskRun}. */
  constructor(
    def: TaskDefinition,
    args: readonly unknown[],
    flow: FlowRunContext,
    parent: TaskRunContext | undefined,
    dynamicKey: string,
    prior: TaskRun | undefined,
    now: number,
  ) {
    const resultStorage = def.options.resultStorage;
    this.taskRunId = prior?.id ?? uuid7(now);
    this.flowRunId = flow.flowRunId;
    this.createdAt = now;
    this.read = resultStorage === undefined ? flow.read : resultReader(flow.config, resultStorage);
    this.#def = def;
    this.#args = args;
    this.#flow = flow;
    this.#prior = prior;
    this.#dynamicKey = dynamicKey;
    this.#parentTaskRunId = parent?.taskRun.id;
  }

  /** The outcome, once settled (never rejects). */
  get settled(): Promise<RunOutcome> {
    if (this.#settled === undefined) {
      const outcome = this.outcome;
      this.#settled =
        outcome !== undefined
          ? Promise.resolve(outcome)
          : new Promise<RunOutcome>((resolve) => (this.#resolveSettled = resolve));
    }
    return this.#settled;
  }

  /** The run's value, as `future.result()` returns it: one promise per run, made on first use. */
  value(): Promise<unknown> {
    if (this.#value === undefined) {
      const outcome = this.outcome;
      if (outcome !== undefined) return settledValue(outcome, this.read);
      this.#value = new Promise<unknown>((resolve, reject) => {
        this.#resolveValue = resolve;
        this.#rejectValue = reject;
      });
    }
    return this.#value;
  }

  /** Queues the run for a runner slot: its snapshot is made only when it starts. */
  queue(): void {
    this.#flow.openTaskRuns.opened();
    this.#flow.runner.schedule(() => this.#run(false));
  }

  /** Records the run as Pending now, then runs it (taking a runner slot when `useRunner`). */
  startNow(useRunner: boolean): void {
    this.#flow.openTaskRuns.opened();
    this.#settled = this.#run(useRunner, this.#prior === undefined);
  }

  #run(useRunner: boolean, recordPending = false): Promise<RunOutcome> {
    const flow = this.#flow;
    const prior = this.#prior;
    const snapshot = (this.snapshot =
      prior !== undefined
        ? { ...prior, stateHistory: [...prior.stateHistory], inputs: {}, waitFor: [] }
        : newSnapshot(
            this.#def,
            this.taskRunId,
            flow.flowRunId,
            this.#dynamicKey,
            this.#parentTaskRunId,
            this.createdAt,
          ));
    if (prior !== undefined) flow.recorder.recordedBefore(snapshot);
    else if (recordPending) flow.recorder.taskRun(snapshot);
    const args = this.#args ?? [];
    this.#args = undefined;
    return runTaskRun(this.#def, args, snapshot, flow, useRunner, prior, this.read).then(
      (outcome) => this.#settle(outcome),
      (error: unknown) => this.#settle(crashOutcome(flow, snapshot, error)),
    );
  }

  #settle(outcome: RunOutcome): RunOutcome {
    this.outcome = outcome;
    this.snapshot = undefined;
    const resolveSettled = this.#resolveSettled;
    if (resolveSettled !== undefined) {
      this.#resolveSettled = undefined;
      resolveSettled(outcome);
    }
    const resolveValue = this.#resolveValue;
    const rejectValue = this.#rejectValue;
    if (resolveValue !== undefined && rejectValue !== undefined) {
      this.#resolveValue = undefined;
      this.#rejectValue = undefined;
      try {
        resolveValue(valueOf(outcome, this.read));
      } catch (error) {
        rejectValue(error);
      }
    }
    this.#flow.openTaskRuns.closed();
    return outcome;
  }
}

/** The value of a settled outcome as a promise: fulfilled with it, or rejected with the failure. */
function settledValue(outcome: RunOutcome, read: ResultReader): Promise<unknown> {
  try {
    return Promise.resolve(valueOf(outcome, read));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * Starts a task call in `flow`. `parent` is the task run making the call, for nested
 * calls; `useRunner` takes a slot of the flow's task runner (submitted calls).
 */
export function startTaskRun(
  def: TaskDefinition,
  args: readonly unknown[],
  flow: FlowRunContext,
  parent: TaskRunContext | undefined,
  useRunner: boolean,
): StartedTaskRun {
  const count = flow.callCounts.get(def.key) ?? 0;
  flow.callCounts.set(def.key, count + 1);
  const dynamicKey = String(count);
  const prior = flow.prior?.get(priorKey(def.key, dynamicKey));
  const options = def.options;
  const started = new StartedTaskRun(def, args, flow, parent, dynamicKey, prior, Date.now());
  // A submitted call with nothing to wait for queues as a plain closure and starts when a
  // runner slot frees: its snapshot is made and recorded only then, so a map of 100,000
  // calls neither holds 100,000 snapshots while it waits nor writes each run twice. A
  // call with futures to resolve is recorded at once (it shows as Pending in the graph),
  // resolves them, then takes a slot. A re-run waits for the resume decision.
  if (
    useRunner &&
    (options.waitFor === undefined || options.waitFor.length === 0) &&
    !argsNeedResolution(args)
  )
    started.queue();
  else started.startNow(useRunner);
  return started;
}

/** A new task run's snapshot, in state Pending. */
function newSnapshot(
  def: TaskDefinition,
  id: string,
  flowRunId: string,
  dynamicKey: string,
  parentTaskRunId: string | undefined,
  now: number,
): TaskRunSnapshot {
  const options = def.options;
  return {
    id,
    flowRunId,
    taskKey: def.key,
    dynamicKey,
    name: options.taskRunName === undefined ? `${def.name}-${dynamicKey}` : def.name,
    tags: options.tags === undefined ? [] : [...options.tags],
    state: { type: StateType.PENDING, name: "Pending", timestamp: now },
    stateHistory: [[StateType.PENDING, "Pending", now]],
    runCount: 0,
    startTime: undefined,
    endTime: undefined,
    inputsHash: undefined,
    cacheKey: undefined,
    cacheExpiration: undefined,
    result: undefined,
    inputs: {},
    waitFor: [],
    parentTaskRunId,
    createdAt: now,
    updatedAt: now,
  };
}

/** An engine error (a bug, or the store failing): the run is Crashed, the flow goes on. */
function crashOutcome(flow: FlowRunContext, snapshot: TaskRunSnapshot, error: unknown): RunOutcome {
  const state = stateData(
    StateType.CRASHED,
    "Crashed",
    Date.now(),
    `the engine failed: ${String(error)}`,
    errorInfo(error),
  );
  if (!isTerminalType(snapshot.state.type)) enter(flow, snapshot, state);
  flow.logger.error(`task run '${snapshot.name}' crashed: ${String(error)}`);
  return { state, flowRunId: flow.flowRunId, taskRunId: snapshot.id, hasValue: false, error };
}

async function runTaskRun(
  def: TaskDefinition,
  rawArgs: readonly unknown[],
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  useRunner: boolean,
  prior: TaskRun | undefined,
  read: ResultReader,
): Promise<RunOutcome> {
  const options = def.options;
  let args = rawArgs as unknown[];

  // 1. Inputs: wait for `waitFor`, resolve futures in arguments, record dependencies.
  if (options.waitFor !== undefined && options.waitFor.length > 0) {
    const waited = await resolveWaitFor(options.waitFor, read);
    snapshot.waitFor = waited.ids;
    if (waited.failure !== undefined) return upstreamFailed(flow, snapshot, waited.failure.message, prior);
  }
  if (argsNeedResolution(args)) {
    const resolved = await resolveInputs(args, read);
    args = resolved.args;
    snapshot.inputs = resolved.dependencies;
    if (resolved.failure !== undefined)
      return upstreamFailed(flow, snapshot, resolved.failure.message, prior);
  }
  if (options.taskRunName !== undefined && prior === undefined) {
    snapshot.name = taskRunNameOf(options.taskRunName, def.name, snapshot.dynamicKey, args);
  }
  let inputsHash: string | undefined;
  try {
    inputsHash = hashValue(args, "args");
  } catch {
    inputsHash = undefined; // Unhashable inputs: the call runs, but cannot be resumed.
  }

  // 2. Durable resume: the same call of an earlier attempt completed with a recorded result.
  if (prior !== undefined) {
    const reused = resumeOrRerun(flow, snapshot, prior, inputsHash);
    if (reused !== undefined) return reused;
  }
  snapshot.inputsHash = inputsHash;

  // 3. Cache lookup, when caching was asked for.
  let cacheHit: CacheHit | undefined;
  const keyFn = resolveCacheKeyFn(options);
  if (keyFn !== undefined) {
    let cacheKey: string | undefined;
    try {
      cacheKey = keyFn(
        {
          taskKey: def.key,
          taskSource: sourceOf(def),
          args,
          flowRunId: flow.flowRunId,
          flowParameters: flow.parameters,
        },
        args,
      );
    } catch (error) {
      return finalFailure(def, flow, snapshot, error, undefined);
    }
    if (cacheKey !== undefined) {
      snapshot.cacheKey = cacheKey;
      if (options.cacheExpirationSeconds !== undefined) {
        snapshot.cacheExpiration = Date.now() + Math.round(options.cacheExpirationSeconds * 1000);
      }
      if (!options.refreshCache) {
        // Completions of this process may still sit in the recorder, or be on their way to
        // the store: write them first, so a second call with the same key sees the first
        // one's result.
        await flow.recorder.flush();
        cacheHit = await flow.config.client.findCachedResult(cacheKey, Date.now());
      }
    }
  }

  // 4. Run, with retries, holding a runner slot for submitted calls.
  if (!useRunner) return attempts(def, args, snapshot, flow, cacheHit, read);
  const slot = flow.runner.acquire();
  const release = typeof slot === "function" ? slot : await slot;
  try {
    return await attempts(def, args, snapshot, flow, cacheHit, read);
  } finally {
    release();
  }
}

let sourceCache: WeakMap<TaskDefinition, string> | undefined;
function sourceOf(def: TaskDefinition): string {
  sourceCache ??= new WeakMap();
  let source = sourceCache.get(def);
  if (source === undefined) {
    source = def.fn.toString();
    sourceCache.set(def, source);
  }
  return source;
}

async function attempts(
  def: TaskDefinition,
  args: unknown[],
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  cacheHit: CacheHit | undefined,
  read: ResultReader,
): Promise<RunOutcome> {
  const options = def.options;
  const retries = options.retries ?? 0;
  for (let attempt = 1; ; attempt++) {
    // Propose Running; the rules may answer Cached, Retrying, or "wait".
    let now = Date.now();
    let decision = applyRules(TASK_RULES, {
      initial: snapshot.state,
      proposed: { type: StateType.RUNNING, name: "Running", timestamp: now },
      now,
      run: factsFor(attempt - 1, retries, def),
      cacheHit,
    });
    while (decision.kind === "wait") {
      await sleep(decision.delayMs);
      now = Date.now();
      decision = applyRules(TASK_RULES, {
        initial: snapshot.state,
        proposed: { type: StateType.RUNNING, name: "Running", timestamp: now },
        now,
        run: factsFor(attempt - 1, retries, def),
      });
    }
    // Tag concurrency limits: a slot of every limited tag before the run enters Running.
    let held: HeldSlots | undefined;
    if (snapshot.tags.length > 0 && decision.kind === "accept" && decision.cacheHit === undefined) {
      held = await holdTaskSlots(flow, snapshot);
      if (held?.waited === true) {
        now = Date.now();
        const again = applyRules(TASK_RULES, {
          initial: snapshot.state,
          proposed: { type: StateType.RUNNING, name: "Running", timestamp: now },
          now,
          run: factsFor(attempt - 1, retries, def),
        });
        if (again.kind !== "wait") decision = again;
      }
    }
    try {
      if (decision.kind === "reject") {
        throw new OrdoError(
          "ORDO_INVALID_TRANSITION",
          `task run '${snapshot.name}' cannot start: ${decision.reason}`,
        );
      }
      // A process ending on a signal starts no task: it would run unrecorded.
      if (isStopping()) await haltForever();
      if (flow.cancellation.aborted) {
        return finalFailure(def, flow, snapshot, flow.cancellation.reason, cancelledState(Date.now()));
      }
      enter(flow, snapshot, decision.state);
      if (decision.cacheHit !== undefined) {
        snapshot.result = decision.cacheHit.result;
        return finish(
          def,
          flow,
          snapshot,
          {
            state: decision.state,
            flowRunId: flow.flowRunId,
            taskRunId: snapshot.id,
            hasValue: false,
            result: decision.cacheHit.result,
          },
          read,
        );
      }
      if (options.onRunning !== undefined && options.onRunning.length > 0) {
        await runHooks(
          options.onRunning,
          flow,
          snapshot,
          { state: decision.state, flowRunId: flow.flowRunId, taskRunId: snapshot.id, hasValue: false },
          read,
        );
      }

      const logPrints = options.logPrints ?? flow.logPrints;
      if (logPrints) installPrintCapture();
      const ctx = new TaskRunContextImpl(flow, snapshot, logPrints, attempt);
      let run: Execution;
      if (options.timeoutSeconds === undefined) {
        // The common case, inline: one async layer less per task run.
        try {
          run = {
            ok: true,
            value: await runContextStorage.run(ctx, def.fn as (...a: unknown[]) => unknown, ...args),
          };
        } catch (error) {
          run = { ok: false, error, timedOut: false };
        }
      } else {
        run = await executeWithTimeout(def, args, ctx, options.timeoutSeconds);
      }
      if (run.ok) {
        const pending = complete(def, flow, snapshot, run.value);
        const completed = pending instanceof Promise ? await pending : pending;
        if (completed.ok) {
          ctx.finished = true;
          return finish(def, flow, snapshot, completed.outcome, read);
        }
        ctx.finished = true;
        return finalFailure(def, flow, snapshot, completed.error, undefined);
      }
      if (flow.cancellation.aborted) {
        ctx.finished = true;
        return finalFailure(def, flow, snapshot, run.error, cancelledState(Date.now()));
      }
      const retryable = await isRetryable(def, run.error, attempt, retries, ctx);
      now = Date.now();
      const timedOut = run.timedOut;
      const proposed = stateData(
        StateType.FAILED,
        timedOut ? "TimedOut" : "Failed",
        now,
        timedOut ? `task run timed out after ${options.timeoutSeconds}s` : messageOf(run.error),
        errorInfo(run.error),
      );
      const failure = applyRules(TASK_RULES, {
        initial: snapshot.state,
        proposed,
        now,
        run: factsFor(attempt, retries, def),
        retryable,
      });
      if (failure.kind === "accept" && failure.state.name === "AwaitingRetry") {
        enter(flow, snapshot, failure.state);
        ctx.logger.warning(`${failure.state.message ?? "retrying"}`);
        ctx.finished = true;
        continue;
      }
      ctx.finished = true;
      return finalFailure(
        def,
        flow,
        snapshot,
        run.error,
        failure.kind === "accept" ? failure.state : proposed,
      );
    } finally {
      if (held !== undefined) await held.release();
    }
  }
}

async function isRetryable(
  def: TaskDefinition,
  error: unknown,
  attempt: number,
  retries: number,
  ctx: TaskRunContextImpl,
): Promise<boolean> {
  if (attempt > retries) return false;
  if (isOrdoError(error) && NON_RETRYABLE.has(error.code)) return false;
  const condition = def.options.retryCondition;
  if (condition === undefined) return true;
  try {
    return await condition(error, attempt);
  } catch (conditionError) {
    ctx.flow.logger.error(
      `retryCondition of task '${def.name}' threw, so the failure is final: ${String(conditionError)}`,
    );
    return false;
  }
}

type Execution = { ok: true; value: unknown } | { ok: false; error: unknown; timedOut: boolean };

/** Runs the task's function with a deadline (see `runWithTimeout`). */
async function executeWithTimeout(
  def: TaskDefinition,
  args: unknown[],
  ctx: TaskRunContextImpl,
  timeoutSeconds: number,
): Promise<Execution> {
  const fn = def.fn as (...a: unknown[]) => unknown;
  try {
    const result = await runWithTimeout(
      () => runContextStorage.run(ctx, fn, ...args),
      timeoutSeconds * 1000,
      ctx.controller,
    );
    if (result.timedOut) {
      ctx.finished = true; // the function may go on: its later logs are dropped
      ctx.flow.logger.warning(
        `task run '${ctx.taskRun.name}' timed out after ${timeoutSeconds}s; its signal was aborted. ` +
          "If the function ignores the signal it may keep running: its later logs are dropped.",
      );
      return { ok: false, error: result.error, timedOut: true };
    }
    return { ok: true, value: result.value };
  } catch (error) {
    return { ok: false, error, timedOut: false };
  }
}

/** The final state of a task run that was running, or about to start, when its flow run was cancelled. */
function cancelledState(now: number): StateData {
  return stateData(StateType.CANCELLED, "Cancelled", now, "the flow run was cancelled", undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
