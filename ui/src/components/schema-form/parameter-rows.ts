/**
 * A parameter JSON Schema as rows of a table, for reading (a flow's page): one row per
 * parameter, nested objects flattened to dotted names. Pure.
 *
 * @example
 * ```ts
 * parameterRows({ type: "object", properties: { n: { type: "integer", default: 5 } } });
 * // → [{ name: "n", type: "integer", required: false, defaultValue: "5", description: "" }]
 * ```
 *
 * @module
 */
import { constraintText, fieldFor, type Field, type JsonSchema } from "./schema-fields.js";

/** One parameter as a person reads it. */
export interface ParameterRow {
  /** The dotted path (`config.retries`). */
  readonly name: string;
  /** "integer", "string", "\"full\" | \"incremental\"", "array of string", … */
  readonly type: string;
  /** Bounds and formats ("≥ 1, ≤ 10"), `""` when none. */
  readonly constraints: string;
  readonly required: boolean;
  /** The default as JSON text, `""` when none. */
  readonly defaultValue: string;
  readonly description: string;
}

/** The type of a field in words. */
export function typeText(field: Field): string {
  switch (field.kind) {
    case "text":
      return "string";
    case "number":
    case "integer":
    case "boolean":
    case "date":
    case "date-time":
    case "object":
      return field.kind;
    case "enum":
      return field.options.map((option) => JSON.stringify(option.value)).join(" | ");
    case "array":
      return `array of ${typeText(fieldFor(field.itemSchema, { root: field.root }))}`;
    case "json": {
      const type = field.schema["type"];
      if (Array.isArray(type)) return type.map(String).join(" | ");
      if (type === "object") return "object (any keys)";
      if (Array.isArray(field.schema["anyOf"]) || Array.isArray(field.schema["oneOf"]))
        return "one of several types";
      return typeof type === "string" ? type : "any JSON";
    }
  }
}

/** The constraints without the words the type and the required column already say. */
function constraintsOf(field: Field): string {
  const redundant = new Set([
    "optional",
    "whole number",
    "number",
    "date",
    "JSON",
    "date and time",
    "your time zone",
  ]);
  return constraintText(field)
    .split(", ")
    .filter((part) => part !== "" && !redundant.has(part))
    .join(", ");
}

function rowsOf(field: Field, out: ParameterRow[]): void {
  if (field.path !== "") {
    out.push({
      name: field.path,
      type: typeText(field),
      constraints: constraintsOf(field),
      required: field.required,
      defaultValue: field.defaultValue === undefined ? "" : JSON.stringify(field.defaultValue),
      description: field.description ?? "",
    });
  }
  if (field.kind === "object") for (const child of field.fields) rowsOf(child, out);
}

/** The parameters of `schema`, in order, nested objects' fields after their object. */
export function parameterRows(schema: JsonSchema): ParameterRow[] {
  const out: ParameterRow[] = [];
  rowsOf(fieldFor(schema), out);
  return out;
}
