/**
 * The task engine: runs one task call inside a flow run.
 *
 * A call gets a dynamic key (its order among calls of the same task in the flow run),
 * resolves its arguments, reuses the result of an earlier attempt of the flow run when
 * task key, dynamic key and inputs hash match (durable resume), looks up the cache when
 * asked to, takes a runner slot for submitted calls, and makes its attempts
 * (`task-attempts.ts`), which walk the task-run states through the task orchestration
 * rules: Pending → Running → Completed, or Failed → AwaitingRetry → Retrying → … Every
 * state change goes to the run recorder.
 *
 * @module
 */
import { resolveCacheKeyFn } from "../cache/index.js";
import { hashValue } from "../hashing/index.js";
import { uuid7 } from "../ids/uuid7.js";
import type { TaskRun } from "../schemas/index.js";
import { State, StateType, isTerminalType, type CacheHit } from "../states/index.js";
import type { FlowRunContext, TaskRunContext } from "./context.js";
import type { TaskDefinition } from "./definitions.js";
import { TaskFuture } from "./future.js";
import { errorInfo, stateOf, valueOf, type ResultReader, type RunOutcome } from "./outcome.js";
import { STATES_TAKEN, type TaskRunSnapshot } from "./recorder.js";
import { argsNeedResolution, resolveInputs, resolveWaitFor } from "./resolve-inputs.js";
import { resultReader } from "./result-io.js";
import { taskRunNameOf } from "./run-name.js";
import { haltForever, isStopping } from "./signals.js";
import { attempts } from "./task-attempts.js";
import { finalFailure } from "./task-completion.js";
import { priorKey, resumeOrRerun, upstreamFailed } from "./task-resume.js";
import { enter, stateData } from "./task-run-states.js";

/**
 * A started task run: its snapshot while it runs, its outcome once settled, and promises
 * of them made only when someone asks. It is the call's future too: a queued call of a map
 * of 100,000 is this one object (plus its arguments) until a runner slot frees.
 */
export class StartedTaskRun extends TaskFuture {
  readonly taskRunId: string;
  /** When the call was made (ms since the epoch). */
  readonly #createdAt: number;
  /** The live snapshot from the run's start until it settles (not kept before or after, to save memory). */
  #snapshot: TaskRunSnapshot | undefined = undefined;
  /** Set when the run has settled. */
  #outcome: RunOutcome | undefined = undefined;
  readonly #def: TaskDefinition;
  #args: readonly unknown[] | undefined;
  readonly #flow: FlowRunContext;
  readonly #prior: TaskRun | undefined;
  /** The call's number among the calls of its task in the flow run (its dynamic key). */
  readonly #call: number;
  readonly #parentTaskRunId: string | undefined;
  #settled: Promise<RunOutcome> | undefined;
  #resolveSettled: ((outcome: RunOutcome) => void) | undefined;
  #value: Promise<unknown> | undefined;
  #resolveValue: ((value: unknown) => void) | undefined;

  /** @internal Use {@link startTaskRun}. */
  constructor(
    def: TaskDefinition,
    args: readonly unknown[],
    flow: FlowRunContext,
    parent: TaskRunContext | undefined,
    call: number,
    prior: TaskRun | undefined,
    now: number,
  ) {
    super();
    this.taskRunId = prior?.id ?? uuid7(now);
    this.#createdAt = now;
    this.#def = def;
    this.#args = args;
    this.#flow = flow;
    this.#prior = prior;
    this.#call = call;
    this.#parentTaskRunId = parent?.taskRun.id;
  }

  /** Reads the run's result when it is not in memory. */
  get read(): ResultReader {
    const storage = this.#def.options.resultStorage;
    return storage === undefined ? this.#flow.read : resultReader(this.#flow.config, storage);
  }

