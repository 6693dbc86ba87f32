/**
 * States and orchestration rules: pure data and pure functions, no I/O, no clock reads.
 *
 * @module
 */
export * from "./state-type.js";
export type { StateData, ErrorInfo, ResultRef } from "./state-data.js";
export { State, type StateInit, type ResultLoader } from "./state.js";
export {
  applyRules,
  attemptsOf,
  type Decision,
  type OrchestrationRule,
  type TransitionContext,
  type RunFacts,
  type CacheHit,
  type FromType,
} from "./rules/rule.js";
export {
  exponentialBackoff,
  retryDelayMs,
  baseRetryDelaySeconds,
  type RetryDelay,
} from "./rules/retry-delay.js";
export {
  protectTerminalStates,
  preventDuplicateTransitions,
  waitForScheduledTime,
  retryFailedRuns,
  renameReruns,
} from "./rules/common-rules.js";
export { TASK_RULES, retrieveCachedResult } from "./rules/task-rules.js";
export { FLOW_RULES } from "./rules/flow-rules.js";
