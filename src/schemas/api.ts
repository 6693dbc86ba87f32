/**
 * zod schemas of the REST API's request and response bodies that are not domain objects:
 * a state proposal, a cache lookup, health answers. The server validates with them, the
 * OpenAPI document is generated from them, and the HTTP client sends them.
 *
 * @module
 */
import { z } from "zod";
import { boundedJson } from "./json-depth.js";
import { PauseInfoSchema } from "./pause.js";
import { ResultRefSchema, StateDataSchema, StateNameSchema, StateTypeSchema } from "./state.js";

/** The body of `POST /api/flow_runs/{id}/set_state`. */
export const SetFlowRunStateBodySchema = z.object({
  state: StateDataSchema,
  /** Step around the protective rules (operators only). */
  force: z.boolean().optional(),
  /** The delay before the next retry, when the proposal is a failure that may be retried. */
  retryDelayMs: z.number().int().min(0).max(31_536_000_000).optional(),
  /** False when the failure must not be retried. */
  retryable: z.boolean().optional(),
  /** The re-run of a failed or crashed run (durable resume). */
  rerun: z.boolean().optional(),
  /** The run's result, with a COMPLETED state. */
  result: ResultRefSchema.optional(),
  /**
   * A client-chosen key for this proposal: the same key sent again (a retried request)
   * answers the first decision and writes nothing.
   */
  idempotencyKey: z.string().min(1).max(200).optional(),
  /** With a PAUSED state: the pause's key, deadline and input schema. */
  pause: PauseInfoSchema.optional(),
  /** With a RUNNING state: the process now running the run. */
  process: z.object({ host: z.string().max(500), pid: z.number().int() }).optional(),
});
/** The body of a flow-run state proposal. */
export type SetFlowRunStateBody = z.input<typeof SetFlowRunStateBodySchema>;

/** The process that runs a flow run: its host name and process id. */
export const RunProcessSchema = z.object({
  host: z.string().min(1).max(255),
  pid: z.number().int().positive(),
});

/**
 * The body of `POST /api/flow_runs/{id}/start`: the process that takes a claimed run
 * (InfrastructurePending) asks for Pending then Running in one request.
 */
export const StartFlowRunBodySchema = z.object({
  /** The process that runs the run, recorded with Pending (for crash detection and cancellation). */
  process: RunProcessSchema,
  /**
   * A client-chosen key: the same key sent again (a retried request) answers the first
   * decision and writes nothing.
   */
  idempotencyKey: z.string().min(1).max(200).optional(),
});
/** The body of a flow-run start. */
export type StartFlowRunBody = z.input<typeof StartFlowRunBodySchema>;

/** The orchestration's answer to a proposed flow-run state. */
export const SetStateResultSchema = z.object({
  status: z.enum(["ACCEPT", "REJECT", "WAIT"]),
  state: StateDataSchema,
  reason: z.string().optional(),
  delayMs: z.number().int().nonnegative().optional(),
  runCount: z.number().int().nonnegative(),
});

/** The body of `POST /api/task_runs/cache_lookup`. */
export const CacheLookupSchema = z.object({
  cacheKey: z.string().min(1).max(2000),
  /** The time at which the result must still be valid, ms since the epoch. */
  now: z.number().int().nonnegative(),
});

/** The answer of a cache lookup: the hit, or `null`. */
export const CacheLookupResultSchema = z.object({
  hit: z.object({ cacheKey: z.string(), sourceRunId: z.string(), result: ResultRefSchema }).nullable(),
});

/** A path parameter holding an id. */
export const IdParamSchema = z.object({ id: z.string().min(1).max(64) });

/** The body of `POST /api/flows`: ensure a flow exists. */
export const FlowEnsureSchema = z.object({
  name: z.string().min(1).max(200),
  tags: z.array(z.string().max(200)).max(100).optional(),
  /** The JSON Schema of the flow's parameters (draft 2020-12, as `z.toJSONSchema` emits it). */
  parameterSchema: boundedJson(z.record(z.string(), z.unknown())).optional(),
});

/**
 * The answer of `POST /api/flow_runs/{id}/heartbeat`: the run's state as the server has
 * it, so the process running the run learns of a cancellation at its next heartbeat.
 */
export const FlowRunHeartbeatAnswerSchema = z.object({
  state: z.object({ type: StateTypeSchema, name: StateNameSchema }),
});

/** See {@link FlowRunHeartbeatAnswerSchema}. */
export type FlowRunHeartbeatAnswer = z.infer<typeof FlowRunHeartbeatAnswerSchema>;

/** The answer of the crash detector: the ids it marked Crashed. */
export const MarkedRunsSchema = z.object({ ids: z.array(z.string()) });

/** `GET /api/health` and `GET /api/ready`. */
export const HealthSchema = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["sqlite", "postgres"]).optional(),
});

/** `GET /api/version`. */
export const VersionSchema = z.object({
  version: z.string(),
  api: z.string(),
  database: z.enum(["sqlite", "postgres"]),
});

/** Every error response: `{ error: { code, message, details? } }`. */
export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