  /** The outcome, once settled (never rejects). */
  get settled(): Promise<RunOutcome> {
    if (this.#settled === undefined) {
      const outcome = this.#outcome;
      this.#settled =
        outcome !== undefined
          ? Promise.resolve(outcome)
          : new Promise<RunOutcome>((resolve) => (this.#resolveSettled = resolve));
    }
    return this.#settled;
  }

  get state(): State<unknown> {
    const outcome = this.#outcome;
    if (outcome !== undefined) return stateOf(outcome, this.read);
    const ids = { flowRunId: this.#flow.flowRunId, taskRunId: this.taskRunId };
    // Not started yet (waiting for a runner slot): Pending since the call.
    const snapshot = this.#snapshot;
    if (snapshot === undefined)
      return new State({ type: "PENDING", name: "Pending", timestamp: this.#createdAt }, ids);
    return new State(snapshot.state, ids);
  }

  async wait(): Promise<State<unknown>> {
    return stateOf(await this.settled, this.read);
  }

  /** The run's value: one promise per run, made on first use. */
  result(): Promise<unknown> {
    if (this.#value === undefined) {
      const outcome = this.#outcome;
      if (outcome !== undefined) return settledValue(outcome, this.read);
      // Only the resolve function is kept (a failure resolves it with a rejected promise):
      // a run that has not settled holds one function less.
      this.#value = new Promise<unknown>((resolve) => (this.#resolveValue = resolve));
    }
    return this.#value;
  }

  outcome(): Promise<RunOutcome> {
    return this.settled;
  }

  settledOutcome(): RunOutcome | undefined {
    return this.#outcome;
  }

  /** Queues the run for a runner slot: its snapshot is made only when it starts. */
  queue(): void {
    this.#flow.openTaskRuns.opened();
    this.#flow.waiting.add(this);
  }

  /** Runs a queued run, in the runner slot it was given (see `WaitingTaskRuns`). */
  start(): Promise<RunOutcome> {
    return this.#run(false);
  }

  /** Records the run as Pending now, then runs it (taking a runner slot when `useRunner`). */
  startNow(useRunner: boolean): void {
    this.#flow.openTaskRuns.opened();
    this.#settled = this.#run(useRunner, this.#prior === undefined);
  }

  #run(useRunner: boolean, recordPending = false): Promise<RunOutcome> {
    // A process ending on a signal (its run being marked Crashed) neither records nor
    // starts a task run: one recorded after the run's end would stay Pending for ever.
    if (isStopping()) return haltForever();
    const flow = this.#flow;
    // The recorder has as many items waiting as it holds: start when its write ends
    // (holding the runner slot, so no other queued run starts meanwhile).
    const backlog = flow.recorder.backlog();
    if (backlog !== undefined) return backlog.then(() => this.#run(useRunner, recordPending));
    const prior = this.#prior;
    const snapshot = (this.#snapshot =
      prior !== undefined
        ? { ...prior, stateHistory: [...prior.stateHistory], inputs: NO_INPUTS, waitFor: NO_WAIT_FOR }
        : newSnapshot(
            this.#def,
            this.taskRunId,
            flow.flowRunId,
            String(this.#call),
            this.#parentTaskRunId,
            this.#createdAt,
          ));
    if (prior !== undefined) flow.recorder.recordedBefore(snapshot);
    else if (recordPending) flow.recorder.taskRun(snapshot);
    const args = this.#args ?? [];
    this.#args = undefined;
    let running: RunOutcome | Promise<RunOutcome>;
    try {
      running = runTaskRun(this.#def, args, snapshot, flow, useRunner, prior, this.read);
    } catch (error) {
      running = crashOutcome(flow, snapshot, error);
    }
    if (!(running instanceof Promise)) return Promise.resolve(this.#settle(running));
    return running.then(
      (outcome) => this.#settle(outcome),
      (error: unknown) => this.#settle(crashOutcome(flow, snapshot, error)),
    );
  }

  #settle(outcome: RunOutcome): RunOutcome {
    this.#outcome = outcome;
    this.#snapshot = undefined;
    const resolveSettled = this.#resolveSettled;
    if (resolveSettled !== undefined) {
      this.#resolveSettled = undefined;
      resolveSettled(outcome);
    }
    const resolveValue = this.#resolveValue;
    if (resolveValue !== undefined) {
      this.#resolveValue = undefined;
      let value: unknown;
      try {
        value = valueOf(outcome, this.read);
      } catch (error) {
        value = Promise.reject(error);
      }
      resolveValue(value);
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
  const prior = flow.prior?.get(priorKey(def.key, String(count)));
  const options = def.options;
  const started = new StartedTaskRun(def, args, flow, parent, count, prior, Date.now());
  // A submitted call with nothing to wait for waits in the flow's queue (`flow.waiting`)
  // and starts when a runner slot frees: its snapshot is made and recorded only then, so a map of 100,000
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

// A snapshot's empty collections, shared by all snapshots: the engine replaces them (it
// never adds to them) and users see them read-only, so each snapshot saves three objects.
const NO_TAGS = Object.freeze([]) as unknown as string[];
const NO_INPUTS = Object.freeze({}) as Record<string, string[]>;
const NO_WAIT_FOR = Object.freeze([]) as unknown as string[];

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
    tags: options.tags === undefined || options.tags.length === 0 ? NO_TAGS : [...options.tags],
    state: { type: StateType.PENDING, name: "Pending", timestamp: now },
    stateHistory: [[StateType.PENDING, "Pending", now]],
    runCount: 0,
    startTime: undefined,
    endTime: undefined,
    inputsHash: undefined,
    cacheKey: undefined,
    cacheExpiration: undefined,
    result: undefined,
    inputs: NO_INPUTS,
    waitFor: NO_WAIT_FOR,
    parentTaskRunId,
    createdAt: now,
    updatedAt: now,
    [STATES_TAKEN]: 0, // set here, so that the recorder's later writes find the slot
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

/**
 * Runs a started task run to its outcome: resolves its inputs, resumes or looks up the
 * cache, then makes its attempts. Returns the outcome itself when no step has to wait (a
 * resumed result), else a promise; the common call (plain arguments, no cache) goes
 * straight to {@link attempts}, with no promise of its own.
 */
function runTaskRun(
  def: TaskDefinition,
  rawArgs: readonly unknown[],
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  useRunner: boolean,
  prior: TaskRun | undefined,
  read: ResultReader,
): RunOutcome | Promise<RunOutcome> {
  const waitFor = def.options.waitFor;
  if ((waitFor !== undefined && waitFor.length > 0) || argsNeedResolution(rawArgs)) {
    return resolveThenRun(def, rawArgs, snapshot, flow, useRunner, prior, read);
  }
  return runWithInputs(def, rawArgs as unknown[], snapshot, flow, useRunner, prior, read);
}

/** Step 1, when there is something to wait for: `waitFor`, and futures in the arguments. */
async function resolveThenRun(
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
  return runWithInputs(def, args, snapshot, flow, useRunner, prior, read);
}

/** Steps 2–4, once the arguments are values: resume, cache lookup, attempts. */
function runWithInputs(
  def: TaskDefinition,
  args: unknown[],
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  useRunner: boolean,
  prior: TaskRun | undefined,
  read: ResultReader,
): RunOutcome | Promise<RunOutcome> {
  const options = def.options;
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
      if (!options.refreshCache) return lookUpThenRun(def, args, snapshot, flow, useRunner, cacheKey, read);
    }
  }
  return runAttempts(def, args, snapshot, flow, useRunner, undefined, read);
}

/** Step 3's lookup: the cached result of `cacheKey`, if any, then the attempts. */
async function lookUpThenRun(
  def: TaskDefinition,
  args: unknown[],
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  useRunner: boolean,
  cacheKey: string,
  read: ResultReader,
): Promise<RunOutcome> {
  // Completions of this process may still sit in the recorder, or be on their way to
  // the store: write them first, so a second call with the same key sees the first
  // one's result.
  await flow.recorder.flush();
  const cacheHit = await flow.config.client.findCachedResult(cacheKey, Date.now());
  return runAttempts(def, args, snapshot, flow, useRunner, cacheHit, read);
}

/** Step 4: the attempts, holding a runner slot for submitted calls. */
function runAttempts(
  def: TaskDefinition,
  args: unknown[],
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  useRunner: boolean,
  cacheHit: CacheHit | undefined,
  read: ResultReader,
): Promise<RunOutcome> {
  if (!useRunner) return attempts(def, args, snapshot, flow, cacheHit, read);
  return attemptsInSlot(def, args, snapshot, flow, cacheHit, read);
}

async function attemptsInSlot(
  def: TaskDefinition,
  args: unknown[],
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  cacheHit: CacheHit | undefined,
  read: ResultReader,
): Promise<RunOutcome> {
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
