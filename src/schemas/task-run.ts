/**
 * zod schemas of task runs and of the run recorder's batches.
 *
 * @module
 */
import { z } from "zod";
import { EpochMillisSchema } from "./epoch-millis.js";
import { ResultRefSchema, StateDataSchema, StateTypeSchema } from "./state.js";
import { LogRecordSchema } from "./log.js";

const Id = z.string().min(1).max(64);
const Millis = EpochMillisSchema;

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

/** `[taskRunId, from, to]`: entries `from` ≤ i < `to` of a task run's state history are new. */
export const NewStatesSchema = z.tuple([Id, z.number().int().nonnegative(), z.number().int().positive()]);
/** Which entries of a task run's state history are new in a batch. */
export type NewStates = z.infer<typeof NewStatesSchema>;

/**
 * What the run recorder writes in one transaction: the latest snapshot of every task
 * run that changed, detailed records of notable transitions, and log lines.
 */
export const RecorderBatchSchema = z
  .object({
    /**
     * A client-chosen id for the batch: a batch sent again with the same id (a retried
     * request) is written once.
     */
    batchId: z.string().min(1).max(100).optional(),
    taskRuns: z.array(TaskRunSchema),
    taskRunStates: z.array(TaskRunStateRecordSchema),
    logs: z.array(LogRecordSchema),
    /**
     * The states each task run entered since the previous batch, as `[taskRunId, from, to]`:
     * entries `from` (inclusive) to `to` (exclusive) of that run's `stateHistory` in this
     * batch. The server writes a task-run event for each (see `ORDO_TASK_RUN_EVENTS`).
     */
    newStates: z.array(NewStatesSchema).optional(),
  })
  .superRefine((batch, ctx) => {
    if (batch.newStates === undefined) return;
    const historyLength = new Map(batch.taskRuns.map((run) => [run.id, run.stateHistory.length]));
    batch.newStates.forEach(([taskRunId, from, to], i) => {
      const length = historyLength.get(taskRunId);
      if (length === undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["newStates", i, 0],
          message: "no task run of the batch has this id",
        });
      } else if (from >= to || to > length) {
        ctx.addIssue({
          code: "custom",
          path: ["newStates", i],
          message: `the range must lie within the task run's ${length} states, from before to`,
        });
      }
    });
  });
/** One batch of the run recorder. */
export type RecorderBatch = z.infer<typeof RecorderBatchSchema>;

/** Which task runs to read. */
export const TaskRunFilterSchema = z.object({
  ids: z.array(Id).max(1000).optional(),
  flowRunId: Id.optional(),
  stateTypes: z.array(StateTypeSchema).optional(),
  /** Runs whose state has one of these names (`Cached`, `Completed`, …). */
  stateNames: z.array(z.string()).max(100).optional(),
  names: z.array(z.string()).optional(),
  taskKeys: z.array(z.string()).optional(),
  tags: z.array(z.string()).optional(),
  /** `OLDEST` first (default: creation order, a flow run's sequence) or `NEWEST` first. */
  sort: z.enum(["OLDEST", "NEWEST"]).default("OLDEST"),
  limit: z.number().int().min(1).max(100_000).default(1000),
  offset: z.number().int().min(0).default(0),
});
/** Which task runs to read. */
export type TaskRunFilter = z.input<typeof TaskRunFilterSchema>;
