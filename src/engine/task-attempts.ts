/**
 * The attempts of a task run: Running, the task's function, then Completed, or Failed →
 * AwaitingRetry → Retrying → … until it completes or fails for good, with the task
 * orchestration rules deciding each step.
 *
 * @module
 */

import { OrdoError, isOrdoError } from "../errors/ordo-error.js";
import {
  StateType,
  TASK_RULES,
  applyRules,
  type CacheHit,
  type Decision,
  type StateData,
} from "../states/index.js";
import type { HeldSlots } from "./concurrency-slots.js";
import { runContextStorage, type FlowRunContext } from "./context.js";
import type { TaskDefinition } from "./definitions.js";
import { errorInfo, type ResultReader, type RunOutcome } from "./outcome.js";
import { installPrintCapture } from "./print-capture.js";
import type { TaskRunSnapshot } from "./recorder.js";
import { haltForever, isStopping } from "./signals.js";
import { complete, finalFailure, finish, runHooks, type Completion } from "./task-completion.js";
import { holdTaskSlots } from "./task-concurrency.js";
import { TaskRunContextImpl } from "./task-run-context.js";
import { enter, factsFor, messageOf, stateData } from "./task-run-states.js";
import { runWithTimeout } from "./timeout.js";

const NON_RETRYABLE = new Set<string>([
  "ORDO_UNHASHABLE_INPUT",
  "ORDO_RESULT_NOT_SERIALIZABLE",
  "ORDO_UPSTREAM_FAILED",
  "ORDO_INVALID_PARAMETERS",
]);

/** The answer of {@link failureOf} for a failed attempt that the next attempt follows. */
const RETRY = Symbol("retry");

/** The proposal of a task run about to start an attempt. */
function runningAt(now: number): StateData {
  return { type: StateType.RUNNING, name: "Running", timestamp: now };
}

/**
 * The attempts of a task run, until it ends. The common first attempt — one the rules let
 * start now, with no tag limits to wait for, no timeout and no `onRunning` hooks — has no
 * async function of its own: the task function's promise is followed with one `then`.
 * Everything else goes through {@link attemptsFrom}.
 */
export function attempts(
  def: TaskDefinition,
  args: unknown[],
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  cacheHit: CacheHit | undefined,
  read: ResultReader,
): Promise<RunOutcome> {
  const options = def.options;
  const now = Date.now();
  const decision = applyRules(TASK_RULES, {
    initial: snapshot.state,
    proposed: runningAt(now),
    now,
    run: factsFor(0, options.retries ?? 0, def),
    cacheHit,
  });
  if (
    decision.kind !== "accept" ||
    decision.cacheHit !== undefined ||
    snapshot.tags.length > 0 ||
    options.timeoutSeconds !== undefined ||
    (options.onRunning !== undefined && options.onRunning.length > 0) ||
    isStopping() ||
    flow.cancellation.aborted
  ) {
    return attemptsFrom(1, decision, def, args, snapshot, flow, read);
  }
  enter(flow, snapshot, decision.state);
  const ctx = attemptContext(def, flow, snapshot, 1);
  let running: unknown;
  try {
    running = runContextStorage.run(ctx, def.fn as (...a: unknown[]) => unknown, ...args);
  } catch (error) {
    return failedThenNext(def, args, snapshot, flow, ctx, error, 1, read);
  }
  return Promise.resolve(running).then(
    (value) => afterSuccess(def, snapshot, flow, ctx, value, read),
    (error: unknown) => failedThenNext(def, args, snapshot, flow, ctx, error, 1, read),
  );
}

/**
 * Attempt `first` and the ones after it. `firstDecision` is the rules' answer for attempt
 * `first` when the caller has it; attempts that must wait (a retry delay, tag limits)
 * wait here.
 */
