/**
 * Migration 7: pausing and resuming flow runs. `pause` holds the current (or last) pause
 * of a run: its key, deadline and the JSON Schema of the input it waits for; and
 * `resume_inputs` the inputs accepted when the run was resumed, by pause key, so a
 * suspended run that runs again gets the same input at the same point.
 *
 * @module
 */
import type { Migration } from "../migration.js";

/** The pause columns of flow runs. */
export const migration0007: Migration = {
  version: 7,
  name: "flow-run-pause",
  sqlite: `
ALTER TABLE flow_runs ADD COLUMN pause TEXT;
ALTER TABLE flow_runs ADD COLUMN resume_inputs TEXT;
`,
  postgres: `
ALTER TABLE flow_runs ADD COLUMN pause JSONB;
ALTER TABLE flow_runs ADD COLUMN resume_inputs JSONB;
`,
};
