/**
 * The `Store` interface: Ordo's storage, in domain words, behind one narrow interface.
 *
 * Glossary: a *flow* is a named workflow; a *flow run* one execution of it, whose current
 * state lives on its row and whose every transition is a row of its state history; a
 * *task run* one task call inside a flow run, written as a whole snapshot by the run
 * recorder's *batch*; a *state record* a detailed row for a notable task-run transition;
 * a *log line* one message of a run.
 *
 * The store decides nothing: the orchestration rules live in `api/`, which hands the store
 * a synchronous `decide` function to run inside the write transaction of a state change.
 * Every method is Promise-based so that a PostgreSQL store can implement the same
 * interface; the SQLite store runs each write as one `BEGIN IMMEDIATE` transaction.
 *
 * @module
 */
import type { CacheHit, ResultRef, StateData, StateType } from "../states/index.js";
import type { Flow, FlowRun, LogRecord, PauseInfo, RecorderBatch, TaskRun } from "../schemas/index.js";
import type { BatchEventInsert, EventInsert, SharedRecords } from "./records/index.js";
import type { SqlExecutor } from "./sql-executor.js";

/** A flow to create when it does not exist yet. */
export interface NewFlow {
  readonly name: string;
  /** The flow's tags; `undefined` keeps the stored ones. */
  readonly tags?: readonly string[] | undefined;
  /** The creation time, ms since the epoch, used when the flow is created. */
  readonly createdAt: number;
}

/** A flow run to insert, every value resolved by `api/`. */
export interface NewFlowRun {
  /** The run's id; the store creates a UUIDv7 when absent. */
  readonly id?: string | undefined;
  /** The flow's name; the store creates the flow when it does not exist yet. */
  readonly flowName: string;
  readonly name: string;
  readonly state: StateData;
  readonly parameters: Record<string, unknown>;
  readonly tags: readonly string[];
  readonly retries: number;
  readonly runCount: number;
  readonly parentFlowRunId?: string | undefined;
  readonly parentTaskRunId?: string | undefined;
  readonly dynamicKey?: string | undefined;
  readonly expectedStartTime?: number | undefined;
  readonly startTime?: number | undefined;
  readonly endTime?: number | undefined;
  readonly host?: string | undefined;
  readonly pid?: number | undefined;
  readonly entrypoint?: string | undefined;
  readonly flowVersion?: string | undefined;
  /** The deployment the run comes from. */
  readonly deploymentId?: string | undefined;
  /** The deployment schedule that created the run. */
  readonly scheduleId?: string | undefined;
  /** The work queue whose workers may claim the run. */
  readonly workQueueId?: string | undefined;
  /** Job variables of this run, over its deployment's. */
  readonly jobVariables?: Record<string, unknown> | undefined;
  /** The creation time, ms since the epoch. */
  readonly createdAt: number;
  /** Events to append in the same transaction when the run is created. */
  readonly events?: readonly EventInsert[] | undefined;
}

/** What a created-or-found flow run looks like to the caller. */
export interface CreatedFlowRun {
  readonly run: FlowRun;
  /** False when a run with the given id already existed (and was returned unchanged). */
  readonly created: boolean;
}

/** The columns a flow-run state change writes, computed by `api/`. */
export interface FlowRunStateWrite {
  /** The new current state; also appended to the run's state history. */
  readonly state: StateData;
  readonly runCount: number;
  /** How many of the run's attempts were suspended and went on later. */
  readonly suspensions: number;
  readonly startTime: number | undefined;
  readonly endTime: number | undefined;
  readonly totalRunTimeMs: number;
  /** The run's result; `undefined` keeps the stored one. */
  readonly result?: ResultRef | undefined;
  readonly updatedAt: number;
  /**
   * Also moves the run's unfinished task runs (SCHEDULED, PENDING, RUNNING) to this
   * state, each with a detailed state record, e.g. when the run crashed.
   */
  readonly unfinishedTaskRunsState?: StateData | undefined;
  /** Events to append in the same transaction (the state change's event). */
  readonly events?: readonly EventInsert[] | undefined;
  /** Records the worker (or serve process) that claimed the run; `undefined` keeps the stored one. */
  readonly workerName?: string | undefined;
  /** The run's pause (entering PAUSED); `undefined` keeps the stored one. */
  readonly pause?: PauseInfo | undefined;
  /** Every input accepted at resume, by pause key; `undefined` keeps the stored ones. */
  readonly resumeInputs?: Record<string, unknown> | undefined;
  /**
   * The process now running the run; `undefined` keeps the stored host and pid, `null`
   * clears them (a run claimed again is no longer the old attempt's process).
   */
  readonly process?: { readonly host: string; readonly pid: number } | null | undefined;
}

/** The answer of a `decide` function: what to return, and what (if anything) to write. */
export interface FlowRunTransition<T> {
  readonly outcome: T;
  /** Absent when nothing is written (a rejected or delayed proposal). */
  readonly write?: FlowRunStateWrite | undefined;
}

/**
 * Decides a flow run's state change from the run as it is inside the write transaction.
 * It must be synchronous and pure: it may be called more than once when the transaction
 * is retried.
 */
export type DecideFlowRunTransition<T> = (run: FlowRun) => FlowRunTransition<T>;

/**
 * Makes a state change idempotent: the store remembers the key of the last accepted
 * change of each run; the same key again answers `replay(run)` and writes nothing.
 */
export interface FlowRunIdempotency<T> {
  readonly key: string;
  /** The answer to a repeated change, from the run as it is now. */
  readonly replay: (run: FlowRun) => T;
}

