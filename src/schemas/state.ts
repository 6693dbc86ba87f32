/**
 * zod schemas of states and result references.
 *
 * @module
 */
import { z } from "zod";
import { EpochMillisSchema } from "./epoch-millis.js";
import { STATE_NAMES, STATE_TYPES, type StateName, type StateType } from "../states/state-type.js";

const ALL_NAMES = Object.values(STATE_NAMES).flat() as [StateName, ...StateName[]];

/** A state type. */
export const StateTypeSchema = z.enum(STATE_TYPES as [StateType, ...StateType[]]);
/** A state name. */
export const StateNameSchema = z.enum(ALL_NAMES);

/** Failure details. */
export const ErrorInfoSchema = z.object({
  name: z.string(),
  message: z.string(),
  code: z.string().optional(),
  stack: z.string().optional(),
});

/** A state as plain data; `timestamp` and `scheduledTime` are ms since the epoch. */
export const StateDataSchema = z
  .object({
    type: StateTypeSchema,
    name: StateNameSchema,
    timestamp: EpochMillisSchema,
    message: z.string().max(10_000).optional(),
    scheduledTime: EpochMillisSchema.optional(),
    error: ErrorInfoSchema.optional(),
  })
  .refine((s) => (STATE_NAMES[s.type] as readonly string[]).includes(s.name), {
    message: "the state name does not belong to the state type",
    path: ["name"],
  });

/** Where a run's result lives: inline serialized text, or a key in result storage. */
export const ResultRefSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("inline"), serializer: z.string(), data: z.string() }),
  z.object({ kind: z.literal("storage"), serializer: z.string(), storage: z.string(), key: z.string() }),
]);
