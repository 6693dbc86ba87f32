/**
 * Migration 3: indexes for the flow-run lists of the UI at a million runs: by expected
 * start time (history buckets, time ranges), by flow and state within a time range, and
 * by name (prefix search).
 *
 * @module
 */
import type { Migration } from "../migration.js";

const both = `
CREATE INDEX flow_runs_expected_start_time_state_type_idx ON flow_runs (expected_start_time, state_type);
CREATE INDEX flow_runs_flow_id_state_type_expected_start_time_idx ON flow_runs (flow_id, state_type, expected_start_time);
CREATE INDEX flow_runs_state_type_created_at_idx ON flow_runs (state_type, created_at);
CREATE INDEX flow_runs_name_idx ON flow_runs (name);
`;

/** Indexes for flow-run lists, counts and history. */
export const migration0003: Migration = {
  version: 3,
  name: "flow-run-list-indexes",
  sqlite: both,
  postgres: both,
};
