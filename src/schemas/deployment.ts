/**
 * zod schemas of deployments: a flow made runnable on a schedule or on demand, by a
 * worker of a work pool or by a `serve` process.
 *
 * @module
 */
import { z } from "zod";
import { EpochMillisSchema } from "./epoch-millis.js";
import { DeploymentSourceSchema } from "./deployment-source.js";
import { boundedJson } from "./json-depth.js";
import {
  MAX_SCHEDULE_TIME_MS,
  ScheduleSpecSchema,
  DeploymentScheduleSchema,
  NewDeploymentScheduleSchema,
} from "./schedule.js";
import { JsonValueSchema } from "./variable.js";
import { WaitingProcessesSchema, WorkPoolNameSchema, WorkStatusSchema } from "./work-pool.js";

const Id = z.string().min(1).max(64);
const Millis = EpochMillisSchema;
const Parameters = z.record(z.string(), JsonValueSchema);

/** A deployment name: letters, digits, `_`, `-`, `.` and spaces; 1–200 characters. */
export const DeploymentNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_. -]{0,199}$/, "use 1–200 letters, digits, spaces, '_', '-' or '.'");

/** What a deployment with a concurrency limit does with a run when the limit is reached. */
export const CollisionStrategySchema = z.enum(["ENQUEUE", "CANCEL_NEW"]);

/**
 * What happens to a run that starts late: RUN_ANYWAY; SKIP_IF_NEWER (a late run is
 * cancelled when a newer run of the deployment is also due); EXPIRE (a run later than
 * `staleAfterSeconds` is cancelled).
 */
export const StalePolicySchema = z.enum(["RUN_ANYWAY", "SKIP_IF_NEWER", "EXPIRE"]);

/** A stored schedule of a deployment. */
export const DeploymentScheduleRecordSchema = z.object({
  id: Id,
  schedule: ScheduleSpecSchema,
  active: z.boolean(),
  /** Parameters of this schedule's runs, over the deployment's. */
  parameters: z.record(z.string(), z.unknown()),
  slug: z.string().optional(),
  /** A human-readable description, e.g. "at 03:00 every day (Europe/Berlin)". */
  description: z.string(),
});
/** A stored deployment schedule. */
export type DeploymentScheduleRecord = z.infer<typeof DeploymentScheduleRecordSchema>;

/** A deployment. */
export const DeploymentSchema = z.object({
  id: Id,
  flowId: Id,
  flowName: z.string(),
  name: z.string(),
  description: z.string().optional(),
  version: z.string().optional(),
  entrypoint: z.string(),
  /** The folder of a local source (kept for clients that read only `path`). */
  path: z.string().optional(),
  /** Where workers get the code: a local folder, an uploaded bundle or a git repository. */
  source: DeploymentSourceSchema.optional(),
  parameters: z.record(z.string(), z.unknown()),
  parameterSchema: z.record(z.string(), z.unknown()).optional(),
  tags: z.array(z.string()),
  workPoolName: z.string().optional(),
  workQueueName: z.string().optional(),
  jobVariables: z.record(z.string(), z.unknown()),
  retries: z.number().int().nonnegative(),
  concurrencyLimit: z.number().int().nonnegative().optional(),
  collisionStrategy: CollisionStrategySchema,
  stalePolicy: StalePolicySchema,
  staleAfterSeconds: z.number().int().positive().optional(),
  paused: z.boolean(),
  schedules: z.array(DeploymentScheduleRecordSchema),
  status: WorkStatusSchema,
  createdAt: Millis,
  updatedAt: Millis,
});
/** A deployment. */
export type Deployment = z.infer<typeof DeploymentSchema>;

/** The most schedules a deployment may have. */
export const MAX_DEPLOYMENT_SCHEDULES = 50;

