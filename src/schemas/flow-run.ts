/**
 * zod schemas of flows and flow runs.
 *
 * @module
 */
import { z } from "zod";
import { EpochMillisSchema } from "./epoch-millis.js";
import { boundedJson } from "./json-depth.js";
import { PauseInfoSchema, type PauseInfo } from "./pause.js";
import { ResultRefSchema, StateDataSchema, StateTypeSchema } from "./state.js";

const Id = z.string().min(1).max(64);
const Millis = EpochMillisSchema;

/** A flow: a named workflow definition. */
export const FlowSchema = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  tags: z.array(z.string()),
  createdAt: Millis,
  /** The JSON Schema of the flow's parameters, when the SDK sent one. */
  parameterSchema: z.record(z.string(), z.unknown()).optional(),
});
/** A flow. */
export type Flow = z.infer<typeof FlowSchema>;

/** Which flows to list (by name, A to Z). */
export const FlowFilterSchema = z.object({
  /** Flows whose name starts with this text. */
  namePrefix: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
  offset: z.number().int().min(0).max(100_000).default(0),
});
/** Which flows to list. */
export type FlowFilter = z.input<typeof FlowFilterSchema>;

/** One execution of a flow. Times are ms since the epoch. */
export const FlowRunSchema = z.object({
  id: Id,
  flowId: Id,
  flowName: z.string(),
  name: z.string(),
  state: StateDataSchema,
  parameters: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  runCount: z.number().int().nonnegative(),
  /**
   * How many of its attempts were suspended and went on later in a new process (each
   * enters Running twice, so `runCount` counts it twice; retries count attempts).
   */
  suspensions: z.number().int().nonnegative().optional(),
  retries: z.number().int().nonnegative(),
  parentFlowRunId: Id.optional(),
  parentTaskRunId: Id.optional(),
  /** For subflows: the call's key within the parent run, used by durable resume. */
  dynamicKey: z.string().optional(),
  expectedStartTime: Millis.optional(),
  startTime: Millis.optional(),
  endTime: Millis.optional(),
  totalRunTimeMs: z.number().int().nonnegative(),
  host: z.string().optional(),
  pid: z.number().int().optional(),
  heartbeatAt: Millis.optional(),
  entrypoint: z.string().optional(),
  flowVersion: z.string().optional(),
  result: ResultRefSchema.optional(),
  createdAt: Millis,
  updatedAt: Millis,
  /** The deployment the run was created from. */
  deploymentId: Id.optional(),
  /** The deployment schedule that created the run (runs made by the scheduler). */
  scheduleId: Id.optional(),
  /** The work queue whose workers may claim the run. */
  workQueueId: Id.optional(),
  /** Job variables of this run, over its deployment's. */
  jobVariables: z.record(z.string(), z.unknown()).optional(),
  /** The worker (or serve process) that claimed the run. */
  workerName: z.string().optional(),
  /** While the run is PAUSED (Paused or Suspended): the pause's key, deadline and input schema. */
  pause: PauseInfoSchema.optional(),
  /** The inputs accepted when the run was resumed, by pause key. */
  resumeInputs: z.record(z.string(), z.unknown()).optional(),
});
/** A flow run. */
export type FlowRun = z.infer<typeof FlowRunSchema>;

/** What creating a flow run takes. */
export const FlowRunCreateSchema = z.object({
  id: Id.optional(),
  flowName: z.string().min(1).max(200),
  name: z.string().min(1).max(200),
  parameters: boundedJson(z.record(z.string(), z.unknown())).default({}),
  tags: z.array(z.string().max(200)).max(100).default([]),
  retries: z.number().int().min(0).max(1000).default(0),
  parentFlowRunId: Id.optional(),
  parentTaskRunId: Id.optional(),
  dynamicKey: z.string().max(500).optional(),
  state: StateDataSchema.optional(),
  host: z.string().optional(),
  pid: z.number().int().optional(),
  entrypoint: z.string().max(1000).optional(),
  flowVersion: z.string().max(200).optional(),
  /**
   * Validate `parameters` against the flow's stored parameter schema (runs created by
   * people and tools through the API; the SDK validates with zod itself).
   */
  validateParameters: z.boolean().optional(),
});
/** What creating a flow run takes (after defaults). */
export type FlowRunCreate = z.input<typeof FlowRunCreateSchema>;

/** A time range, ms since the epoch: `after` inclusive, `before` exclusive. */
export const TimeRangeSchema = z.object({
  after: Millis.optional(),
  before: Millis.optional(),
});

/** How a list of flow runs is sorted. */
export const FlowRunSortSchema = z.enum(["NEWEST", "OLDEST", "NAME"]);

/** The hard limit of one page of flow runs. */
export const MAX_FLOW_RUN_PAGE = 1000;