async function attemptsFrom(
  first: number,
  firstDecision: Decision | undefined,
  def: TaskDefinition,
  args: unknown[],
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  read: ResultReader,
): Promise<RunOutcome> {
  const options = def.options;
  const retries = options.retries ?? 0;
  for (let attempt = first; ; attempt++) {
    // Propose Running; the rules may answer Cached, Retrying, or "wait".
    let now = Date.now();
    let decision =
      attempt === first && firstDecision !== undefined
        ? firstDecision
        : applyRules(TASK_RULES, {
            initial: snapshot.state,
            proposed: runningAt(now),
            now,
            run: factsFor(attempt - 1, retries, def),
          });
    while (decision.kind === "wait") {
      await sleep(decision.delayMs);
      now = Date.now();
      decision = applyRules(TASK_RULES, {
        initial: snapshot.state,
        proposed: runningAt(now),
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
          proposed: runningAt(now),
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
      const ctx = attemptContext(def, flow, snapshot, attempt);
      let run: Execution;
      if (options.timeoutSeconds === undefined) {
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
        return finishCompletion(def, snapshot, flow, ctx, completed, read);
      }
      const next = await failureOf(def, snapshot, flow, ctx, run.error, run.timedOut, attempt);
      if (next !== RETRY) return finalFailure(def, flow, snapshot, run.error, next);
    } finally {
      if (held !== undefined) await held.release();
    }
  }
}

/** The context of attempt `attempt` (capturing prints when the task or flow asks to). */
function attemptContext(
  def: TaskDefinition,
  flow: FlowRunContext,
  snapshot: TaskRunSnapshot,
  attempt: number,
): TaskRunContextImpl {
  const logPrints = def.options.logPrints ?? flow.logPrints;
  if (logPrints) installPrintCapture();
  return new TaskRunContextImpl(flow, snapshot, logPrints, attempt);
}

/** An attempt returned `value`: the run completes (or fails, if its result must persist and cannot). */
function afterSuccess(
  def: TaskDefinition,
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  ctx: TaskRunContextImpl,
  value: unknown,
  read: ResultReader,
): RunOutcome | Promise<RunOutcome> {
  const pending = complete(def, flow, snapshot, value);
  if (pending instanceof Promise) {
    return pending.then((completed) => finishCompletion(def, snapshot, flow, ctx, completed, read));
  }
  return finishCompletion(def, snapshot, flow, ctx, pending, read);
}

function finishCompletion(
  def: TaskDefinition,
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  ctx: TaskRunContextImpl,
  completed: Completion,
  read: ResultReader,
): RunOutcome | Promise<RunOutcome> {
  ctx.finished = true;
  if (completed.ok) return finish(def, flow, snapshot, completed.outcome, read);
  return finalFailure(def, flow, snapshot, completed.error, undefined);
}

/** The first attempt (run by {@link attempts}) threw: the run fails, or goes on to its next attempt. */
async function failedThenNext(
  def: TaskDefinition,
  args: unknown[],
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  ctx: TaskRunContextImpl,
  error: unknown,
  attempt: number,
  read: ResultReader,
): Promise<RunOutcome> {
  const next = await failureOf(def, snapshot, flow, ctx, error, false, attempt);
  if (next !== RETRY) return finalFailure(def, flow, snapshot, error, next);
  return attemptsFrom(attempt + 1, undefined, def, args, snapshot, flow, read);
}

/**
 * Attempt `attempt` threw `error`: the run enters AwaitingRetry (the answer is
 * {@link RETRY}), or the answer is the final state to end it in: Cancelled (its flow run
 * was cancelled), Failed or TimedOut.
 */
async function failureOf(
  def: TaskDefinition,
  snapshot: TaskRunSnapshot,
  flow: FlowRunContext,
  ctx: TaskRunContextImpl,
  error: unknown,
  timedOut: boolean,
  attempt: number,
): Promise<StateData | typeof RETRY> {
  if (flow.cancellation.aborted) {
    ctx.finished = true;
    return cancelledState(Date.now());
  }
  const options = def.options;
  const retries = options.retries ?? 0;
  const retryable = await isRetryable(def, error, attempt, retries, ctx);
  const now = Date.now();
  const proposed = stateData(
    StateType.FAILED,
    timedOut ? "TimedOut" : "Failed",
    now,
    timedOut ? `task run timed out after ${options.timeoutSeconds}s` : messageOf(error),
    errorInfo(error),
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
    return RETRY;
  }
  ctx.finished = true;
  return failure.kind === "accept" ? failure.state : proposed;
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
