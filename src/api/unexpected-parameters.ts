/**
 * Parameters a flow would drop without a word. A flow's `params: z.object({ … })` strips
 * keys it does not name, so `--param nmae=Ada` would run with the default `name`; runs
 * are refused instead, naming the key and the flow's parameters (Prefect refuses them
 * too, when the run starts).
 *
 * @module
 */

/**
 * The top-level keys of `parameters` that `schema` does not name, when `schema` is an
 * object schema that lists its properties and says nothing of others (what `z.object`
 * emits: no `additionalProperties`). Empty for any other schema: `z.looseObject`,
 * `.catchall()`, records, unions, or a flow without a schema.
 *
 * @example
 * ```ts
 * unexpectedParameters({ type: "object", properties: { name: {} } }, { nmae: "Ada" }); // ["nmae"]
 * ```
 */
export function unexpectedParameters(
  schema: Readonly<Record<string, unknown>>,
  parameters: Readonly<Record<string, unknown>>,
): string[] {
  if (schema["type"] !== "object") return [];
  const open = ["additionalProperties", "patternProperties", "unevaluatedProperties"];
  if (open.some((keyword) => keyword in schema)) return [];
  const properties = schema["properties"];
  if (typeof properties !== "object" || properties === null || Array.isArray(properties)) return [];
  return Object.keys(parameters).filter((key) => !Object.hasOwn(properties, key));
}

/** A parameter `schema` does not name: its key, and what is wrong with it. */
export interface UnexpectedParameterIssue {
  readonly path: string;
  /** "is not a parameter of flow etl (its parameters: limit, table)". */
  readonly message: string;
}

/**
 * {@link unexpectedParameters} as issues naming each key and the flow's parameters, for
 * `ORDO_INVALID_PARAMETERS` (the server's check of runs and deployments, `ordo run`).
 *
 * @example
 * ```ts
 * unexpectedParameterIssues(schema, { lmit: 5 }, "etl");
 * // [{ path: "lmit", message: "is not a parameter of flow etl (its parameters: limit, table)" }]
 * ```
 */
export function unexpectedParameterIssues(
  schema: Readonly<Record<string, unknown>>,
  parameters: Readonly<Record<string, unknown>>,
  flowName: string,
): UnexpectedParameterIssue[] {
  const unexpected = unexpectedParameters(schema, parameters);
  if (unexpected.length === 0) return [];
  // unexpectedParameters found keys, so the schema lists its properties.
  const names = Object.keys(schema["properties"] as Record<string, unknown>).sort();
  const known = names.length === 0 ? "it takes none" : `its parameters: ${names.join(", ")}`;
  const message = `is not a parameter of flow ${flowName} (${known})`;
  return unexpected.map((path) => ({ path, message }));
}
