/**
 * The orchestration service layer: plain async functions over a {@link Store}. The HTTP
 * server's routes and the `EmbeddedClient` both call these, so a run behaves the same
 * with or without a server. Clock reads happen here, never in `states/`.
 *
 * @module
 */
export { ensureFlow, readFlow, readFlowParameterSchema, readFlows } from "./flows.js";
export { deleteFlowRun } from "./delete-flow-run.js";
export {
  createFlowRun,
  createValidFlowRun,
  readFlowRun,
  readFlowRuns,
  readFlowRunPage,
  countFlowRuns,
  flowRunHistory,
  readFlowRunGraph,
  readFlowRunStates,
  heartbeatFlowRun,
} from "./flow-runs.js";
export { setFlowRunState, setValidFlowRunState, decideFlowRunState } from "./flow-run-state.js";
export { startFlowRun } from "./flow-run-start.js";
export { resumeFlowRun, checkResumeInput, type ResumeFlowRunOptions } from "./resume-flow-run.js";
export { failExpiredPausedRuns, pauseTimeoutMessage } from "./expired-paused-runs.js";
export {
  recordBatch,
  readTaskRuns,
  readTaskRun,
  readTaskRunStates,
  findCachedResult,
  type RecordBatchOptions,
} from "./task-runs.js";
export { taskRunStateEvents, type TaskRunEventFlowRun } from "./task-run-events.js";
export { readLogs } from "./logs.js";
export {
  markCrashedRuns,
  crashReason,
  DEFAULT_STALE_AFTER_MS,
  type MarkCrashedRunsOptions,
} from "./crashed-runs.js";
export { isProcessAlive } from "./process-liveness.js";
export { runTimesAfter, type RunTimes, type RunTimesBefore } from "./run-times.js";
export { notFound, parseInput, invalidInput } from "./errors.js";
export { setVariable, readVariable, readVariables, deleteVariable } from "./variables.js";
export { createArtifact, updateArtifact, readArtifact, readArtifacts } from "./artifacts.js";
export { emitEvents, readEvents, flowRunStateEvent, type FlowRunEventSubject } from "./events.js";
export {
  createWorkPool,
  readWorkPool,
  readWorkPools,
  readWorkPoolSummaries,
  updateWorkPool,
  deleteWorkPool,
  createWorkQueue,
  readWorkQueues,
  readWorkQueue,
  updateWorkQueue,
  deleteWorkQueue,
  heartbeatWorker,
  readWorkers,
  deleteWorker,
  DEFAULT_WORK_POOL,
  PROCESS_JOB_TEMPLATE,
} from "./work-pools.js";
export {
  createDeployment,
  readDeployment,
  readDeployments,
  updateDeployment,
  deleteDeployment,
  createDeploymentFlowRun,
  setDeploymentPaused,
  backfillDeployment,
  markDeploymentsPolled,
} from "./deployments.js";
export {
  readDeploymentSchedules,
  createDeploymentSchedules,
  updateDeploymentSchedule,
  deleteDeploymentSchedule,
} from "./deployment-schedules.js";
export { parseDeploymentName } from "./deployment-name.js";
export { claimWorkPoolRuns, claimDeploymentRuns } from "./flow-run-claims.js";
export { cancelFlowRun, finishCancellation, attachFlowRunProcess } from "./flow-run-cancel.js";
export { scheduleDeploymentRuns, markLateRuns, type SchedulerOptions } from "./scheduler.js";
export { scheduledRunId } from "./scheduled-run-id.js";
export { signalWork, waitForWork } from "./work-signal.js";
export {
  createTagConcurrencyLimit,
  readTagConcurrencyLimit,
  readTagConcurrencyLimits,
  deleteTagConcurrencyLimit,
  createGlobalConcurrencyLimit,
  updateGlobalConcurrencyLimit,
  readGlobalConcurrencyLimit,
  readGlobalConcurrencyLimits,
  deleteGlobalConcurrencyLimit,
  acquireConcurrencySlots,
  renewConcurrencySlots,
  releaseConcurrencySlots,
  reclaimExpiredLeases,
} from "./concurrency-limits.js";
