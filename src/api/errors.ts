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

/** `ORDO_NOT_FOUND` for the `kind` (e.g. `work pool`) named `name`. */
export function notFoundNamed(kind: string, name: string): OrdoError {
  return new OrdoError("ORDO_NOT_FOUND", `no ${kind} named ${name}`, { kind, name });
}

/**
 * `ORDO_INVALID_INPUT` for zod issues found in `what` (e.g. `request body`): the message
 * names the first offending field, `details.issues` lists them all as `{ path, message }`.
 */
export function invalidInput(zodIssues: readonly z.core.$ZodIssue[], what: string): OrdoError {
  const issues = zodIssues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const first = issues[0];
  return new OrdoError(
    "ORDO_INVALID_INPUT",
    `invalid ${what}${first === undefined ? "" : `: ${first.path === "" ? "" : `${first.path}: `}${first.message}`}`,
    { issues },
  );
}

/** Parses `input` with `schema` (applying its defaults); throws `ORDO_INVALID_INPUT` with the issues. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidInput(parsed.error.issues, what);
}
