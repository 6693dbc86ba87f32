/**
 * Writing flows and flow runs to PostgreSQL. Every function here runs inside the
 * caller's transaction (see `pg-transaction.ts`).
 *
 * @module
 */
import { sql, type Kysely } from "kysely";
import { uuid7 as uuidv7 } from "../../ids/uuid7.js";
import type { Flow } from "../../schemas/index.js";
import { StateType, isTerminalType, type StateData } from "../../states/index.js";
import type { Database } from "../database.js";
import { flowFromRow, flowRunFromRow, flowRunToRow } from "../rows/flow-run-row.js";
import { stateToColumns, stateToRow } from "../rows/state-columns.js";
import { eventInsertQuery, type EventInsert } from "../records/index.js";
import type {
  CreatedFlowRun,
  DecideFlowRunTransition,
  FlowRunIdempotency,
  FlowRunStateWrite,
  HeartbeatAnswer,
  NewFlowRun,
} from "../store.js";
import { selectFlowRun, selectFlowRunRows } from "./flow-run-reads.js";

/** The task-run state types a cascading state (e.g. Crashed) replaces. */
const UNFINISHED_TASK_TYPES = [StateType.SCHEDULED, StateType.PENDING, StateType.RUNNING];

/** Creates the flow `name` when missing, updates its tags when given, and returns it. */
export async function ensureFlow(
  db: Kysely<Database>,
  name: string,
  tags: readonly string[] | undefined,
  now: number,
): Promise<Flow> {
  const tagsText = JSON.stringify(tags ?? []);
  const insert = db.insertInto("flows").values({ id: uuidv7(), name, tags: tagsText, created_at: now });
  const written =
    tags === undefined
      ? insert.onConflict((oc) => oc.column("name").doNothing())
      : insert.onConflict((oc) => oc.column("name").doUpdateSet({ tags: tagsText }));
  const row =
    (await written.returningAll().executeTakeFirst()) ??
    (await db.selectFrom("flows").selectAll().where("name", "=", name).executeTakeFirst());
  if (row === undefined) throw new Error(`flow ${name} vanished inside its transaction`);
  return flowFromRow(row);
}

async function flowId(db: Kysely<Database>, name: string, now: number): Promise<string> {
  const existing = await db.selectFrom("flows").select("id").where("name", "=", name).executeTakeFirst();
  return existing?.id ?? (await ensureFlow(db, name, undefined, now)).id;
}

async function appendState(db: Kysely<Database>, flowRunId: string, state: StateData): Promise<void> {
  await db
    .insertInto("flow_run_states")
    .values({ flow_run_id: flowRunId, ...stateToRow(state) })
    .execute();
}

/** Inserts a flow run (or finds the existing one with its id) and its first history row. */
export async function insertFlowRun(db: Kysely<Database>, run: NewFlowRun): Promise<CreatedFlowRun> {
  const id = run.id ?? uuidv7();
  const row = flowRunToRow({ ...run, id }, await flowId(db, run.flowName, run.createdAt));
  const inserted = await db
    .insertInto("flow_runs")
    .values(row)
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  if (inserted !== undefined) {
    await appendState(db, id, run.state);
    await appendEvents(db, run.events);
  }
  const stored = await selectFlowRun(db, id);
  if (stored === undefined) throw new Error(`flow run ${id} vanished inside its transaction`);
  return { run: flowRunFromRow(stored), created: inserted !== undefined };
}

/**
 * Locks the run's row (`FOR UPDATE`), lets `decide` answer, and writes what it says.
 * Undefined for an unknown id.
 */
export async function transitionFlowRun<T>(
  db: Kysely<Database>,
  id: string,
  decide: DecideFlowRunTransition<T>,
  idempotency?: FlowRunIdempotency<T>,
): Promise<{ outcome: T } | undefined> {
  const row = await selectFlowRunRows(db)
    .where("flow_runs.id", "=", id)
    .forUpdate("flow_runs")
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const run = flowRunFromRow(row);
  // The same key again: the change was made, answer it again and write nothing.
  if (idempotency !== undefined && row.last_transition_key === idempotency.key) {
    return { outcome: idempotency.replay(run) };
  }
  const { outcome, write } = decide(run);
  if (write !== undefined) await writeState(db, id, write, idempotency?.key);
  return { outcome };
}

