/**
 * Small helpers that keep route declarations short: JSON bodies, JSON answers and the
 * error answers every route shares.
 *
 * @module
 */
import type { z } from "zod";
import { ErrorBodySchema } from "../schemas/index.js";

/** A JSON request body validated by `schema`. */
export function jsonBody<S extends z.ZodType>(schema: S, description?: string) {
  return {
    required: true,
    description,
    content: { "application/json": { schema } },
  } as const;
}

/** A JSON answer shaped by `schema`. */
export function jsonAnswer<S extends z.ZodType>(schema: S, description: string) {
  return { description, content: { "application/json": { schema } } } as const;
}

const errorAnswer = (description: string) => jsonAnswer(ErrorBodySchema, description);

/** The error answers of a route that reads by id and takes a body. */
export const ERROR_ANSWERS = {
  400: errorAnswer("Malformed JSON (`ORDO_MALFORMED_JSON`)"),
  404: errorAnswer("Unknown id (`ORDO_NOT_FOUND`)"),
  413: errorAnswer("Body too large (`ORDO_PAYLOAD_TOO_LARGE`)"),
  422: errorAnswer("Invalid body; `details.issues` names each field (`ORDO_INVALID_INPUT`)"),
  503: errorAnswer("Database busy or unavailable; retry (`ORDO_DATABASE_BUSY`)"),
} as const;
