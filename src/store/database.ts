/**
 * The store's tables as Kysely sees them: one interface per table, column names as in
 * the migrations. Timestamps are INTEGER milliseconds since the epoch; JSON columns hold
 * text (compact JSON, or superjson for flow-run parameters).
 *
 * @module
 */
import type { Generated } from "kysely";

/** The `flows` table: named workflow definitions. */
export interface FlowsTable {
  id: string;
  name: string;
  /** JSON array of strings. */
  tags: string;
  created_at: number;
  /** JSON Schema of the flow's parameters (added by migration 4). */
  parameter_schema?: string | null;
}

/** The state columns a run row carries for its current state. */
export interface StateColumns {
  state_type: string;
  state_name: string;
  state_timestamp: number;
  state_message: string | null;
  state_scheduled_time: number | null;
  /** JSON of an ErrorInfo. */
  state_error: string | null;
}

/** The `flow_runs` table: one row per flow run, its current state in columns. */
export interface FlowRunsTable extends StateColumns {
  id: string;
  flow_id: string;
  name: string;
  /** superjson text of the parameters record. */
  parameters: string;
  /** JSON array of strings. */
  tags: string;
  run_count: number;
  /** How many attempts were suspended and went on later (migration 11; default 0). */
  suspensions?: number;
  retries: number;
  parent_flow_run_id: string | null;
  parent_task_run_id: string | null;
  dynamic_key: string | null;
  expected_start_time: number | null;
  start_time: number | null;
  end_time: number | null;
  total_run_time_ms: number;
  host: string | null;
  pid: number | null;
  heartbeat_at: number | null;
  entrypoint: string | null;
  flow_version: string | null;
  /** JSON of a ResultRef. */
  result: string | null;
  created_at: number;
  updated_at: number;
  /** The idempotency key of the last accepted state change, if it carried one. */
  last_transition_key: string | null;
  /** The deployment the run was created from (migration 5). */
  deployment_id?: string | null;
  /** The deployment schedule that created the run, for runs the scheduler made. */
  schedule_id?: string | null;
  /** The work queue whose workers may claim the run. */
  work_queue_id?: string | null;
  /** JSON object: job variables of this run, over its deployment's. */
  job_variables?: string | null;
  /** The worker (or serve process) that claimed the run. */
  worker_name?: string | null;
  /** JSON of the run's current or last pause: key, deadline, input schema (migration 7). */
  pause?: string | null;
  /** JSON object: the inputs accepted at resume, by pause key (migration 7). */
  resume_inputs?: string | null;
}

/** A state row of the `flow_run_states` and `task_run_states` tables. */
export interface StateRowColumns {
  type: string;
  name: string;
  timestamp: number;
  message: string | null;
  scheduled_time: number | null;
  /** JSON of an ErrorInfo. */
  error: string | null;
}

/** The `flow_run_states` table: one row per flow-run transition. */
export interface FlowRunStatesTable extends StateRowColumns {
  id: Generated<number>;
  flow_run_id: string;
}

/** The `task_runs` table: the latest snapshot of each task run. */
export interface TaskRunsTable extends StateColumns {
  id: string;
  flow_run_id: string;
  task_key: string;
  dynamic_key: string;
  name: string;
  /** JSON array of strings. */
  tags: string;
  /** JSON array of `[type, name, timestamp, message?]`. */
  state_history: string;
  run_count: number;
  start_time: number | null;
  end_time: number | null;
  inputs_hash: string | null;
  cache_key: string | null;
  cache_expiration: number | null;
  /** JSON of a ResultRef. */
  result: string | null;
  /** JSON record: argument position → upstream task-run ids. */
  inputs: string;
  /** JSON array of task-run ids. */
  wait_for: string;
  parent_task_run_id: string | null;
  created_at: number;
  updated_at: number;
}

/** The `task_run_states` table: detailed records of notable task-run transitions. */
export interface TaskRunStatesTable extends StateRowColumns {
  id: Generated<number>;
  task_run_id: string;
}

/** The `logs` table: log lines of flow and task runs. */
export interface LogsTable {
  id: Generated<number>;
  flow_run_id: string;
  task_run_id: string | null;
  level: number;
  name: string;
  message: string;
  timestamp: number;
}

/** The `ordo_migrations` table: the migrations applied to this database. */
export interface OrdoMigrationsTable {
  version: number;
  name: string;
  applied_at: number;
}

/** Every table of the store, for Kysely. */
/** The `recorded_batches` table: ids of recorder batches already written. */
export interface RecordedBatchesTable {
  id: string;
  recorded_at: number;
}

/** The `variables` table: named JSON values. */
export interface VariablesTable {
  id: string;
  name: string;
  /** JSON text of the value. */
  value: string;
  /** JSON array of strings. */
  tags: string;
  created_at: number;
  updated_at: number;
}

