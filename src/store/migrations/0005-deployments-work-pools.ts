/**
 * Migration 5: deployments and their schedules, work pools with their queues and
 * workers, and the flow-run columns that tie a run to them.
 *
 * A scheduled run's id is derived from its deployment, schedule and time, so creating
 * it twice (a second scheduler, a retried request) finds the first one: the id is the
 * unique key on deployment + scheduled time.
 *
 * @module
 */
import type { Migration } from "../migration.js";

function tables(json: string): string {
  return `
CREATE TABLE work_pools (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  description TEXT,
  paused INTEGER NOT NULL DEFAULT 0,
  concurrency_limit INTEGER,
  base_job_template ${json} NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE TABLE work_queues (
  id TEXT PRIMARY KEY,
  work_pool_id TEXT NOT NULL REFERENCES work_pools (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  priority INTEGER NOT NULL,
  concurrency_limit INTEGER,
  paused INTEGER NOT NULL DEFAULT 0,
  last_polled_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (work_pool_id, name)
);
CREATE TABLE workers (
  id TEXT PRIMARY KEY,
  work_pool_id TEXT NOT NULL REFERENCES work_pools (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  heartbeat_interval_seconds INTEGER NOT NULL,
  heartbeat_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (work_pool_id, name)
);
CREATE TABLE deployments (
  id TEXT PRIMARY KEY,
  flow_id TEXT NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  description TEXT,
  version TEXT,
  entrypoint TEXT NOT NULL,
  path TEXT,
  parameters ${json} NOT NULL,
  parameter_schema ${json},
  tags ${json} NOT NULL,
  work_queue_id TEXT REFERENCES work_queues (id) ON DELETE SET NULL,
  job_variables ${json} NOT NULL,
  retries INTEGER NOT NULL DEFAULT 0,
  concurrency_limit INTEGER,
  collision_strategy TEXT NOT NULL,
  stale_policy TEXT NOT NULL,
  stale_after_seconds INTEGER,
  paused INTEGER NOT NULL DEFAULT 0,
  last_polled_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (flow_id, name)
);
CREATE INDEX deployments_work_queue_id_idx ON deployments (work_queue_id);
CREATE TABLE deployment_schedules (
  id TEXT PRIMARY KEY,
  deployment_id TEXT NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
  spec ${json} NOT NULL,
  active INTEGER NOT NULL,
  parameters ${json} NOT NULL,
  slug TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX deployment_schedules_deployment_id_idx ON deployment_schedules (deployment_id);
ALTER TABLE flow_runs ADD COLUMN deployment_id TEXT;
ALTER TABLE flow_runs ADD COLUMN schedule_id TEXT;
ALTER TABLE flow_runs ADD COLUMN work_queue_id TEXT;
ALTER TABLE flow_runs ADD COLUMN job_variables ${json};
ALTER TABLE flow_runs ADD COLUMN worker_name TEXT;
CREATE INDEX flow_runs_work_queue_claim_idx ON flow_runs (work_queue_id, state_type, state_scheduled_time);
CREATE INDEX flow_runs_deployment_state_idx ON flow_runs (deployment_id, state_type, state_scheduled_time);
CREATE INDEX flow_runs_scheduled_time_idx ON flow_runs (state_type, state_scheduled_time);
`;
}

/** Deployments, schedules, work pools, queues and workers. */
export const migration0005: Migration = {
  version: 5,
  name: "deployments-work-pools",
  sqlite: tables("TEXT"),
  postgres: tables("JSONB"),
};
