/**
 * Validating JSON values against JSON Schemas (draft 2020-12, as zod emits them) with ajv.
 * Compiled validators are cached by the schema's text.
 *
 * @module
 */
import { createRequire } from "node:module";
import type * as AjvModule from "ajv/dist/2020.js";
import type { Ajv2020, ValidateFunction } from "ajv/dist/2020.js";
import { OrdoError } from "../errors/index.js";

let instance: Ajv2020 | undefined;

/**
 * The validator, made on first use: loading ajv and compiling its meta-schemas costs
 * about 0.1 s, which a process that never validates (`ordo run` of a flow whose schema
 * is stored already) does not pay.
 */
function ajv(): Ajv2020 {
  if (instance === undefined) {
    const { Ajv2020: Ajv } = createRequire(import.meta.url)("ajv/dist/2020.js") as typeof AjvModule;
    instance = new Ajv({ allErrors: true, strict: false, useDefaults: false });
  }
  return instance;
}

const cache = new Map<string, ValidateFunction>();
const MAX_CACHED = 500;

/** A compiled validator for `schema`; throws `ORDO_INVALID_INPUT` when it is not a valid JSON Schema. */
export function compileJsonSchema(schema: Record<string, unknown>, what: string): ValidateFunction {
  const key = JSON.stringify(schema);
  let validate = cache.get(key);
  if (validate === undefined) {
    try {
      validate = ajv().compile(schema);
    } catch (error) {
      throw new OrdoError(
        "ORDO_INVALID_INPUT",
        `invalid ${what}: not a valid JSON Schema (${error instanceof Error ? error.message : String(error)})`,
        { field: what },
      );
    }
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(key, validate);
  }
  return validate;
}

/** The issues of `value` against `schema`, as `{ path, message }` with dotted paths; empty when valid. */
export function jsonSchemaIssues(
  schema: Record<string, unknown>,
  value: unknown,
  what: string,
): { path: string; message: string }[] {
  const validate = compileJsonSchema(schema, what);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => {
    const base = error.instancePath.split("/").filter((p) => p !== "");
    if (error.keyword === "additionalProperties") {
      // Named by the field itself, not by the object that holds it.
      const field = String(error.params.additionalProperty);
      return { path: [...base, field].join("."), message: "is not allowed (not a property of the schema)" };
    }
    const missing = error.keyword === "required" ? [String(error.params.missingProperty)] : [];
    return { path: [...base, ...missing].join("."), message: error.message ?? "is invalid" };
  });
}
