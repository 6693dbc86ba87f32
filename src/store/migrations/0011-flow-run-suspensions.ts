/**
 * Migration 11: how many of a flow run's attempts were suspended (`suspend()`) and went
 * on later in a new process. Such an attempt enters Running twice, so `run_count` counts
 * it twice; retries and the `Retrying` name count attempts, `run_count − suspensions`.
 *
 * @module
 */
import type { Migration } from "../migration.js";

/** The suspensions column of flow runs. */
export const migration0011: Migration = {
  version: 11,
  name: "flow-run-suspensions",
  sqlite: `
ALTER TABLE flow_runs ADD COLUMN suspensions INTEGER NOT NULL DEFAULT 0;
`,
  postgres: `
ALTER TABLE flow_runs ADD COLUMN suspensions INTEGER NOT NULL DEFAULT 0;
`,
};