async function appendEvents(db: Kysely<Database>, events: readonly EventInsert[] | undefined): Promise<void> {
  for (const event of events ?? []) await db.executeQuery(eventInsertQuery(db, event).compile());
}

async function writeState(
  db: Kysely<Database>,
  id: string,
  write: FlowRunStateWrite,
  key: string | undefined,
): Promise<void> {
  const result = write.result === undefined ? null : JSON.stringify(write.result);
  const pause = write.pause === undefined ? null : JSON.stringify(write.pause);
  const resumeInputs = write.resumeInputs === undefined ? null : JSON.stringify(write.resumeInputs);
  await db
    .updateTable("flow_runs")
    .set({
      ...stateToColumns(write.state),
      run_count: write.runCount,
      suspensions: write.suspensions,
      start_time: write.startTime ?? null,
      end_time: write.endTime ?? null,
      total_run_time_ms: write.totalRunTimeMs,
      result: sql<string | null>`coalesce(${result}::jsonb, ${sql.ref("result")})`,
      updated_at: write.updatedAt,
      last_transition_key: key ?? null,
      ...(write.workerName === undefined ? {} : { worker_name: write.workerName }),
      pause: sql<string | null>`coalesce(${pause}::jsonb, ${sql.ref("pause")})`,
      resume_inputs: sql<string | null>`coalesce(${resumeInputs}::jsonb, ${sql.ref("resume_inputs")})`,
      host:
        write.process === null
          ? null
          : sql<string | null>`coalesce(${write.process?.host ?? null}::text, ${sql.ref("host")})`,
      pid:
        write.process === null
          ? null
          : sql<number | null>`coalesce(${write.process?.pid ?? null}::integer, ${sql.ref("pid")})`,
    })
    .where("id", "=", id)
    .execute();
  await appendState(db, id, write.state);
  await appendEvents(db, write.events);
  const cascade = write.unfinishedTaskRunsState;
  if (cascade !== undefined) await cascadeToTaskRuns(db, id, cascade, write.updatedAt);
}

/**
 * Moves the flow run's unfinished task runs to `state` (columns, compact history, end
 * time) and records one detailed state record for each, in one statement.
 */
async function cascadeToTaskRuns(
  db: Kysely<Database>,
  flowRunId: string,
  state: StateData,
  now: number,
): Promise<void> {
  const columns = stateToColumns(state);
  const record = stateToRow(state);
  const entry =
    state.message === undefined
      ? [state.type, state.name, state.timestamp]
      : [state.type, state.name, state.timestamp, state.message];
  const endTime = isTerminalType(state.type) ? state.timestamp : null;
  const unfinished = sql.join(UNFINISHED_TASK_TYPES.map((type) => sql.lit(type)));
  await sql`
    WITH moved AS (
      UPDATE task_runs SET
        state_type = ${columns.state_type},
        state_name = ${columns.state_name},
        state_timestamp = ${columns.state_timestamp},
        state_message = ${columns.state_message},
        state_scheduled_time = ${columns.state_scheduled_time},
        state_error = ${columns.state_error}::jsonb,
        state_history = state_history || jsonb_build_array(${JSON.stringify(entry)}::jsonb),
        end_time = coalesce(end_time, ${endTime}::bigint),
        updated_at = ${now}
      WHERE flow_run_id = ${flowRunId} AND state_type IN (${unfinished})
      RETURNING id
    )
    INSERT INTO task_run_states (task_run_id, type, name, timestamp, message, scheduled_time, error)
    SELECT id, ${record.type}::text, ${record.name}::text, ${record.timestamp}::bigint,
      ${record.message}::text, ${record.scheduled_time}::bigint, ${record.error}::jsonb
    FROM moved ORDER BY id`.execute(db);
}

/** Records a heartbeat; answers the run's current state, or undefined for an unknown id. */
export async function heartbeatFlowRun(
  db: Kysely<Database>,
  id: string,
  at: number,
): Promise<HeartbeatAnswer | undefined> {
  const row = await db
    .updateTable("flow_runs")
    .set({ heartbeat_at: at })
    .where("id", "=", id)
    .returning(["state_type", "state_name"])
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : { stateType: row.state_type as StateType, stateName: row.state_name };
}
