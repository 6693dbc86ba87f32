/**
 * Rules shared by task runs and flow runs.
 *
 * @module
 */
import { StateType, isTerminalType } from "../state-type.js";
import { attemptsOf, type OrchestrationRule } from "./rule.js";

const TERMINAL_TYPES = [
  StateType.COMPLETED,
  StateType.FAILED,
  StateType.CRASHED,
  StateType.CANCELLED,
] as const;

/**
 * Terminal-state protection: a run in a final state stays there. A COMPLETED run is never
 * reopened (its result is reused instead); a FAILED, CRASHED or CANCELLED run may be
 * reopened only as a re-run of a retried flow run. `force` steps around the rule.
 */
export const protectTerminalStates: OrchestrationRule = {
  name: "protect-terminal-states",
  from: TERMINAL_TYPES,
  to: "any",
  apply(ctx) {
    if (ctx.force) return undefined;
    const initial = ctx.initial;
    if (initial === undefined || !isTerminalType(initial.type)) return undefined;
    if (ctx.rerun && initial.type !== StateType.COMPLETED) return undefined;
    return {
      kind: "reject",
      reason: `the run is already ${initial.name}; a final state is not left`,
      state: initial,
    };
  },
};

/** Prevents entering the same state twice in a row (a duplicate, e.g. a retried request). */
export const preventDuplicateTransitions: OrchestrationRule = {
  name: "prevent-duplicate-transitions",
  from: "any",
  to: "any",
  apply(ctx) {
    const initial = ctx.initial;
    if (initial === undefined || ctx.force) return undefined;
    if (
      initial.type === ctx.proposed.type &&
      initial.name === ctx.proposed.name &&
      initial.type !== StateType.SCHEDULED
    ) {
      return { kind: "reject", reason: `the run is already ${initial.name}`, state: initial };
    }
    return undefined;
  },
};

/** Waits until a SCHEDULED run's scheduled time before it may start. */
export const waitForScheduledTime: OrchestrationRule = {
  name: "wait-for-scheduled-time",
  from: [StateType.SCHEDULED],
  to: [StateType.PENDING, StateType.RUNNING],
  apply(ctx) {
    const at = ctx.initial?.scheduledTime;
    if (at === undefined || ctx.force || at <= ctx.now) return undefined;
    return { kind: "wait", delayMs: at - ctx.now, reason: "the run is scheduled for later" };
  },
};

/**
 * Retries failures: a RUNNING run proposed FAILED with retries left (and a retryable
 * failure) goes to AwaitingRetry, scheduled after the retry delay.
 */
export const retryFailedRuns: OrchestrationRule = {
  name: "retry-failed-runs",
  from: [StateType.RUNNING],
  to: [StateType.FAILED],
  apply(ctx) {
    const { retries } = ctx.run;
    const attempts = attemptsOf(ctx.run);
    if (ctx.retryable === false || attempts > retries) return undefined;
    const delayMs = ctx.run.retryDelayMs(attempts);
    const message = `retry ${attempts} of ${retries} in ${delayMs / 1000}s after: ${ctx.proposed.message ?? ctx.proposed.name}`;
    return {
      kind: "accept",
      state: {
        type: StateType.SCHEDULED,
        name: "AwaitingRetry",
        timestamp: ctx.now,
        scheduledTime: ctx.now + delayMs,
        message,
        error: ctx.proposed.error,
      },
    };
  },
};

/**
 * Names a RUNNING state `Retrying` when the run has made an attempt before; a paused run
 * that is resumed goes on `Running` (it is the same attempt), and so does a suspended one
 * resumed in a new process.
 */
export const renameReruns: OrchestrationRule = {
  name: "rename-reruns",
  from: "any",
  to: [StateType.RUNNING],
  apply(ctx) {
    if (attemptsOf(ctx.run) < 1 || ctx.proposed.name === "Retrying") return undefined;
    if (ctx.initial?.type === StateType.PAUSED) return undefined;
    return { kind: "accept", state: { ...ctx.proposed, name: "Retrying" } };
  },
};

/**
 * A run that was being cancelled and then crashed or failed (its process was killed, or
 * the flow gave up) ends Cancelled, with the message of the state that ended it.
 */
export const cancellingEndsCancelled: OrchestrationRule = {
  name: "cancelling-ends-cancelled",
  from: [StateType.CANCELLING],
  to: [StateType.CRASHED, StateType.FAILED],
  apply(ctx) {
    if (ctx.force) return undefined;
    return {
      kind: "accept",
      state: {
        type: StateType.CANCELLED,
        name: "Cancelled",
        timestamp: ctx.proposed.timestamp,
        message: ctx.proposed.message ?? "cancelled",
      },
    };
  },
};
