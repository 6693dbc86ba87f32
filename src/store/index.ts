/**
 * The store: Ordo's storage behind the narrow {@link Store} interface, its migrations, and
 * its SQLite and PostgreSQL implementations.
 *
 * @module
 */
export type {
  Store,
  NewFlow,
  NewFlowRun,
  CreatedFlowRun,
  FlowRunStateWrite,
  FlowRunTransition,
  DecideFlowRunTransition,
  FlowRunIdempotency,
  TaskRunQuery,
  LogQuery,
  HeartbeatAnswer,
  HostedFlowRun,
  HostedFlowRunQuery,
} from "./store.js";
export type { Migration } from "./migration.js";
export { MIGRATIONS } from "./migrations/index.js";
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from "./sqlite/sqlite-store.js";
export {
  VariableRecords,
  ArtifactRecords,
  EventRecords,
  eventInsertQuery,
  TablePositions,
  FlowRunQueries,
  FlowRunGraphs,
  RetentionRecords,
  FlowSchemas,
  SharedRecords,
  type FlowRunPageQuery,
  type FlowRunFilterValues,
  type VariableWrite,
  type VariableQuery,
  type ArtifactInsert,
  type ArtifactQuery,
  type EventInsert,
  type BatchEventInsert,
  type EventQuery,
} from "./records/index.js";
export type { SqlExecutor } from "./sql-executor.js";
// The PostgreSQL store is imported from "./postgres/index.js" where it is needed, so that
// SQLite users never load the `pg` driver.
export { openStore, storeBackend, type OpenStoreOptions } from "./open-store.js";
