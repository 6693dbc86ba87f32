/**
 * Migration 9: two small partial indexes on flow runs, and one duplicate index dropped.
 *
 * - Late runs (`state_name = 'Late'`), newest first: the Dashboard's "Late now" count and
 *   "Late runs" table. Without it both scan every run. It holds only the runs that are
 *   Late now, so state changes of other runs do not touch it. (The planner uses a partial
 *   index when the query says `state_name = ?`, which the flow-run filter writes for one
 *   state name.)
 * - Runs that record a host, by state type and id: the pages crash detection reads
 *   (`rows/hosted-flow-run.ts`), whatever the number of runs without a host.
 * - `flow_runs_scheduled_time_idx` (migration 5) repeats
 *   `flow_runs_state_type_scheduled_time_idx` (migration 1) column for column; every
 *   flow-run insert and state change wrote both.
 *
 * @module
 */
import type { Migration } from "../migration.js";

const both = `
CREATE INDEX flow_runs_late_created_at_idx ON flow_runs (created_at) WHERE state_name = 'Late';
CREATE INDEX flow_runs_hosted_state_type_id_idx ON flow_runs (state_type, id) WHERE host IS NOT NULL;
DROP INDEX flow_runs_scheduled_time_idx;
`;

/** Indexes for late runs and crash detection; a duplicate index dropped. */
export const migration0009: Migration = {
  version: 9,
  name: "flow-run-late-and-hosted-indexes",
  sqlite: both,
  postgres: both,
};