/** Refuses a list of schedules in which a slug names two. */
function refineUniqueSlugs(
  schedules: readonly { readonly slug?: string | undefined }[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Map<string, number>();
  for (const [index, schedule] of schedules.entries()) {
    if (schedule.slug === undefined) continue;
    const first = seen.get(schedule.slug);
    if (first === undefined) seen.set(schedule.slug, index);
    else
      ctx.addIssue({
        code: "custom",
        path: [index, "slug"],
        message: `slug '${schedule.slug}' is used by schedule ${first} already: a slug names one schedule`,
      });
  }
}

/** A deployment's schedules: at most 50, each slug used once. */
const SchedulesSchema = z
  .array(DeploymentScheduleSchema)
  .max(MAX_DEPLOYMENT_SCHEDULES)
  .superRefine(refineUniqueSlugs);

/**
 * Schedules to add to a deployment, its others untouched (`POST
 * /api/deployments/{id}/schedules`): 1–50, each slug used once, and not by a schedule the
 * deployment has; each `id` once. A schedule sent with an `id` the deployment has already
 * is not added again (a retried request).
 */
export const DeploymentSchedulesCreateSchema = z
  .array(NewDeploymentScheduleSchema)
  .min(1)
  .max(MAX_DEPLOYMENT_SCHEDULES)
  .superRefine(refineUniqueSlugs)
  .superRefine((schedules, ctx) => {
    const ids = schedules.map((schedule) => schedule.id);
    for (const [index, id] of ids.entries()) {
      if (id !== undefined && ids.indexOf(id) < index)
        ctx.addIssue({
          code: "custom",
          path: [index, "id"],
          message: `id '${id}' is given to schedule ${ids.indexOf(id)} already: each schedule has its own`,
        });
    }
  });
/** Schedules to add to a deployment. */
export type DeploymentSchedulesCreate = z.input<typeof DeploymentSchedulesCreateSchema>;

/**
 * A change to one schedule of a deployment (`PATCH
 * /api/deployments/{id}/schedules/{scheduleId}`); it keeps its id. Pausing it, or changing
 * its spec or parameters, removes its future unstarted runs (the scheduler plans them
 * again); `slug: null` removes its slug.
 */
export const DeploymentScheduleUpdateSchema = z
  .strictObject({
    /** When runs happen: a cron, interval or rrule schedule, replacing the stored one. */
    schedule: ScheduleSpecSchema.optional(),
    active: z.boolean().optional(),
    /** Parameters of the runs this schedule creates, over the deployment's defaults (replaced whole). */
    parameters: boundedJson(z.record(z.string(), z.unknown())).optional(),
    slug: z.string().min(1).max(200).nullable().optional(),
  })
  .refine((change) => Object.values(change).some((value) => value !== undefined), {
    message: "nothing to change: give schedule, active, parameters or slug",
  });
/** A change to one schedule of a deployment. */
export type DeploymentScheduleUpdate = z.input<typeof DeploymentScheduleUpdateSchema>;

const DeploymentFields = {
  description: z.string().max(5000).optional(),
  version: z.string().max(200).optional(),
  /** `path/to/file.ts:export`, relative to the source's folder (a bundle's or repository's root). */
  entrypoint: z.string().min(3).max(1000),
  /** The same as `source: { kind: "local", path }` (the older way to say it). */
  path: z.string().max(4000).optional(),
  /** Where workers get the code (default: `path`, when given, as a local source). */
  source: DeploymentSourceSchema.optional(),
  parameters: Parameters.default({}),
  parameterSchema: boundedJson(z.record(z.string(), z.unknown())).optional(),
  tags: z.array(z.string().min(1).max(200)).max(100).default([]),
  workPoolName: WorkPoolNameSchema.optional(),
  workQueueName: WorkPoolNameSchema.optional(),
  jobVariables: z.record(z.string(), JsonValueSchema).default({}),
  /** How often a failed or crashed run is retried (the SDK sends the flow's `retries`). */
  retries: z.number().int().min(0).max(1000).default(0),
  concurrencyLimit: z.number().int().min(0).max(100_000).optional(),
  collisionStrategy: CollisionStrategySchema.default("ENQUEUE"),
  stalePolicy: StalePolicySchema.default("RUN_ANYWAY"),
  staleAfterSeconds: z.number().int().min(1).max(31_536_000).optional(),
  paused: z.boolean().default(false),
  schedules: SchedulesSchema.default([]),
};

/**
 * What creating (or replacing: the pair flow name + name is unique) a deployment takes.
 * `schedules` replace the stored ones; the future runs of removed or changed schedules
 * are deleted.
 */
export const DeploymentCreateSchema = z
  .object({ flowName: z.string().min(1).max(200), name: DeploymentNameSchema, ...DeploymentFields })
  .refine((d) => d.stalePolicy !== "EXPIRE" || d.staleAfterSeconds !== undefined, {
    message: "stalePolicy EXPIRE needs staleAfterSeconds",
    path: ["staleAfterSeconds"],
  });
/** What creating a deployment takes. */
export type DeploymentCreate = z.input<typeof DeploymentCreateSchema>;

/** What updating a deployment may change; `schedules` replace the stored ones. */
export const DeploymentUpdateSchema = z.object({
  description: DeploymentFields.description,
  version: DeploymentFields.version,
  parameters: Parameters.optional(),
  tags: z.array(z.string().min(1).max(200)).max(100).optional(),
  jobVariables: z.record(z.string(), JsonValueSchema).optional(),
  concurrencyLimit: z.number().int().min(0).max(100_000).nullable().optional(),
  collisionStrategy: CollisionStrategySchema.optional(),
  paused: z.boolean().optional(),
  schedules: SchedulesSchema.optional(),
});
/** What updating a deployment may change. */
export type DeploymentUpdate = z.input<typeof DeploymentUpdateSchema>;

/** Which deployments to list. */
export const DeploymentFilterSchema = z.object({
  flowName: z.string().optional(),
  workPoolName: z.string().optional(),
  namePrefix: z.string().min(1).max(200).optional(),
  ids: z.array(Id).max(1000).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).max(100_000).default(0),
});
/** Which deployments to list. */
export type DeploymentFilter = z.input<typeof DeploymentFilterSchema>;

