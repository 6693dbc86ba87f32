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

/** "is not a parameter of flow etl (its parameters: limit, table)", for an unexpected key. */
export function unexpectedParameterMessage(
  schema: Readonly<Record<string, unknown>>,
  flowName: string,
): string {
  const properties = schema["properties"] as Record<string, unknown>;
  const names = Object.keys(properties).sort();
  const known = names.length === 0 ? "it takes none" : `its parameters: ${names.join(", ")}`;
  return `is not a parameter of flow ${flowName} (${known})`;
}
