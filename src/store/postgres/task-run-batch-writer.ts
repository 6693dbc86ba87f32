/**
 * The run recorder's batches on PostgreSQL: multi-row `INSERT … ON CONFLICT (id) DO
 * UPDATE` upserts of task-run snapshots, then multi-row inserts of state records, log
 * lines and task-run events, inside the caller's transaction.
 *
 * The semantics are the SQLite store's, which writes the snapshots one by one in batch
 * order: a run's identity columns never change and the snapshot written last wins. One
 * PostgreSQL statement cannot touch a row twice, so the snapshots are split into
 * *rounds*: round n holds the n-th snapshot of every run in the batch (usually there is
 * one round, two when a task was created and finished within one flush), written in
 * order. Each round is split into statements that stay under PostgreSQL's 65 535 bind
 * parameters.
 *
 * @module
 */
import { sql, type Insertable, type Kysely } from "kysely";
import { uuid7 } from "../../ids/uuid7.js";
import type { RecorderBatch, TaskRun } from "../../schemas/index.js";
import type { Database, EventsTable, LogsTable, TaskRunStatesTable, TaskRunsTable } from "../database.js";
import { BATCH_EVENT_COLUMNS, batchEventValues, type BatchEventInsert } from "../records/events.js";
import type { BindValue } from "../rows/bind-value.js";
import { LOG_COLUMNS, logToValues } from "../rows/log-row.js";
import { stateToRow } from "../rows/state-columns.js";
import {
  TASK_RUN_COLUMNS,
  TASK_RUN_EMPTY_JSON,
  TASK_RUN_IDENTITY_COLUMNS,
  taskRunToValues,
} from "../rows/task-run-row.js";

/** PostgreSQL's limit on bind parameters in one statement. */
const MAX_PARAMETERS = 65_535;
/** Rows per statement at most, whatever the column count. */
const MAX_ROWS = 1_000;

/** How many rows of `columns` columns one statement carries. */
export function rowsPerStatement(columns: number): number {
  return Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / columns));
}

/** `items` in consecutive slices of at most `size`. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The snapshots in rounds: round n holds the n-th snapshot of each run, in batch order. */
export function snapshotRounds(runs: readonly TaskRun[]): TaskRun[][] {
  const seen = new Map<string, number>();
  const rounds: TaskRun[][] = [];
  for (const run of runs) {
    const round = seen.get(run.id) ?? 0;
    seen.set(run.id, round + 1);
    (rounds[round] ??= []).push(run);
  }
  return rounds;
}

const EMPTY_JSON: Readonly<Record<string, string>> = TASK_RUN_EMPTY_JSON;

/** One snapshot as a row object (empty JSON columns written as `[]`/`{}`, not NULL). */
function taskRunRow(run: TaskRun): Insertable<TaskRunsTable> {
  const values = taskRunToValues(run);
  const row: Record<string, BindValue> = {};
  TASK_RUN_COLUMNS.forEach((column, i) => {
    row[column] = values[i] ?? EMPTY_JSON[column] ?? null;
  });
  return row as unknown as Insertable<TaskRunsTable>;
}

const UPDATED_COLUMNS = TASK_RUN_COLUMNS.filter((column) => !TASK_RUN_IDENTITY_COLUMNS.has(column));

async function upsertTaskRuns(db: Kysely<Database>, runs: readonly TaskRun[]): Promise<void> {
  await db
    .insertInto("task_runs")
    .values(runs.map(taskRunRow))
    .onConflict((oc) =>
      oc
        .column("id")
        .doUpdateSet(
          Object.fromEntries(UPDATED_COLUMNS.map((column) => [column, sql.ref(`excluded.${column}`)])),
        ),
    )
    .execute();
}

/** `events` as rows, each with a new id and `received` time. */
function eventRows(events: readonly BatchEventInsert[]): EventsTable[] {
  const received = Date.now();
  return batchEventValues(events).map(([occurred, event, resourceId, resource, related, payload]) => ({
    id: uuid7(received),
    occurred,
    event,
    resource_id: resourceId,
    resource,
    related,
    payload,
    received,
  }));
}

/**
 * Writes `batch`: task-run snapshots first (round by round), then their state records,
 * log lines and `events`. The caller owns the transaction, so a broken constraint
 * rejects all.
 */
export async function writeBatch(
  db: Kysely<Database>,
  batch: RecorderBatch,
  events: readonly BatchEventInsert[] = [],
): Promise<void> {
  if (batch.batchId !== undefined) {
    // A batch whose id was recorded before was written before: a retried request.
    const claimed = await db
      .insertInto("recorded_batches")
      .values({ id: batch.batchId, recorded_at: Date.now() })
      .onConflict((oc) => oc.column("id").doNothing())
      .returning("id")
      .executeTakeFirst();
    if (claimed === undefined) return;
  }
  const taskRunRows = rowsPerStatement(TASK_RUN_COLUMNS.length);
  for (const round of snapshotRounds(batch.taskRuns)) {
    for (const chunk of chunks(round, taskRunRows)) await upsertTaskRuns(db, chunk);
  }
  const records: Insertable<TaskRunStatesTable>[] = batch.taskRunStates.map(({ taskRunId, state }) => ({
    task_run_id: taskRunId,
    ...stateToRow(state),
  }));
  for (const chunk of chunks(records, rowsPerStatement(7))) {
    await db.insertInto("task_run_states").values(chunk).execute();
  }
  const logs = batch.logs.map((log) => {
    const values = logToValues(log);
    return Object.fromEntries(LOG_COLUMNS.map((column, i) => [column, values[i]])) as Insertable<LogsTable>;
  });
  for (const chunk of chunks(logs, rowsPerStatement(LOG_COLUMNS.length))) {
    await db.insertInto("logs").values(chunk).execute();
  }
  if (events.length === 0) return;
  for (const chunk of chunks(eventRows(events), rowsPerStatement(BATCH_EVENT_COLUMNS.length + 2))) {
    await db.insertInto("events").values(chunk).execute();
  }
}