/** The `artifacts` table: one row per artifact version. */
export interface ArtifactsTable {
  id: string;
  key: string | null;
  type: string;
  description: string | null;
  /** JSON text of the artifact's data. */
  data: string;
  flow_run_id: string | null;
  task_run_id: string | null;
  created_at: number;
  updated_at: number;
}

/** The `events` table: append-only events. */
export interface EventsTable {
  id: string;
  occurred: number;
  event: string;
  /** The resource's `ordo.resource.id` label, copied out for indexed filters. */
  resource_id: string;
  /** JSON object of the resource's labels. */
  resource: string;
  /** JSON array of related resources. */
  related: string;
  /** JSON object. */
  payload: string;
  received: number;
}

/** The `work_pools` table: where workers find runs to start, and how. */
export interface WorkPoolsTable {
  id: string;
  name: string;
  type: string;
  description: string | null;
  /** 0 or 1. */
  paused: number;
  concurrency_limit: number | null;
  /** JSON: the job variables' JSON Schema and defaults. */
  base_job_template: string;
  created_at: number;
  updated_at: number;
}

/** The `work_queues` table: a pool's queues, by priority. */
export interface WorkQueuesTable {
  id: string;
  work_pool_id: string;
  name: string;
  description: string | null;
  /** 1 is served first. */
  priority: number;
  concurrency_limit: number | null;
  paused: number;
  last_polled_at: number | null;
  created_at: number;
  updated_at: number;
}

/** The `workers` table: workers of a pool and their last heartbeat. */
export interface WorkersTable {
  id: string;
  work_pool_id: string;
  name: string;
  heartbeat_interval_seconds: number;
  heartbeat_at: number;
  /** When its last heartbeat said it stopped (graceful shutdown); `null` while it runs. */
  stopped_at?: number | null;
  created_at: number;
}

/** The `deployments` table: a flow made runnable remotely, on a schedule or on demand. */
export interface DeploymentsTable {
  id: string;
  flow_id: string;
  name: string;
  description: string | null;
  version: string | null;
  entrypoint: string;
  /** Where the entrypoint's path is relative to (the project folder). */
  path: string | null;
  /** JSON of a DeploymentSource (null: `path` is a local source, or there is none). */
  source: string | null;
  /** JSON object: default parameters. */
  parameters: string;
  /** JSON Schema of the parameters. */
  parameter_schema: string | null;
  /** JSON array of strings. */
  tags: string;
  work_queue_id: string | null;
  /** JSON object. */
  job_variables: string;
  /** The flow's retries, for runs of this deployment. */
  retries: number;
  concurrency_limit: number | null;
  collision_strategy: string;
  stale_policy: string;
  stale_after_seconds: number | null;
  paused: number;
  /** When a serve process last asked for the deployment's runs. */
  last_polled_at: number | null;
  created_at: number;
  updated_at: number;
}

/** The `deployment_schedules` table. */
export interface DeploymentSchedulesTable {
  id: string;
  deployment_id: string;
  /** JSON of a ScheduleSpec. */
  spec: string;
  active: number;
  /** JSON object: parameters over the deployment's. */
  parameters: string;
  slug: string | null;
  created_at: number;
  updated_at: number;
}

/** The `concurrency_limits` table: tag limits (`tag:<tag>`) and global limits. */
export interface ConcurrencyLimitsTable {
  id: string;
  name: string;
  slot_limit: number;
  /** 1 or 0. */
  active: number;
  slot_decay_per_second: number;
  /** Rate-limit slots as of `decayed_at` (they decay from then on). */
  decaying_slots: number;
  decayed_at: number;
  created_at: number;
  updated_at: number;
}

/** The `concurrency_leases` table: slots held by a holder until `expires_at`. */
export interface ConcurrencyLeasesTable {
  limit_name: string;
  holder: string;
  slots: number;
  expires_at: number;
  created_at: number;
}

export interface Database {
  flows: FlowsTable;
  flow_runs: FlowRunsTable;
  flow_run_states: FlowRunStatesTable;
  task_runs: TaskRunsTable;
  task_run_states: TaskRunStatesTable;
  logs: LogsTable;
  ordo_migrations: OrdoMigrationsTable;
  recorded_batches: RecordedBatchesTable;
  variables: VariablesTable;
  artifacts: ArtifactsTable;
  events: EventsTable;
  work_pools: WorkPoolsTable;
  work_queues: WorkQueuesTable;
  workers: WorkersTable;
  deployments: DeploymentsTable;
  deployment_schedules: DeploymentSchedulesTable;
  concurrency_limits: ConcurrencyLimitsTable;
  concurrency_leases: ConcurrencyLeasesTable;
}
