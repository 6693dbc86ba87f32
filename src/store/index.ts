/**
 * The store: Ordo's storage behind the narrow {@link Store} interface, its migrations, and
 * the SQLite implementation.
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
  FlowRunQuery,
  TaskRunQuery,
  LogQuery,
  UnfinishedFlowRun,
} from "./store.js";
export type { Migration } from "./migration.js";
export { MIGRATIONS } from "./migrations/index.js";
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from "./sqlite/sqlite-store.js";
