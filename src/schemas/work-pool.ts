/**
 * zod schemas of work pools, their queues and workers, and of claiming runs from them.
 *
 * A *work pool* is where deployments send their runs and where workers find them; its
 * *base job template* is the JSON Schema of the job variables a run may set (command,
 * env, working folder) with their defaults. A pool's *queues* order its runs by priority
 * (1 first) and may cap how many run at once.
 *
 * @module
 */
import { z } from "zod";
import { EpochMillisSchema } from "./epoch-millis.js";
import { RunProcessSchema } from "./api.js";
import { DeploymentSourceSchema } from "./deployment-source.js";
import { boundedJson } from "./json-depth.js";
import { FlowRunSchema } from "./flow-run.js";

const Id = z.string().min(1).max(64);
const Millis = EpochMillisSchema;

/** A pool, queue or worker name: letters, digits, `_`, `-` and `.`; 1–100 characters. */
export const WorkPoolNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/, "use 1–100 letters, digits, '_', '-' or '.'");

/**
 * A refused pool type as its message shows it: a scalar quoted, an array or object by its
 * kind only (`String` of an array nested thousands deep overflows the stack).
 */
function shownPoolType(input: unknown): string {
  if (Array.isArray(input)) return "an array";
  if (input !== null && typeof input === "object") return "an object";
  return `"${String(input)}"`;
}

/** Infrastructure types a pool can start runs on. */
export const WorkPoolTypeSchema = z.enum(["process"], {
  error: (issue) =>
    `${shownPoolType(issue.input)} is not a work pool type of this version: use "process" (Kubernetes pools come later)`,
});

/** A work pool type. */
export type WorkPoolType = z.infer<typeof WorkPoolTypeSchema>;

/** Whether work can flow: READY (a worker or serve process polls), NOT_READY (none does), PAUSED. */
export const WorkStatusSchema = z.enum(["READY", "NOT_READY", "PAUSED"]);
/** A pool, queue or deployment status. */
export type WorkStatus = z.infer<typeof WorkStatusSchema>;

/** A pool's base job template: the JSON Schema of its job variables, defaults included. */
export const BaseJobTemplateSchema = z.object({
  variables: boundedJson(z.record(z.string(), z.unknown())),
});
/** A base job template. */
export type BaseJobTemplate = z.infer<typeof BaseJobTemplateSchema>;

/** A work pool. */
export const WorkPoolSchema = z.object({
  id: Id,
  name: z.string(),
  type: WorkPoolTypeSchema,
  description: z.string().optional(),
  paused: z.boolean(),
  concurrencyLimit: z.number().int().nonnegative().optional(),
  baseJobTemplate: BaseJobTemplateSchema,
  status: WorkStatusSchema,
  createdAt: Millis,
  updatedAt: Millis,
});
/** A work pool. */
export type WorkPool = z.infer<typeof WorkPoolSchema>;

/** What creating a work pool takes. */
export const WorkPoolCreateSchema = z.object({
  name: WorkPoolNameSchema,
  type: WorkPoolTypeSchema.default("process"),
  description: z.string().max(2000).optional(),
  paused: z.boolean().default(false),
  concurrencyLimit: z.number().int().min(0).max(1_000_000).optional(),
  /** Default: the process template (command, env, workingDir). */
  baseJobTemplate: BaseJobTemplateSchema.optional(),
});
/** What creating a work pool takes. */
export type WorkPoolCreate = z.input<typeof WorkPoolCreateSchema>;

/** What updating a work pool may change; `concurrencyLimit: null` removes the limit. */
export const WorkPoolUpdateSchema = z.object({
  description: z.string().max(2000).optional(),
  paused: z.boolean().optional(),
  concurrencyLimit: z.number().int().min(0).max(1_000_000).nullable().optional(),
  baseJobTemplate: BaseJobTemplateSchema.optional(),
});
/** What updating a work pool may change. */
export type WorkPoolUpdate = z.input<typeof WorkPoolUpdateSchema>;

/** A queue of a work pool. */
export const WorkQueueSchema = z.object({
  id: Id,
  workPoolName: z.string(),
  name: z.string(),
  description: z.string().optional(),
  priority: z.number().int().positive(),
  concurrencyLimit: z.number().int().nonnegative().optional(),
  paused: z.boolean(),
  lastPolledAt: Millis.optional(),
  status: WorkStatusSchema,
  createdAt: Millis,
  updatedAt: Millis,
});
/** A work queue. */
export type WorkQueue = z.infer<typeof WorkQueueSchema>;

/** What creating a work queue takes. */
export const WorkQueueCreateSchema = z.object({
  name: WorkPoolNameSchema,
  description: z.string().max(2000).optional(),
  /** 1 is served first; default: after the pool's other queues. */
  priority: z.number().int().min(1).max(1_000_000).optional(),
  concurrencyLimit: z.number().int().min(0).max(1_000_000).optional(),
  paused: z.boolean().default(false),
});
/** What creating a work queue takes. */
export type WorkQueueCreate = z.input<typeof WorkQueueCreateSchema>;