/** Which task runs to read, defaults applied. */
export interface TaskRunQuery {
  readonly ids?: readonly string[] | undefined;
  readonly flowRunId?: string | undefined;
  readonly stateTypes?: readonly StateType[] | undefined;
  /** Runs whose state has one of these names. */
  readonly stateNames?: readonly string[] | undefined;
  readonly names?: readonly string[] | undefined;
  readonly taskKeys?: readonly string[] | undefined;
  /** Runs carrying every one of these tags. */
  readonly tags?: readonly string[] | undefined;
  /** Creation order (`OLDEST`, the default) or its reverse. */
  readonly sort?: "OLDEST" | "NEWEST" | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Which log lines to read, defaults applied. */
export interface LogQuery {
  readonly flowRunId?: string | undefined;
  readonly taskRunId?: string | undefined;
  readonly minLevel?: number | undefined;
  readonly afterId?: number | undefined;
  readonly limit: number;
}

/** The state of a flow run as a heartbeat finds it. */
export interface HeartbeatAnswer {
  readonly stateType: StateType;
  readonly stateName: string;
}

/**
 * A flow run that records the process running it, with that process's signs of life: what
 * crash detection reads.
 */
export interface HostedFlowRun {
  readonly id: string;
  readonly host: string;
  readonly pid: number | undefined;
  readonly heartbeatAt: number | undefined;
  readonly updatedAt: number;
}

/** One page of {@link HostedFlowRun}s in one state type, in id order. */
export interface HostedFlowRunQuery {
  readonly stateType: StateType;
  /** Only runs whose id sorts after this one: the last id of the previous page. */
  readonly afterId?: string | undefined;
  readonly limit: number;
}

/** Ordo's storage. One implementation per database (SQLite now, PostgreSQL later). */
export interface Store {
  /** The database behind this store. */
  readonly dialect: "sqlite" | "postgres";
  /** Runs queries built with Kysely on this database (administration, shared records). */
  readonly executor: SqlExecutor;
  /** Variables, artifacts, events, flow-run lists and graphs, retention: shared by both databases. */
  readonly records: SharedRecords;

  /**
   * Creates the flow named `name` if it does not exist (with `createdAt`, ms since the
   * epoch), updates its tags when given, and returns it.
   */
  ensureFlow(input: NewFlow): Promise<Flow>;

  /**
   * Inserts a flow run and its first state-history row, creating its flow if needed, in one
   * transaction. A given id that exists returns that run unchanged.
   */
  createFlowRun(run: NewFlowRun): Promise<CreatedFlowRun>;
  /**
   * Changes a flow run's state atomically: reads the run, calls `decide`, and writes the
   * returned columns plus one state-history row, all in one write transaction.
   * Returns `undefined` for an unknown id. With `idempotency`, a change whose key was the
   * last one accepted for the run is answered by `replay` without a write.
   */
  transitionFlowRun<T>(
    id: string,
    decide: DecideFlowRunTransition<T>,
    idempotency?: FlowRunIdempotency<T>,
  ): Promise<T | undefined>;
  /** One flow run, or `undefined`. */
  readFlowRun(id: string): Promise<FlowRun | undefined>;
  /** A flow run's state history, oldest first (empty for an unknown id). */
  readFlowRunStates(id: string): Promise<StateData[]>;
  /** Records a heartbeat; answers the run's current state, or undefined for an unknown id. */
  heartbeatFlowRun(id: string, at: number): Promise<HeartbeatAnswer | undefined>;
  /** The ids of PAUSED flow runs (Paused or Suspended) whose pause timed out before `now`. */
  readPausedFlowRunsDue(now: number): Promise<string[]>;
  /**
   * Up to `limit` flow runs in `stateType` that record a host, in id order after
   * `afterId`: a page of what crash detection checks. Runs without a host are never read.
   */
  readHostedFlowRuns(query: HostedFlowRunQuery): Promise<HostedFlowRun[]>;

  /**
   * Writes one run-recorder batch in one transaction: an upsert of every task-run snapshot
   * (the snapshot written last wins; a run's identity columns never change), the detailed
   * state records and the log lines. A batch that breaks a constraint is rejected whole.
   * A batch with a `batchId` that was written before is not written again, and neither
   * are its `events` (the task-run events `api/` derived from it), which are written in the
   * same transaction, each given its id and `received` time there.
   */
  recordTaskRunBatch(batch: RecorderBatch, events?: readonly BatchEventInsert[]): Promise<void>;
  /** Task runs, in creation order. */
  readTaskRuns(query: TaskRunQuery): Promise<TaskRun[]>;
  /** One task run, or `undefined`. */
  readTaskRun(id: string): Promise<TaskRun | undefined>;
  /** A task run's detailed state records, oldest first. */
  readTaskRunStates(id: string): Promise<StateData[]>;
  /** The newest completed task run with `cacheKey`, a result, and no expiration at or before `now`. */
  findCachedResult(cacheKey: string, now: number): Promise<CacheHit | undefined>;

  /** Log lines, oldest first. */
  readLogs(query: LogQuery): Promise<LogRecord[]>;

  /**
   * Brings the query planner's statistics up to date where they are missing or stale, and
   * returns what it analysed (`table.index`). SQLite analyses the indexes of tables that
   * have none yet or whose size changed about tenfold, one index at a time; PostgreSQL's
   * autovacuum keeps its own statistics, so there it does nothing.
   */
  refreshStatistics(): Promise<string[]>;

  /** Closes the database. */
  close(): Promise<void>;
}
