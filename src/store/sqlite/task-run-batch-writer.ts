/**
 * The run recorder's hot path on SQLite: one batch of task-run snapshots, state records,
 * log lines and task-run events, written with statements prepared once (compiled by Kysely
 * at construction), bound positionally, with no per-row compilation or validation.
 *
 * @module
 */
import type BetterSqlite3 from "better-sqlite3";
import { sql, type Kysely } from "kysely";
import { uuid7 } from "../../ids/uuid7.js";
import type { RecorderBatch } from "../../schemas/index.js";
import type { Database, EventsTable, TaskRunStatesTable, TaskRunsTable } from "../database.js";
import {
  BATCH_EVENT_COLUMNS,
  batchEventValues,
  type BatchEventInsert,
  type BatchEventValues,
} from "../records/events.js";
import type { BindValue } from "../rows/bind-value.js";
import { LOG_COLUMNS, logToValues } from "../rows/log-row.js";
import { errorToJson } from "../rows/state-columns.js";
import {
  TASK_RUN_COLUMNS,
  TASK_RUN_EMPTY_JSON,
  TASK_RUN_IDENTITY_COLUMNS,
  forEachTaskRunRow,
  taskRunColumns,
  type TaskRunColumns,
} from "../rows/task-run-row.js";
import { paramsFor } from "./named-values.js";
import { compileNamed, param, type NamedQuery } from "./query-builder.js";

const STATE_RECORD_COLUMNS = [
  "task_run_id",
  "type",
  "name",
  "timestamp",
  "message",
  "scheduled_time",
  "error",
] as const satisfies readonly (keyof TaskRunStatesTable)[];

function prepareInOrder(
  db: BetterSqlite3.Database,
  query: NamedQuery,
  order: readonly string[],
): BetterSqlite3.Statement {
  if (query.names.join() !== order.join()) {
    throw new Error(`parameter order ${query.names.join()} differs from ${order.join()} in ${query.sql}`);
  }
  return db.prepare(query.sql);
}

/** `coalesce(?, '[]')` for each column of {@link TASK_RUN_EMPTY_JSON}. */
function emptyJsonDefaults() {
  return Object.fromEntries(
    Object.entries(TASK_RUN_EMPTY_JSON).map(([column, empty]) => [
      column,
      sql<string>`coalesce(${param<string | null>(column)}, ${sql.lit(empty)})`,
    ]),
  );
}

/** A recorder batch as bind values: the task runs by column, one array per row for the rest. */
export interface BatchValues {
  /** `[batchId, recordedAt]` when the batch has an id: it is written only if the id is new. */
  readonly claim?: [string, number] | undefined;
  readonly taskRuns: TaskRunColumns;
  readonly stateRecords: BindValue[][];
  readonly logs: BindValue[][];
  /** Task-run events without their id and `received` time, which the writer adds. */
  readonly events: BatchEventValues[];
}

/** The SQL of the batch statements (positional parameters, in column order). */
export interface BatchStatements {
  readonly upsertTaskRun: string;
  readonly insertStateRecord: string;
  readonly insertLog: string;
  /** Inserts an event: `id`, the {@link BATCH_EVENT_COLUMNS}, then `received`. */
  readonly insertEvent: string;
  /** Records a batch id; changes nothing when the id was recorded before. */
  readonly claimBatch: string;
}

/** The columns of the event insert, in bind order. */
const EVENT_INSERT_COLUMNS = ["id", ...BATCH_EVENT_COLUMNS, "received"] as const;

/** Turns a recorder batch and its events into bind values (pure). */
export function batchValues(
  batch: RecorderBatch,
  events: readonly BatchEventInsert[] = [],
  now: number = Date.now(),
): BatchValues {
  return {
    claim: batch.batchId === undefined ? undefined : [batch.batchId, now],
    taskRuns: taskRunColumns(batch.taskRuns),
    stateRecords: batch.taskRunStates.map(({ taskRunId, state }) => [
      taskRunId,
      state.type,
      state.name,
      state.timestamp,
      state.message ?? null,
      state.scheduledTime ?? null,
      errorToJson(state.error),
    ]),
    logs: batch.logs.map(logToValues),
    events: batchEventValues(events),
  };
}

