/**
 * Migration 1: flows, flow runs and their states, task runs and their detailed state
 * records, and logs.
 *
 * Entity ids (flows, flow runs, task runs) are TEXT UUIDv7. Rows that are records rather
 * than entities (state rows, log lines) carry an increasing integer id, which is also
 * their order. Timestamps are integer milliseconds since the epoch.
 *
 * Task runs of a flow run are found through the unique (flow_run_id, task_key,
 * dynamic_key) index, whose prefix is an index on flow_run_id; a second index would only
 * slow the run recorder's hot path. The cache-key index is partial: most task runs have
 * no cache key.
 *
 * @module
 */
import type { Migration } from "../migration.js";

const sqlite = `
CREATE TABLE flows (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX flows_name_key ON flows (name);

CREATE TABLE flow_runs (
  id TEXT PRIMARY KEY,
  flow_id TEXT NOT NULL REFERENCES flows (id),
  name TEXT NOT NULL,
  state_type TEXT NOT NULL,
  state_name TEXT NOT NULL,
  state_timestamp INTEGER NOT NULL,
  state_message TEXT,
  state_scheduled_time INTEGER,
  state_error TEXT,
  parameters TEXT NOT NULL DEFAULT '{}',
  tags TEXT NOT NULL DEFAULT '[]',
  run_count INTEGER NOT NULL DEFAULT 0,
  retries INTEGER NOT NULL DEFAULT 0,
  parent_flow_run_id TEXT,
  parent_task_run_id TEXT,
  dynamic_key TEXT,
  expected_start_time INTEGER,
  start_time INTEGER,
  end_time INTEGER,
  total_run_time_ms INTEGER NOT NULL DEFAULT 0,
  host TEXT,
  pid INTEGER,
  heartbeat_at INTEGER,
  entrypoint TEXT,
  flow_version TEXT,
  result TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX flow_runs_flow_id_created_at_idx ON flow_runs (flow_id, created_at);
CREATE INDEX flow_runs_created_at_idx ON flow_runs (created_at);
CREATE INDEX flow_runs_state_type_scheduled_time_idx ON flow_runs (state_type, state_scheduled_time);
CREATE INDEX flow_runs_parent_flow_run_id_dynamic_key_idx ON flow_runs (parent_flow_run_id, dynamic_key);

CREATE TABLE flow_run_states (
  id INTEGER PRIMARY KEY,
  flow_run_id TEXT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  message TEXT,
  scheduled_time INTEGER,
  error TEXT
);
CREATE INDEX flow_run_states_flow_run_id_idx ON flow_run_states (flow_run_id, id);

CREATE TABLE task_runs (
  id TEXT PRIMARY KEY,
  flow_run_id TEXT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,
  task_key TEXT NOT NULL,
  dynamic_key TEXT NOT NULL,
  name TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',
  state_type TEXT NOT NULL,
  state_name TEXT NOT NULL,
  state_timestamp INTEGER NOT NULL,
  state_message TEXT,
  state_scheduled_time INTEGER,
  state_error TEXT,
  state_history TEXT NOT NULL DEFAULT '[]',
  run_count INTEGER NOT NULL DEFAULT 0,
  start_time INTEGER,
  end_time INTEGER,
  inputs_hash TEXT,
  cache_key TEXT,
  cache_expiration INTEGER,
  result TEXT,
  inputs TEXT NOT NULL DEFAULT '{}',
  wait_for TEXT NOT NULL DEFAULT '[]',
  parent_task_run_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX task_runs_flow_run_id_task_key_dynamic_key_key ON task_runs (flow_run_id, task_key, dynamic_key);
CREATE INDEX task_runs_cache_key_idx ON task_runs (cache_key) WHERE cache_key IS NOT NULL;

CREATE TABLE task_run_states (
  id INTEGER PRIMARY KEY,
  task_run_id TEXT NOT NULL REFERENCES task_runs (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  timestamp INTEGER NOT NULL,
  message TEXT,
  scheduled_time INTEGER,
  error TEXT
);
CREATE INDEX task_run_states_task_run_id_idx ON task_run_states (task_run_id, id);

CREATE TABLE logs (
  id INTEGER PRIMARY KEY,
  flow_run_id TEXT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,
  task_run_id TEXT,
  level INTEGER NOT NULL,
  name TEXT NOT NULL,
  message TEXT NOT NULL,
  timestamp INTEGER NOT NULL
);
CREATE INDEX logs_flow_run_id_id_idx ON logs (flow_run_id, id);
`;