/** Which flow runs to read. Every field narrows the selection (AND). */
export const FlowRunFilterSchema = z.object({
  ids: z.array(Id).max(1000).optional(),
  flowName: z.string().optional(),
  /** Runs of any of these flows. */
  flowNames: z.array(z.string()).max(100).optional(),
  stateTypes: z.array(StateTypeSchema).optional(),
  stateNames: z.array(z.string()).optional(),
  /** Runs carrying every one of these tags. */
  tags: z.array(z.string()).max(50).optional(),
  /** Runs carrying at least one of these tags. */
  tagsAny: z.array(z.string()).max(50).optional(),
  parentFlowRunId: Id.optional(),
  dynamicKey: z.string().optional(),
  /** Runs of any of these deployments. */
  deploymentIds: z.array(Id).max(100).optional(),
  /** Runs waiting in (or claimed from) any of these work pools. */
  workPoolNames: z.array(z.string()).max(100).optional(),
  /** Runs whose name starts with this text (case-sensitive; uses an index). */
  namePrefix: z.string().min(1).max(200).optional(),
  expectedStartTime: TimeRangeSchema.optional(),
  startTime: TimeRangeSchema.optional(),
  endTime: TimeRangeSchema.optional(),
  sort: FlowRunSortSchema.default("NEWEST"),
  /** Keyset pagination: the `nextCursor` of the previous page. */
  cursor: z.string().max(500).optional(),
  limit: z.number().int().min(1).max(MAX_FLOW_RUN_PAGE).default(100),
  /** Skips runs (prefer `cursor`: offsets get slower the further they go). */
  offset: z.number().int().min(0).max(100_000).default(0),
});
/** Which flow runs to read. */
export type FlowRunFilter = z.input<typeof FlowRunFilterSchema>;

/** Options of a flow-run state change. */
export interface SetFlowRunStateOptions {
  /** Step around the protective rules (operators only). */
  readonly force?: boolean | undefined;
  /** The delay before the next retry, when the proposal is a failure that may be retried. */
  readonly retryDelayMs?: number | undefined;
  /** False when the failure must not be retried. */
  readonly retryable?: boolean | undefined;
  /** The re-run of a failed or crashed run (durable resume). */
  readonly rerun?: boolean | undefined;
  /** The run's result, with a COMPLETED state. */
  readonly result?: z.infer<typeof ResultRefSchema> | undefined;
  /** A client-chosen key: the same key again answers the first decision without a second write. */
  readonly idempotencyKey?: string | undefined;
  /** With a PAUSED state: the pause's key, deadline and input schema, stored with the run. */
  readonly pause?: PauseInfo | undefined;
  /** With a RUNNING state: the process now running the run (a re-run in another process). */
  readonly process?: { readonly host: string; readonly pid: number } | undefined;
}

/** The orchestration's answer to a proposed flow-run state. */
export interface SetStateResult {
  readonly status: "ACCEPT" | "REJECT" | "WAIT";
  /** The run's state after the decision. */
  readonly state: z.infer<typeof StateDataSchema>;
  readonly reason?: string | undefined;
  /** With WAIT: try again after this many ms. */
  readonly delayMs?: number | undefined;
  /** The run's run count after the decision. */
  readonly runCount: number;
}

/** A page of flow runs and the cursor of the next page (absent on the last page). */
export const FlowRunPageSchema = z.object({
  items: z.array(FlowRunSchema),
  nextCursor: z.string().optional(),
});
/** A page of flow runs. */
export type FlowRunPage = z.infer<typeof FlowRunPageSchema>;

/** The body of `POST /api/flow_runs/count`. */
export const FlowRunCountRequestSchema = z.object({
  filter: FlowRunFilterSchema.omit({ sort: true, cursor: true, limit: true, offset: true }).default({}),
  /** Counting stops here; the answer then says `capped`. Default 10 000. */
  cap: z.number().int().min(1).max(1_000_000).default(10_000),
});

/** A count that may be capped ("10,000+"). */
export const FlowRunCountSchema = z.object({ count: z.number().int(), capped: z.boolean() });
/** A capped count. */
export type FlowRunCount = z.infer<typeof FlowRunCountSchema>;

/** The body of `POST /api/flow_runs/history`: runs by state type per time bucket. */
export const FlowRunHistoryRequestSchema = z
  .object({
    from: Millis,
    to: Millis,
    intervalSeconds: z.number().min(1),
    filter: FlowRunFilterSchema.omit({ sort: true, cursor: true, limit: true, offset: true }).default({}),
  })
  .refine((r) => r.to > r.from, { message: "`to` must be after `from`", path: ["to"] })
  .refine((r) => (r.to - r.from) / (r.intervalSeconds * 1000) <= 500, {
    message: "at most 500 buckets",
    path: ["intervalSeconds"],
  });

/** One bucket of the history: counts by state type of runs expected to start in [start, end). */
export const HistoryBucketSchema = z.object({
  start: Millis,
  end: Millis,
  counts: z.record(z.string(), z.number().int()),
});
/** One bucket of the history. */
export type HistoryBucket = z.infer<typeof HistoryBucketSchema>;
