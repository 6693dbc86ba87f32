/**
 * zod schemas of task runs and of the run recorder's batches.
 *
 * @module
 */
import { z } from "zod";
import { ResultRefSchema, StateDataSchema, StateTypeSchema } from "./state.js";
import { LogRecordSchema } from "./log.js";

const Id = z.string().min(1).max(64);
const Millis = z.number().int().nonnegative();

/** A compact history entry: `[type, name, timestamp, message?]`. */
export const CompactStateSchema = z.tuple([StateTypeSchema, z.string(), Millis]).rest(z.string());
/** A compact history entry. */
export type CompactState = z.infer<typeof CompactStateSchema>;

/** One task call inside a flow run. */
export const TaskRunSchema = z.object({
  id: Id,
  flowRunId: Id,
  /** The task's identity (its name). */
  taskKey: z.string(),
  /** The call's order among calls of the same task in the flow run ("0", "1", …). */
  dynamicKey: z.string(),
  name: z.string(),
  tags: z.array(z.string()),
  state: StateDataSchema,
  /** Every state the run went through, compactly. */
  stateHistory: z.array(CompactStateSchema),
  runCount: z.number().int().nonnegative(),
  startTime: Millis.optional(),
  endTime: Millis.optional(),
  inputsHash: z.string().optional(),
  cacheKey: z.string().optional(),
  cacheExpiration: Millis.optional(),
  result: ResultRefSchema.optional(),
  /** Argument position → the upstream task runs whose results fed it. */
  inputs: z.record(z.string(), z.array(Id)),
  /** Upstream task runs this run waited for without data. */
  waitFor: z.array(Id),
  parentTaskRunId: Id.optional(),
  createdAt: Millis,
  updatedAt: Millis,
});
/** A task run. */
export type TaskRun = z.infer<typeof TaskRunSchema>;

/** A detailed record of a notable task-run transition (failures, retries). */
export const TaskRunStateRecordSchema = z.object({
  taskRunId: Id,
  state: StateDataSchema,
});
/** A detailed task-run state record. */
export type TaskRunStateRecord = z.infer<typeof TaskRunStateRecordSchema>;

/**
 * What the run recorder writes in one transaction: the latest snapshot of every task
 * run that changed, detailed records of notable transitions, and log lines.
 */
export const RecorderBatchSchema = z.object({
  /**
   * A client-chosen id for the batch: a batch sent again with the same id (a retried
   * request) is written once.
   */
  batchId: z.string().min(1).max(100).optional(),
  taskRuns: z.array(TaskRunSchema),
  taskRunStates: z.array(TaskRunStateRecordSchema),
  logs: z.array(LogRecordSchema),
});
/** One batch of the run recorder. */
export type RecorderBatch = z.infer<typeof RecorderBatchSchema>;

/** Which task runs to read. */
export const TaskRunFilterSchema = z.object({
  ids: z.array(Id).max(1000).optional(),
  flowRunId: Id.optional(),
  stateTypes: z.array(StateTypeSchema).optional(),
  names: z.array(z.string()).optional(),
  taskKeys: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  limit: z.number().int().min(1).max(100_000).default(1000),
  offset: z.number().int().min(0).default(0),
});
/** Which task runs to read. */
export type TaskRunFilter = z.input<typeof TaskRunFilterSchema>;
