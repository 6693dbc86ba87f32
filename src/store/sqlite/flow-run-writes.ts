/**
 * Writing flows and flow runs to SQLite. Every method here is synchronous and must run
 * inside a write transaction (see {@link WriteTransactions}).
 *
 * @module
 */
import { sql, type Kysely } from "kysely";
import { uuid7 as uuidv7 } from "../../ids/uuid7.js";
import type { Flow } from "../../schemas/index.js";
import { StateType, isTerminalType, type StateData } from "../../states/index.js";
import type { Database, EventsTable, FlowRunStatesTable, FlowRunsTable, FlowsTable } from "../database.js";
import { flowFromRow, flowRunFromRow, flowRunToRow, type FlowRunRow } from "../rows/flow-run-row.js";
import { stateToColumns, stateToRow } from "../rows/state-columns.js";
import type {
  CreatedFlowRun,
  DecideFlowRunTransition,
  FlowRunIdempotency,
  FlowRunStateWrite,
  HeartbeatAnswer,
  NewFlowRun,
} from "../store.js";
import { eventToRow, type EventInsert } from "../records/index.js";
import { selectFlowRunRows } from "./flow-run-reads.js";
import { paramsFor } from "./named-values.js";
import { compileNamed, param } from "./query-builder.js";
import type { NamedStatement, SqlRunner } from "./sql-runner.js";

const FLOW_RUN_COLUMNS = [
  "id",
  "flow_id",
  "name",
  "state_type",
  "state_name",
  "state_timestamp",
  "state_message",
  "state_scheduled_time",
  "state_error",
  "parameters",
  "tags",
  "run_count",
  "retries",
  "parent_flow_run_id",
  "parent_task_run_id",
  "dynamic_key",
  "expected_start_time",
  "start_time",
  "end_time",
  "total_run_time_ms",
  "host",
  "pid",
  "heartbeat_at",
  "entrypoint",
  "flow_version",
  "result",
  "created_at",
  "updated_at",
  "deployment_id",
  "schedule_id",
  "work_queue_id",
  "job_variables",
] as const satisfies readonly (keyof FlowRunsTable)[];

const STATE_ROW_COLUMNS = [
  "flow_run_id",
  "type",
  "name",
  "timestamp",
  "message",
  "scheduled_time",
  "error",
] as const;

/** The task-run state types a cascading state (e.g. Crashed) replaces. */
const UNFINISHED_TASK_TYPES = [StateType.SCHEDULED, StateType.PENDING, StateType.RUNNING];

/** Prepared writes of flows and flow runs on one connection. */
export class FlowRunWrites {
  readonly #selectFlow: NamedStatement;
  readonly #insertFlow: NamedStatement;
  readonly #updateFlowTags: NamedStatement;
  readonly #selectRun: NamedStatement;
  readonly #insertRun: NamedStatement;
  readonly #insertState: NamedStatement;
  readonly #updateState: NamedStatement;
  readonly #recordUnfinishedTaskStates: NamedStatement;
  readonly #updateUnfinishedTasks: NamedStatement;
  readonly #heartbeat: NamedStatement;
  readonly #insertEvent: NamedStatement;

