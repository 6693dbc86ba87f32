/**
 * The orchestration rules for task runs, applied by the engine client-side.
 *
 * @module
 */
import { StateType } from "../state-type.js";
import {
  protectTerminalStates,
  renameReruns,
  retryFailedRuns,
  waitForScheduledTime,
} from "./common-rules.js";
import type { OrchestrationRule } from "./rule.js";

/**
 * Cache retrieval: a run about to start whose cache key has a valid cached result
 * completes at once as `Cached`, with that result.
 */
export const retrieveCachedResult: OrchestrationRule = {
  name: "retrieve-cached-result",
  from: [null, StateType.PENDING, StateType.SCHEDULED],
  to: [StateType.RUNNING],
  apply(ctx) {
    const hit = ctx.cacheHit;
    if (hit === undefined) return undefined;
    return {
      kind: "accept",
      cacheHit: hit,
      state: {
        type: StateType.COMPLETED,
        name: "Cached",
        timestamp: ctx.now,
        message: `cached result of task run ${hit.sourceRunId}`,
      },
    };
  },
};

/** The task-run rules, in the order they apply. */
export const TASK_RULES: readonly OrchestrationRule[] = [
  protectTerminalStates,
  waitForScheduledTime,
  retrieveCachedResult,
  retryFailedRuns,
  renameReruns,
];
