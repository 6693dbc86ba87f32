/**
 * Records shared by both databases (not on the engine's hot path): variables,
 * artifacts and events.
 *
 * @module
 */
export { VariableRecords, type VariableWrite, type VariableQuery } from "./variables.js";
export { ArtifactRecords, type ArtifactInsert, type ArtifactQuery } from "./artifacts.js";
export { EventRecords, eventInsertQuery, eventToRow, type EventInsert, type EventQuery } from "./events.js";
export { TablePositions } from "./positions.js";
export { FlowRunQueries, type FlowRunPageQuery } from "./flow-run-queries.js";
export { FlowRunGraphs } from "./flow-run-graph.js";
export type { FlowRunFilterValues } from "./flow-run-filter.js";
export { RetentionRecords } from "./retention.js";
export { FlowSchemas } from "./flow-schemas.js";
export { SharedRecords } from "./shared-records.js";