/** A run of a deployment, created now or for later. */
export const DeploymentRunCreateSchema = z.object({
  /** The run's id (a retried request with the same id returns the same run). */
  id: Id.optional(),
  name: z.string().min(1).max(200).optional(),
  /** Over the deployment's parameters; validated against its parameter schema. */
  parameters: Parameters.default({}),
  /** When the run should start (default: now). */
  scheduledTime: Millis.optional(),
  tags: z.array(z.string().min(1).max(200)).max(100).optional(),
  jobVariables: z.record(z.string(), JsonValueSchema).optional(),
  /** Links the run as a subflow of this flow run (`runDeployment` inside a flow). */
  parentFlowRunId: Id.optional(),
  parentTaskRunId: Id.optional(),
});
/** A run of a deployment. */
export type DeploymentRunCreate = z.input<typeof DeploymentRunCreateSchema>;

/** A claim of due runs of some deployments, by a `serve` process. */
export const DeploymentClaimSchema = z.object({
  deploymentIds: z.array(Id).min(1).max(100),
  workerName: WorkPoolNameSchema,
  limit: z.number().int().min(1).max(100).default(10),
  prefetchSeconds: z.number().min(0).max(3600).default(10),
  waitSeconds: z.number().min(0).max(30).default(0),
  /** Processes in which the claim starts a matching due run (as for a work-pool claim). */
  startIn: WaitingProcessesSchema,
});
/** A claim by a `serve` process. */
export type DeploymentClaim = z.input<typeof DeploymentClaimSchema>;

/** Runs for the past slots of a deployment's schedules. */
export const DeploymentBackfillSchema = z
  .object({
    from: Millis.max(MAX_SCHEDULE_TIME_MS),
    to: Millis.max(MAX_SCHEDULE_TIME_MS),
    maxRuns: z.number().int().min(1).max(10_000).default(1000),
  })
  .refine((b) => b.from === undefined || b.to === undefined || b.from <= b.to, {
    message: "from must not be after to",
    path: ["to"],
  });
/** A backfill request. */
export type DeploymentBackfill = z.input<typeof DeploymentBackfillSchema>;

/** What a backfill did. */
export const DeploymentBackfillResultSchema = z.object({
  created: z.number().int(),
  existing: z.number().int(),
  flowRunIds: z.array(Id),
});
/** What a backfill did. */
export type DeploymentBackfillResult = z.infer<typeof DeploymentBackfillResultSchema>;