  constructor(runner: SqlRunner, qb: Kysely<Database>) {
    const named = (query: Parameters<typeof compileNamed>[0]) => runner.named(compileNamed(query));
    this.#selectFlow = named(qb.selectFrom("flows").selectAll().where("name", "=", param<string>("name")));
    this.#insertFlow = named(
      qb
        .insertInto("flows")
        .values(paramsFor<FlowsTable>(["id", "name", "tags", "created_at"]))
        .onConflict((oc) => oc.column("name").doNothing()),
    );
    this.#updateFlowTags = named(
      qb
        .updateTable("flows")
        .set({ tags: param("tags") })
        .where("name", "=", param<string>("name")),
    );
    this.#selectRun = named(selectFlowRunRows(qb).where("flow_runs.id", "=", param<string>("id")));
    this.#insertRun = named(
      qb
        .insertInto("flow_runs")
        .values(paramsFor<FlowRunsTable>(FLOW_RUN_COLUMNS))
        .onConflict((oc) => oc.column("id").doNothing()),
    );
    this.#insertState = named(
      qb.insertInto("flow_run_states").values(paramsFor<Omit<FlowRunStatesTable, "id">>(STATE_ROW_COLUMNS)),
    );
    this.#updateState = named(
      qb
        .updateTable("flow_runs")
        .set({
          state_type: param("state_type"),
          state_name: param("state_name"),
          state_timestamp: param("state_timestamp"),
          state_message: param("state_message"),
          state_scheduled_time: param("state_scheduled_time"),
          state_error: param("state_error"),
          run_count: param("run_count"),
          suspensions: param("suspensions"),
          start_time: param("start_time"),
          end_time: param("end_time"),
          total_run_time_ms: param("total_run_time_ms"),
          result: sql<string | null>`coalesce(${param<string | null>("result")}, ${sql.ref("result")})`,
          updated_at: param("updated_at"),
          last_transition_key: param("last_transition_key"),
          worker_name: sql<
            string | null
          >`coalesce(${param<string | null>("worker_name")}, ${sql.ref("worker_name")})`,
          pause: sql<string | null>`coalesce(${param<string | null>("pause")}, ${sql.ref("pause")})`,
          resume_inputs: sql<
            string | null
          >`coalesce(${param<string | null>("resume_inputs")}, ${sql.ref("resume_inputs")})`,
          host: sql<
            string | null
          >`case when ${param<number>("clear_process")} = 1 then null else coalesce(${param<string | null>("host")}, ${sql.ref("host")}) end`,
          pid: sql<
            number | null
          >`case when ${param<number>("clear_process")} = 1 then null else coalesce(${param<number | null>("pid")}, ${sql.ref("pid")}) end`,
        })
        .where("id", "=", param<string>("id")),
    );
    // The task runs of one flow run that have not finished, for both statements below.
    const unfinishedTypes = UNFINISHED_TASK_TYPES.map((type) => sql.lit(type));
    const unfinishedTaskRuns = () =>
      qb
        .selectFrom("task_runs")
        .where("flow_run_id", "=", param<string>("flow_run_id"))
        .where("state_type", "in", unfinishedTypes);
    this.#recordUnfinishedTaskStates = named(
      qb
        .insertInto("task_run_states")
        .columns(["task_run_id", "type", "name", "timestamp", "message", "scheduled_time", "error"])
        .expression(
          unfinishedTaskRuns().select([
            "id",
            sql<string>`${param("type")}`.as("type"),
            sql<string>`${param("name")}`.as("name"),
            sql<number>`${param("timestamp")}`.as("timestamp"),
            sql<string>`${param("message")}`.as("message"),
            sql<number>`${param("scheduled_time")}`.as("scheduled_time"),
            sql<string>`${param("error")}`.as("error"),
          ]),
        ),
    );
    this.#updateUnfinishedTasks = named(
      qb
        .updateTable("task_runs")
        .set({
          state_type: param("state_type"),
          state_name: param("state_name"),
          state_timestamp: param("state_timestamp"),
          state_message: param("state_message"),
          state_scheduled_time: param("state_scheduled_time"),
          state_error: param("state_error"),
          state_history: sql<string>`json_insert(${sql.ref("state_history")}, '$[#]', json(${param("history_entry")}))`,
          end_time: sql<number | null>`coalesce(${sql.ref("end_time")}, ${param("end_time")})`,
          updated_at: param("updated_at"),
        })
        .where("flow_run_id", "=", param<string>("flow_run_id"))
        .where("state_type", "in", unfinishedTypes),
    );
    this.#insertEvent = named(
      qb
        .insertInto("events")
        .values(
          paramsFor<EventsTable>([
            "id",
            "occurred",
            "event",
            "resource_id",
            "resource",
            "related",
            "payload",
            "received",
          ]),
        )
        .onConflict((oc) => oc.column("id").doNothing()),
    );
    this.#heartbeat = named(
      qb
        .updateTable("flow_runs")
        .set({ heartbeat_at: param("at") })
        .where("id", "=", param<string>("id"))
        .returning(["state_type", "state_name"]),
    );
  }

  /** Creates the flow `name` when missing, updates its tags when given, and returns it. */
  ensureFlow(name: string, tags: readonly string[] | undefined, now: number): Flow {
    const tagsText = JSON.stringify(tags ?? []);
    this.#insertFlow.run({ id: uuidv7(), name, tags: tagsText, created_at: now });
    if (tags !== undefined) this.#updateFlowTags.run({ name, tags: tagsText });
    const row = this.#selectFlow.get<FlowsTable>({ name });
    if (row === undefined) throw new Error(`flow ${name} vanished inside its transaction`);
    return flowFromRow(row);
  }

  /** The flow named `name`, or undefined. */
  selectFlow(name: string): FlowsTable | undefined {
    return this.#selectFlow.get<FlowsTable>({ name });
  }

  /** The flow run `id` as it is now, or undefined. */
  selectRun(id: string): FlowRunRow | undefined {
    return this.#selectRun.get<FlowRunRow>({ id });
  }

  /** Inserts a flow run (or finds the existing one with its id) and its first history row. */
  insert(run: NewFlowRun): CreatedFlowRun {
    const id = run.id ?? uuidv7();
    const flowId = this.#flowId(run.flowName, run.createdAt);
    const row = flowRunToRow({ ...run, id }, flowId);
    if (this.#insertRun.run({ ...row }) > 0) {
      this.#appendState(id, run.state);
      this.#appendEvents(run.events);
      // The row just written is the run: no need to read it back.
      return { run: flowRunFromRow({ ...row, flow_name: run.flowName }), created: true };
    }
    const stored = this.selectRun(id);
    if (stored === undefined) throw new Error(`flow run ${id} vanished inside its transaction`);
    return { run: flowRunFromRow(stored), created: false };
  }

  /** Reads the run, lets `decide` answer, and writes what it says. Undefined for an unknown id. */
  transition<T>(
    id: string,
    decide: DecideFlowRunTransition<T>,
    idempotency?: FlowRunIdempotency<T>,
  ): { outcome: T } | undefined {
    const row = this.selectRun(id);
    if (row === undefined) return undefined;
    const run = flowRunFromRow(row);
    // The same key again: the change was made, answer it again and write nothing.
    if (idempotency !== undefined && row.last_transition_key === idempotency.key) {
      return { outcome: idempotency.replay(run) };
    }
    const { outcome, write } = decide(run);
    if (write !== undefined) this.#write(id, write, idempotency?.key);
    return { outcome };
  }

  /** Records a heartbeat; answers the run's current state, or undefined for an unknown id. */
  heartbeat(id: string, at: number): HeartbeatAnswer | undefined {
    const row = this.#heartbeat.get<Pick<FlowRunsTable, "state_type" | "state_name">>({ id, at });
    return row === undefined
      ? undefined
      : { stateType: row.state_type as StateType, stateName: row.state_name };
  }

  #flowId(name: string, now: number): string {
    const existing = this.#selectFlow.get<FlowsTable>({ name });
    return existing?.id ?? this.ensureFlow(name, undefined, now).id;
  }

  #appendEvents(events: readonly EventInsert[] | undefined): void {
    for (const event of events ?? []) this.#insertEvent.run({ ...eventToRow(event) });
  }

  #appendState(flowRunId: string, state: StateData): void {
    this.#insertState.run({ flow_run_id: flowRunId, ...stateToRow(state) });
  }

  #write(id: string, write: FlowRunStateWrite, key: string | undefined): void {
    this.#updateState.run({
      id,
      ...stateToColumns(write.state),
      run_count: write.runCount,
      suspensions: write.suspensions,
      start_time: write.startTime ?? null,
      end_time: write.endTime ?? null,
      total_run_time_ms: write.totalRunTimeMs,
      result: write.result === undefined ? null : JSON.stringify(write.result),
      updated_at: write.updatedAt,
      last_transition_key: key ?? null,
      worker_name: write.workerName ?? null,
      pause: write.pause === undefined ? null : JSON.stringify(write.pause),
      resume_inputs: write.resumeInputs === undefined ? null : JSON.stringify(write.resumeInputs),
      host: write.process?.host ?? null,
      pid: write.process?.pid ?? null,
      clear_process: write.process === null ? 1 : 0,
    });
    this.#appendState(id, write.state);
    this.#appendEvents(write.events);
    const cascade = write.unfinishedTaskRunsState;
    if (cascade !== undefined) this.#cascadeToTaskRuns(id, cascade, write.updatedAt);
  }

  #cascadeToTaskRuns(flowRunId: string, state: StateData, now: number): void {
    this.#recordUnfinishedTaskStates.run({ flow_run_id: flowRunId, ...stateToRow(state) });
    const entry =
      state.message === undefined
        ? [state.type, state.name, state.timestamp]
        : [state.type, state.name, state.timestamp, state.message];
    this.#updateUnfinishedTasks.run({
      flow_run_id: flowRunId,
      ...stateToColumns(state),
      history_entry: JSON.stringify(entry),
      end_time: isTerminalType(state.type) ? state.timestamp : null,
      updated_at: now,
    });
  }
}
