/**
 * Records shared by both databases (not on the engine's hot path): variables,
 * artifacts and events.
 *
 * @module
 */
export { VariableRecords, type VariableWrite, type VariableQuery } from "./variables.js";
export { ArtifactRecords, type ArtifactInsert, type ArtifactQuery } from "./artifacts.js";
export {
  BATCH_EVENT_COLUMNS,
  EventRecords,
  batchEventValues,
  eventInsertQuery,
  eventToRow,
  type BatchEventInsert,
  type EventInsert,
  type EventQuery,
} from "./events.js";
export { TablePositions } from "./positions.js";
export { FlowRunQueries, type FlowRunPageQuery } from "./flow-run-queries.js";
export { FlowRunGraphs } from "./flow-run-graph.js";
export type { FlowRunFilterValues } from "./flow-run-filter.js";
export { RetentionRecords } from "./retention.js";
export { FlowSchemas } from "./flow-schemas.js";
export { SharedRecords } from "./shared-records.js";
export {
  WorkPoolRecords,
  isWorkerOnline,
  QUEUE_READY_WINDOW_MS,
  MISSED_HEARTBEATS_OFFLINE,
  type WorkPoolInsert,
  type WorkPoolChanges,
  type WorkQueueInsert,
  type WorkQueueChanges,
} from "./work-pools.js";
export {
  DeploymentRecords,
  type DeploymentRow,
  type ScheduleChange,
  type ScheduleRow,
  type ScheduleWrite,
  type DeploymentWrite,
  type DeploymentChanges,
  type DeploymentQuery,
} from "./deployments.js";
export {
  FlowRunClaims,
  CLAIMABLE_NAMES,
  ACTIVE_TYPES,
  type DueRun,
  type DueRunCursor,
  type DueRunScope,
  type LateRun,
} from "./flow-run-claims.js";
