/**
 * Seeds flow runs straight into the database, for the list benchmarks (`bench/api`,
 * `bench/ui`): `n` runs of 10 flows over the last 30 days, in a mix of states, a third
 * tagged `nightly`; on SQLite, optionally some of them from deployments.
 *
 * @module
 */
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { uuid7 } from "../../src/ids/uuid7.js";

/** The seeded runs span this long, ending now. */
export const SEED_SPAN_MS = 30 * 24 * 3600 * 1000;
const STATES: [string, string][] = [
  ["COMPLETED", "Completed"],
  ["COMPLETED", "Completed"],
  ["COMPLETED", "Completed"],
  ["FAILED", "Failed"],
  ["RUNNING", "Running"],
  ["SCHEDULED", "Scheduled"],
  ["CRASHED", "Crashed"],
];

/** Options of {@link seedSqlite}. */
export interface SeedSqliteOptions {
  /**
   * Deployments to create (at most 10, one for each of the first flows, named
   * `flow-K/nightly`); every other run of those flows then belongs to its flow's
   * deployment. Default 0: no deployments.
   */
  readonly deployments?: number;
}

/** Seeds `n` runs into a migrated SQLite database. */
export function seedSqlite(path: string, n: number, now: number, options: SeedSqliteOptions = {}): void {
  const db = new BetterSqlite3(path);
  db.pragma("journal_mode = WAL");
  const flows = Array.from({ length: 10 }, (_, i) => ({ id: uuid7(), name: `flow-${i}` }));
  const deployments = flows.slice(0, options.deployments ?? 0).map((flow) => ({ id: uuid7(), flow }));
  const insertFlow = db.prepare("INSERT INTO flows (id, name, tags, created_at) VALUES (?, ?, '[]', ?)");
  const insertDeployment = db.prepare(
    `INSERT INTO deployments (id, flow_id, name, entrypoint, parameters, tags, job_variables, collision_strategy,
       stale_policy, created_at, updated_at)
     VALUES (?, ?, 'nightly', ?, '{}', '["nightly"]', '{}', 'ENQUEUE', 'RUN_ANYWAY', ?, ?)`,
  );
  const insertRun = db.prepare(
    `INSERT INTO flow_runs (id, flow_id, name, state_type, state_name, state_timestamp, tags, expected_start_time,
       start_time, end_time, run_count, retries, total_run_time_ms, created_at, updated_at, deployment_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 1000, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const flow of flows) insertFlow.run(flow.id, flow.name, now - SEED_SPAN_MS);
    for (const { id, flow } of deployments) {
      insertDeployment.run(id, flow.id, `flows/${flow.name}.ts:main`, now - SEED_SPAN_MS, now - SEED_SPAN_MS);
    }
    for (let i = 0; i < n; i++) {
      const at = now - SEED_SPAN_MS + Math.floor((i / n) * SEED_SPAN_MS);
      const [type, name] = STATES[i % STATES.length]!;
      const flowIndex = (i * 7) % flows.length;
      const flow = flows[flowIndex]!;
      const tags = i % 3 === 0 ? '["nightly"]' : "[]";
      const deployment = Math.floor(i / 10) % 2 === 0 ? (deployments[flowIndex]?.id ?? null) : null;
      insertRun.run(
        uuid7(at),
        flow.id,
        `run-${i}`,
        type,
        name,
        at,
        tags,
        at,
        at,
        at + 1000,
        at,
        at,
        deployment,
      );
    }
  })();
  // No ANALYZE here: opening the store gathers the statistics, as it does for a user.
  db.close();
}

/** Seeds `n` runs into a migrated PostgreSQL database, with generate_series. */
export async function seedPostgres(url: string, n: number, now: number): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO flows (id, name, tags, created_at)
       SELECT 'flow-id-' || i, 'flow-' || i, '[]', $1 FROM generate_series(0, 9) AS i`,
      [now - SEED_SPAN_MS],
    );
    await client.query(
      `INSERT INTO flow_runs (id, flow_id, name, state_type, state_name, state_timestamp, tags, expected_start_time,
         start_time, end_time, run_count, retries, total_run_time_ms, created_at, updated_at)
       SELECT lpad(to_hex(t), 12, '0') || '-' || lpad(i::text, 12, '0'), 'flow-id-' || ((i * 7) % 10), 'run-' || i,
              (ARRAY['COMPLETED','COMPLETED','COMPLETED','FAILED','RUNNING','SCHEDULED','CRASHED'])[i % 7 + 1],
              (ARRAY['Completed','Completed','Completed','Failed','Running','Scheduled','Crashed'])[i % 7 + 1],
              t, CASE WHEN i % 3 = 0 THEN '["nightly"]'::jsonb ELSE '[]'::jsonb END, t, t, t + 1000, 1, 0, 1000, t, t
       FROM (SELECT i, ($1::bigint - $2::bigint + (i::bigint * $2::bigint / $3::bigint)) AS t
             FROM generate_series(0, $3::bigint - 1) AS i) AS s`,
      [now, SEED_SPAN_MS, n],
    );
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
}
