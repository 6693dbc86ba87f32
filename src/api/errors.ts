/**
 * The errors the service layer raises: unknown ids and invalid input.
 *
 * @module
 */
import type { z } from "zod";
import { OrdoError } from "../errors/index.js";

/** `ORDO_NOT_FOUND` for the `kind` (e.g. `flow run`) with `id`. */
export function notFound(kind: string, id: string): OrdoError {
  return new OrdoError("ORDO_NOT_FOUND", `no ${kind} with id ${id}`, { kind, id });
}

/** Parses `input` with `schema` (applying its defaults); throws `ORDO_INVALID_INPUT` with the issues. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
  const first = issues[0];
  throw new OrdoError(
    "ORDO_INVALID_INPUT",
    `invalid ${what}${first === undefined ? "" : `: ${first.path === "" ? "" : `${first.path}: `}${first.message}`}`,
    { issues },
  );
}
