/**
 * Migration 2: idempotent writes (recorded recorder batches, the last state-change key of
 * each flow run), variables, artifacts and events.
 *
 * Artifacts are versioned by key: every create is a new row, the newest row of a key is
 * its latest version. Events are append-only; `resource_id` is copied out of the
 * resource's labels so that filters by resource use an index.
 *
 * @module
 */
import type { Migration } from "../migration.js";

const sqlite = `
CREATE TABLE recorded_batches (
  id TEXT PRIMARY KEY,
  recorded_at INTEGER NOT NULL
);
CREATE INDEX recorded_batches_recorded_at_idx ON recorded_batches (recorded_at);

ALTER TABLE flow_runs ADD COLUMN last_transition_key TEXT;

CREATE TABLE variables (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX variables_name_key ON variables (name);

CREATE TABLE artifacts (
  id TEXT PRIMARY KEY,
  key TEXT,
  type TEXT NOT NULL,
  description TEXT,
  data TEXT NOT NULL,
  flow_run_id TEXT,
  task_run_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX artifacts_key_created_at_idx ON artifacts (key, created_at);
CREATE INDEX artifacts_flow_run_id_idx ON artifacts (flow_run_id);
CREATE INDEX artifacts_created_at_idx ON artifacts (created_at);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  occurred INTEGER NOT NULL,
  event TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  resource TEXT NOT NULL,
  related TEXT NOT NULL DEFAULT '[]',
  payload TEXT NOT NULL DEFAULT '{}',
  received INTEGER NOT NULL
);
CREATE INDEX events_occurred_idx ON events (occurred);
CREATE INDEX events_event_occurred_idx ON events (event, occurred);
CREATE INDEX events_resource_id_occurred_idx ON events (resource_id, occurred);
`;

const postgres = `
CREATE TABLE recorded_batches (
  id TEXT PRIMARY KEY,
  recorded_at BIGINT NOT NULL
);
CREATE INDEX recorded_batches_recorded_at_idx ON recorded_batches (recorded_at);

ALTER TABLE flow_runs ADD COLUMN last_transition_key TEXT;

CREATE TABLE variables (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  value JSONB NOT NULL,
  tags JSONB NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX variables_name_key ON variables (name);

CREATE TABLE artifacts (
  id TEXT PRIMARY KEY,
  key TEXT,
  type TEXT NOT NULL,
  description TEXT,
  data JSONB NOT NULL,
  flow_run_id TEXT,
  task_run_id TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX artifacts_key_created_at_idx ON artifacts (key, created_at);
CREATE INDEX artifacts_flow_run_id_idx ON artifacts (flow_run_id);
CREATE INDEX artifacts_created_at_idx ON artifacts (created_at);

CREATE TABLE events (
  id TEXT PRIMARY KEY,
  occurred BIGINT NOT NULL,
  event TEXT NOT NULL,
  resource_id TEXT NOT NULL,
  resource JSONB NOT NULL,
  related JSONB NOT NULL DEFAULT '[]',
  payload JSONB NOT NULL DEFAULT '{}',
  received BIGINT NOT NULL
);
CREATE INDEX events_occurred_idx ON events (occurred);
CREATE INDEX events_event_occurred_idx ON events (event, occurred);
CREATE INDEX events_resource_id_occurred_idx ON events (resource_id, occurred);
`;

/** Idempotency records, variables, artifacts and events. */
export const migration0002: Migration = {
  version: 2,
  name: "idempotency-variables-artifacts-events",
  sqlite,
  postgres,
};
