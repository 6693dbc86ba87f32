/**
 * Dropping every Ordo table, for `ordo server database reset`.
 *
 * @module
 */
import type { SqlExecutor } from "./sql-executor.js";

/** Ordo's tables, children before parents. */
export const ORDO_TABLES = [
  "concurrency_leases",
  "concurrency_limits",
  "events",
  "artifacts",
  "variables",
  "recorded_batches",
  "logs",
  "task_run_states",
  "task_runs",
  "flow_run_states",
  "flow_runs",
  "deployment_schedules",
  "deployments",
  "workers",
  "work_queues",
  "work_pools",
  "flows",
  "ordo_migrations",
] as const;

/** Drops every Ordo table (data included) in one transaction. */
export async function dropOrdoTables(executor: SqlExecutor): Promise<void> {
  await executor.write(ORDO_TABLES.map((table) => executor.qb.schema.dropTable(table).ifExists()));
}
