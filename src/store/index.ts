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
  FlowRunQuery,
  TaskRunQuery,
  LogQuery,
  UnfinishedFlowRun,
} from "./store.js";
export type { Migration } from "./migration.js";
export { MIGRATIONS } from "./migrations/index.js";
export { openSqliteStore, SqliteStore, type SqliteStoreOptions } from "./sqlite/sqlite-store.js";
export {
  openPostgresStore,
  PostgresStore,
  migratePostgres,
  type PostgresStoreOptions,
} from "./postgres/index.js";
export { openStore, storeBackend, type OpenStoreOptions } from "./open-store.js";
