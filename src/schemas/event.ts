/**
 * zod schemas of events: what happened (`ordo.flow-run.Completed`), to which resource
 * (labels, with `ordo.resource.id`), when, and with what payload.
 *
 * @module
 */
import { z } from "zod";
import { JsonValueSchema } from "./variable.js";

/** A resource: string labels, among them `ordo.resource.id`. */
export const ResourceSchema = z
  .record(z.string().max(200), z.string().max(2000))
  .refine((labels) => typeof labels["ordo.resource.id"] === "string", {
    message: "a resource needs an ordo.resource.id label",
  });

/** An event. Times are ms since the epoch. */
export const EventSchema = z.object({
  id: z.string(),
  occurred: z.number().int(),
  event: z.string(),
  resource: z.record(z.string(), z.string()),
  related: z.array(z.record(z.string(), z.string())),
  payload: z.record(z.string(), z.unknown()),
  received: z.number().int(),
});
/** An event. */
export type OrdoEvent = z.infer<typeof EventSchema>;

/** Emitting an event. */
export const EventCreateSchema = z.object({
  id: z.string().min(1).max(64).optional(),
  occurred: z.number().int().nonnegative().optional(),
  event: z.string().min(1).max(500),
  resource: ResourceSchema,
  related: z.array(ResourceSchema).max(100).default([]),
  payload: z.record(z.string(), JsonValueSchema).default({}),
});
/** Emitting an event. */
export type EventCreate = z.input<typeof EventCreateSchema>;

/** How a list of events is ordered: by id, i.e. the order the server recorded them. */
export const EventSortSchema = z.enum(["OLDEST", "NEWEST"]);
/** How a list of events is ordered. */
export type EventSort = z.infer<typeof EventSortSchema>;

/** Which events to read: oldest first unless `sort` says `NEWEST`. */
export const EventFilterSchema = z.object({
  /** Event names; a name ending in `*` matches by prefix (`ordo.flow-run.*`). */
  events: z.array(z.string().min(1).max(500)).max(50).optional(),
  /** The `ordo.resource.id` of the resource; ending in `*` matches by prefix. */
  resourceId: z.string().min(1).max(2000).optional(),
  since: z.number().int().optional(),
  until: z.number().int().optional(),
  /** Events recorded after this one (keyset pagination with `OLDEST`, and live tails). */
  afterId: z.string().max(64).optional(),
  /** Events recorded before this one (keyset pagination with `NEWEST`). */
  beforeId: z.string().max(64).optional(),
  /** `OLDEST` (default) or `NEWEST` first, by the order the server recorded them (the id). */
  sort: EventSortSchema.default("OLDEST"),
  limit: z.number().int().min(1).max(10_000).default(500),
});
/** Which events to read. */
export type EventFilter = z.input<typeof EventFilterSchema>;

/**
 * Which task-run state changes become events: `all` of them; `terminal`, the final state
 * of each task run (Completed, Cached, Failed, TimedOut, Crashed, Cancelled); `failures`,
 * the final states other than Completed and Cached; or none (`off`).
 */
export const TaskRunEventsSchema = z.enum(["all", "terminal", "failures", "off"]);
/** Which task-run state changes become events. */
export type TaskRunEvents = z.infer<typeof TaskRunEventsSchema>;

/** Which task-run state changes become events when `ORDO_TASK_RUN_EVENTS` is not set. */
export const DEFAULT_TASK_RUN_EVENTS: TaskRunEvents = "failures";