/** What updating a work queue may change; `concurrencyLimit: null` removes the limit. */
export const WorkQueueUpdateSchema = z.object({
  description: z.string().max(2000).optional(),
  priority: z.number().int().min(1).max(1_000_000).optional(),
  concurrencyLimit: z.number().int().min(0).max(1_000_000).nullable().optional(),
  paused: z.boolean().optional(),
});
/** What updating a work queue may change. */
export type WorkQueueUpdate = z.input<typeof WorkQueueUpdateSchema>;

/** A pool's queue count and its workers by status, for lists of pools. */
export const WorkPoolSummarySchema = z.object({
  name: z.string(),
  queues: z.number().int().nonnegative(),
  workersOnline: z.number().int().nonnegative(),
  workersOffline: z.number().int().nonnegative(),
});
/** A pool's queue count and its workers by status. */
export type WorkPoolSummary = z.infer<typeof WorkPoolSummarySchema>;

/** Which pools to summarise: up to 200 names (unknown names are left out of the answer). */
export const WorkPoolSummariesRequestSchema = z.object({
  names: z.array(z.string().min(1).max(100)).max(200),
});
/** Which pools to summarise. */
export type WorkPoolSummariesRequest = z.input<typeof WorkPoolSummariesRequestSchema>;

/** A worker of a pool, as its heartbeats describe it. */
export const WorkerSchema = z.object({
  id: Id,
  workPoolName: z.string(),
  name: z.string(),
  heartbeatIntervalSeconds: z.number().int().positive(),
  lastHeartbeatAt: Millis,
  /** OFFLINE after three missed heartbeats, or at once when the worker said it stopped. */
  status: z.enum(["ONLINE", "OFFLINE"]),
  /** When the worker stopped (its last heartbeat said so); absent while it runs. */
  stoppedAt: Millis.optional(),
  createdAt: Millis,
});
/** A worker. */
export type Worker = z.infer<typeof WorkerSchema>;

/** A worker's heartbeat (which also registers it). */
export const WorkerHeartbeatSchema = z.object({
  name: WorkPoolNameSchema,
  heartbeatIntervalSeconds: z.number().int().min(1).max(3600).default(30),
  /** The worker's last heartbeat, sent when it stops: it is OFFLINE at once. */
  stopped: z.boolean().default(false),
});
/** A worker's heartbeat. */
export type WorkerHeartbeat = z.input<typeof WorkerHeartbeatSchema>;

/** The job a claimed run needs: the command, environment and folder it starts in. */
export const JobConfigurationSchema = z.object({
  command: z.string().optional(),
  env: z.record(z.string(), z.string()),
  workingDir: z.string().optional(),
});
/** A claimed run's job configuration. */
export type JobConfiguration = z.infer<typeof JobConfigurationSchema>;

/**
 * A process of the claimer, loaded and waiting for a run (a warm child): the claim
 * starts one due run whose entrypoint, path and job are these in it (Pending with this
 * host and pid, then Running), so that the process runs the flow's code with no request
 * of its own.
 */
export const WaitingProcessSchema = RunProcessSchema.extend({
  entrypoint: z.string().min(1).max(2000),
  path: z.string().max(2000).optional(),
  job: JobConfigurationSchema,
});
/** A waiting process offered with a claim. */
export type WaitingProcess = z.infer<typeof WaitingProcessSchema>;

/** A claim's waiting processes: at most one run is started in each. */
export const WaitingProcessesSchema = z.array(WaitingProcessSchema).max(100).optional();

/** A claim of due runs by a worker. */
export const WorkPoolClaimSchema = z.object({
  workerName: WorkPoolNameSchema,
  /** Only these queues of the pool (default: all). */
  workQueueNames: z.array(WorkPoolNameSchema).max(100).optional(),
  /** How many runs at most. */
  limit: z.number().int().min(1).max(100).default(10),
  /** Also claim runs due within this many seconds, so that they start on time. */
  prefetchSeconds: z.number().min(0).max(3600).default(10),
  /** When nothing is due, wait up to this long for a run to arrive (long poll). */
  waitSeconds: z.number().min(0).max(30).default(0),
  /** Processes in which the claim starts a matching due run (see {@link WaitingProcessSchema}). */
  startIn: WaitingProcessesSchema,
});
/** A claim of due runs by a worker. */
export type WorkPoolClaim = z.input<typeof WorkPoolClaimSchema>;

/** A run handed to a worker or serve process: the run, where its code is, how to start it. */
export const ClaimedFlowRunSchema = z.object({
  flowRun: FlowRunSchema,
  entrypoint: z.string(),
  /** The folder the entrypoint is relative to (a local source's path). */
  path: z.string().optional(),
  /** Where the code comes from; a bundle or git source is fetched by the worker first. */
  source: DeploymentSourceSchema.optional(),
  job: JobConfigurationSchema,
});
/** A claimed run. */
export type ClaimedFlowRun = z.infer<typeof ClaimedFlowRunSchema>;
