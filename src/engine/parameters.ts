/**
 * Flow parameters: validated with the flow's zod schema before anything is written.
 *
 * @module
 */
import { z } from "zod";
import { OrdoError } from "../errors/ordo-error.js";
import type { FlowDefinition } from "./definitions.js";

/** Validated parameters: what the caller passed, and what the flow receives. */
export interface ValidatedParameters {
  readonly input: Readonly<Record<string, unknown>>;
  readonly value: unknown;
}

function pathOf(path: readonly PropertyKey[]): string {
  return path.length === 0 ? "(parameters)" : path.map(String).join(".");
}

/**
 * Validates `input` against the flow's `params` schema. Invalid parameters throw
 * `ORDO_INVALID_PARAMETERS`, naming each field and what is wrong with it.
 *
 * @example
 * ```ts
 * validateParameters(def, { limit: "x" }); // throws: invalid parameters for flow 'etl': limit: expected number…
 * ```
 */
export function validateParameters(
  def: FlowDefinition,
  input: Readonly<Record<string, unknown>>,
): ValidatedParameters {
  const schema = def.options.params;
  if (schema === undefined) return { input, value: input };
  const parsed = schema.safeParse(input);
  if (parsed.success) return { input, value: parsed.data };
  const issues = parsed.error.issues.map((issue) => ({ field: pathOf(issue.path), message: issue.message }));
  const summary = issues.map((i) => `${i.field}: ${i.message}`).join("; ");
  throw new OrdoError("ORDO_INVALID_PARAMETERS", `invalid parameters for flow '${def.name}': ${summary}`, {
    flow: def.name,
    field: issues[0]?.field,
    issues,
  });
}

/** The JSON Schema of a flow's parameters (an open object when it has no schema). */
export function parameterJsonSchema(def: FlowDefinition): Record<string, unknown> {
  const schema = def.options.params;
  if (schema === undefined) return { type: "object", additionalProperties: true };
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
}
