/**
 * The PostgreSQL store and its migrations.
 *
 * @module
 */
export { openPostgresStore, PostgresStore, type PostgresStoreOptions } from "./postgres-store.js";
export { migratePostgres, MIGRATION_LOCK_KEY } from "./migrate-postgres.js";
export { createPostgresPool, redactUrl, type PostgresPoolOptions } from "./pg-pool.js";