const postgres = `
CREATE TABLE flows (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  tags JSONB NOT NULL DEFAULT '[]',
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX flows_name_key ON flows (name);

CREATE TABLE flow_runs (
  id TEXT PRIMARY KEY,
  flow_id TEXT NOT NULL REFERENCES flows (id),
  name TEXT NOT NULL,
  state_type TEXT NOT NULL,
  state_name TEXT NOT NULL,
  state_timestamp BIGINT NOT NULL,
  state_message TEXT,
  state_scheduled_time BIGINT,
  state_error JSONB,
  parameters JSONB NOT NULL DEFAULT '{}',
  tags JSONB NOT NULL DEFAULT '[]',
  run_count INTEGER NOT NULL DEFAULT 0,
  retries INTEGER NOT NULL DEFAULT 0,
  parent_flow_run_id TEXT,
  parent_task_run_id TEXT,
  dynamic_key TEXT,
  expected_start_time BIGINT,
  start_time BIGINT,
  end_time BIGINT,
  total_run_time_ms BIGINT NOT NULL DEFAULT 0,
  host TEXT,
  pid INTEGER,
  heartbeat_at BIGINT,
  entrypoint TEXT,
  flow_version TEXT,
  result JSONB,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX flow_runs_flow_id_created_at_idx ON flow_runs (flow_id, created_at);
CREATE INDEX flow_runs_created_at_idx ON flow_runs (created_at);
CREATE INDEX flow_runs_state_type_scheduled_time_idx ON flow_runs (state_type, state_scheduled_time);
CREATE INDEX flow_runs_parent_flow_run_id_dynamic_key_idx ON flow_runs (parent_flow_run_id, dynamic_key);

CREATE TABLE flow_run_states (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  flow_run_id TEXT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  timestamp BIGINT NOT NULL,
  message TEXT,
  scheduled_time BIGINT,
  error JSONB
);
CREATE INDEX flow_run_states_flow_run_id_idx ON flow_run_states (flow_run_id, id);

CREATE TABLE task_runs (
  id TEXT PRIMARY KEY,
  flow_run_id TEXT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,
  task_key TEXT NOT NULL,
  dynamic_key TEXT NOT NULL,
  name TEXT NOT NULL,
  tags JSONB NOT NULL DEFAULT '[]',
  state_type TEXT NOT NULL,
  state_name TEXT NOT NULL,
  state_timestamp BIGINT NOT NULL,
  state_message TEXT,
  state_scheduled_time BIGINT,
  state_error JSONB,
  state_history JSONB NOT NULL DEFAULT '[]',
  run_count INTEGER NOT NULL DEFAULT 0,
  start_time BIGINT,
  end_time BIGINT,
  inputs_hash TEXT,
  cache_key TEXT,
  cache_expiration BIGINT,
  result JSONB,
  inputs JSONB NOT NULL DEFAULT '{}',
  wait_for JSONB NOT NULL DEFAULT '[]',
  parent_task_run_id TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX task_runs_flow_run_id_task_key_dynamic_key_key ON task_runs (flow_run_id, task_key, dynamic_key);
CREATE INDEX task_runs_cache_key_idx ON task_runs (cache_key) WHERE cache_key IS NOT NULL;

CREATE TABLE task_run_states (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_run_id TEXT NOT NULL REFERENCES task_runs (id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  timestamp BIGINT NOT NULL,
  message TEXT,
  scheduled_time BIGINT,
  error JSONB
);
CREATE INDEX task_run_states_task_run_id_idx ON task_run_states (task_run_id, id);

CREATE TABLE logs (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  flow_run_id TEXT NOT NULL REFERENCES flow_runs (id) ON DELETE CASCADE,
  task_run_id TEXT,
  level INTEGER NOT NULL,
  name TEXT NOT NULL,
  message TEXT NOT NULL,
  timestamp BIGINT NOT NULL
);
CREATE INDEX logs_flow_run_id_id_idx ON logs (flow_run_id, id);
`;

/** Creates the first tables. */
export const migration0001: Migration = { version: 1, name: "init", sqlite, postgres };
