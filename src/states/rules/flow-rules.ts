/**
 * The orchestration rules for flow runs, applied where a flow run's state is persisted.
 *
 * @module
 */
import {
  cancellingEndsCancelled,
  preventDuplicateTransitions,
  protectTerminalStates,
  renameReruns,
  retryFailedRuns,
  waitForScheduledTime,
} from "./common-rules.js";
import type { OrchestrationRule } from "./rule.js";

/** The flow-run rules, in the order they apply. */
export const FLOW_RULES: readonly OrchestrationRule[] = [
  protectTerminalStates,
  preventDuplicateTransitions,
  cancellingEndsCancelled,
  waitForScheduledTime,
  retryFailedRuns,
  renameReruns,
];