/** Writes recorder batches; call {@link TaskRunBatchWriter.write} inside a write transaction. */
export class TaskRunBatchWriter {
  readonly #upsertTaskRun: BetterSqlite3.Statement;
  readonly #insertStateRecord: BetterSqlite3.Statement;
  readonly #insertLog: BetterSqlite3.Statement;
  readonly #claimBatch: BetterSqlite3.Statement;
  readonly #insertEvent: BetterSqlite3.Statement;
  /** The statements' SQL, for a writer on another connection (the writer thread). */
  readonly statements: BatchStatements;

  constructor(db: BetterSqlite3.Database, qb: Kysely<Database>) {
    const updated = TASK_RUN_COLUMNS.filter((column) => !TASK_RUN_IDENTITY_COLUMNS.has(column));
    const upsert = qb
      .insertInto("task_runs")
      .values({ ...paramsFor<TaskRunsTable>(TASK_RUN_COLUMNS), ...emptyJsonDefaults() })
      .onConflict((oc) =>
        oc
          .column("id")
          .doUpdateSet(Object.fromEntries(updated.map((column) => [column, sql.ref(`excluded.${column}`)]))),
      );
    this.#upsertTaskRun = prepareInOrder(db, compileNamed(upsert), TASK_RUN_COLUMNS);
    const record = qb
      .insertInto("task_run_states")
      .values(paramsFor<Omit<TaskRunStatesTable, "id">>(STATE_RECORD_COLUMNS));
    this.#insertStateRecord = prepareInOrder(db, compileNamed(record), STATE_RECORD_COLUMNS);
    const log = qb.insertInto("logs").values(paramsFor<Omit<Database["logs"], "id">>(LOG_COLUMNS));
    this.#insertLog = prepareInOrder(db, compileNamed(log), LOG_COLUMNS);
    const claim = qb
      .insertInto("recorded_batches")
      .values({ id: param<string>("id"), recorded_at: param<number>("recorded_at") })
      .onConflict((oc) => oc.column("id").doNothing());
    this.#claimBatch = prepareInOrder(db, compileNamed(claim), ["id", "recorded_at"]);
    const event = qb.insertInto("events").values(paramsFor<EventsTable>(EVENT_INSERT_COLUMNS));
    this.#insertEvent = prepareInOrder(db, compileNamed(event), EVENT_INSERT_COLUMNS);
    this.statements = {
      upsertTaskRun: this.#upsertTaskRun.source,
      insertStateRecord: this.#insertStateRecord.source,
      insertLog: this.#insertLog.source,
      claimBatch: this.#claimBatch.source,
      insertEvent: this.#insertEvent.source,
    };
  }

  /**
   * Writes `batch` and its `events` (nothing when its `batchId` was written before): task
   * runs first (the snapshot written last wins), then their state records, log lines and
   * events. Synchronous; the caller owns the transaction.
   */
  write(batch: RecorderBatch, events?: readonly BatchEventInsert[]): void {
    this.writeValues(batchValues(batch, events));
  }

  /** Writes a batch already turned into bind values. Synchronous; the caller owns the transaction. */
  writeValues(values: BatchValues): void {
    // A batch whose id was recorded before was written before: a retried request.
    if (values.claim !== undefined && this.#claimBatch.run(values.claim).changes === 0) return;
    const upsert = this.#upsertTaskRun;
    forEachTaskRunRow(values.taskRuns, (row) => upsert.run(row));
    const record = this.#insertStateRecord;
    for (const row of values.stateRecords) record.run(row);
    const log = this.#insertLog;
    for (const row of values.logs) log.run(row);
    if (values.events.length === 0) return;
    // Ids made here, inside the write lock, follow the order in which events are committed.
    const received = Date.now();
    const event = this.#insertEvent;
    for (const row of values.events) event.run(uuid7(received), row, received);
  }
}
