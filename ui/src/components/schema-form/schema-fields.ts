/**
 * A parameter JSON Schema (draft 2020-12, as the server stores it: `z.toJSONSchema` with
 * `io: "input"`) read as a model of form fields: which input each value gets, its label,
 * help, constraints and default. Pure: no React, no DOM.
 *
 * Glossary: a *path* is the dotted name of a value inside the form's root value
 * (`config.retries`, `items.0`); the root's path is `""`.
 *
 * @example
 * ```ts
 * const root = fieldFor({ type: "object", properties: { n: { type: "integer", maximum: 10 } } });
 * // root.kind === "object"; root.fields[0] → { kind: "integer", path: "n", label: "n", maximum: 10, … }
 * ```
 *
 * @module
 */

/** A JSON Schema (object form). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** The input kinds a field can have; `json` is the textarea fallback for anything else. */
export type FieldKind =
  "text" | "number" | "integer" | "boolean" | "enum" | "date" | "date-time" | "array" | "object" | "json";

/** What every field has. */
interface FieldBase {
  /** The dotted path of the value (`""` for the root). */
  readonly path: string;
  /** The parameter's title, or its name (the last path segment). */
  readonly label: string;
  readonly description?: string | undefined;
  /** False when the value may be left out. */
  readonly required: boolean;
  /** True when `null` is an allowed value. */
  readonly nullable: boolean;
  /** The schema's `default`, when it has one. */
  readonly defaultValue?: unknown;
  /** The (dereferenced) schema of the value. */
  readonly schema: JsonSchema;
}

/** A text input. */
export interface TextField extends FieldBase {
  readonly kind: "text";
  readonly minLength?: number | undefined;
  readonly maxLength?: number | undefined;
  readonly pattern?: string | undefined;
  /** A `format` other than date / date-time (`email`, `uri`, …): shown as help. */
  readonly format?: string | undefined;
}

/** A number input (`integer` accepts whole numbers only). */
export interface NumberField extends FieldBase {
  readonly kind: "number" | "integer";
  readonly minimum?: number | undefined;
  readonly maximum?: number | undefined;
  readonly exclusiveMinimum?: number | undefined;
  readonly exclusiveMaximum?: number | undefined;
  readonly multipleOf?: number | undefined;
}

/** A checkbox. */
export interface BooleanField extends FieldBase {
  readonly kind: "boolean";
}

/** A select of fixed values (`enum` or `const`). */
export interface EnumField extends FieldBase {
  readonly kind: "enum";
  readonly options: readonly { readonly label: string; readonly value: unknown }[];
}

/** A date (`YYYY-MM-DD`) or date-time (ISO 8601, sent in UTC) input. */
export interface DateField extends FieldBase {
  readonly kind: "date" | "date-time";
}

/** A list of items that can be added and removed. */
export interface ArrayField extends FieldBase {
  readonly kind: "array";
  /** The schema of each item (build an item's field with {@link itemField}). */
  readonly itemSchema: JsonSchema;
  readonly minItems?: number | undefined;
  readonly maxItems?: number | undefined;
  /** The root schema, to resolve `$ref`s inside items. */
  readonly root: JsonSchema;
}

/** A group of named fields (a fieldset, or the form itself at the root). */
export interface ObjectField extends FieldBase {
  readonly kind: "object";
  readonly fields: readonly Field[];
}

/** A JSON textarea: unions, records, `{}` and anything the form cannot show. */
export interface JsonField extends FieldBase {
  readonly kind: "json";
}

/** One field of the form. */
export type Field =
  TextField | NumberField | BooleanField | EnumField | DateField | ArrayField | ObjectField | JsonField;

/** Where a field sits and how it is read. */
export interface FieldPlace {
  readonly path: string;
  /** The property name, the label when the schema has no title. */
  readonly name: string;
  readonly required: boolean;
  /** The root schema, for `$ref`. */
  readonly root: JsonSchema;
  readonly depth: number;
}

const MAX_DEPTH = 12;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Resolves a local `$ref` (`#/$defs/X`, `#/definitions/X`, `#`) against `root`; `undefined` when it cannot. */
export function resolveRef(ref: string, root: JsonSchema): JsonSchema | undefined {
  if (ref === "#") return root;
  if (!ref.startsWith("#/")) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split("/")) {
    const key = decodeURIComponent(raw).replaceAll("~1", "/").replaceAll("~0", "~");
    if (!isSchema(node)) return undefined;
    node = node[key];
  }
  return isSchema(node) ? node : undefined;
}

/** `schema` with its `$ref` followed (sibling keywords win over the target's); `undefined` for a dangling ref. */
function dereference(schema: JsonSchema, root: JsonSchema): JsonSchema | undefined {
  let current = schema;
  for (let hops = 0; typeof current["$ref"] === "string"; hops++) {
    if (hops > MAX_DEPTH) return undefined;
    const target = resolveRef(current["$ref"], root);
    if (target === undefined) return undefined;
    const { $ref: _ref, ...rest } = current;
    current = { ...target, ...rest };
  }
  return current;
}

/** The schema without its `null` alternative, and whether there was one. */
function withoutNull(schema: JsonSchema, root: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  const type = schema["type"];
  if (Array.isArray(type) && type.includes("null")) {
    const rest = type.filter((t) => t !== "null");
    return { schema: { ...schema, type: rest.length === 1 ? rest[0] : rest }, nullable: true };
  }
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    const isNull = (b: unknown) => isSchema(b) && b["type"] === "null";
    const others = branches.filter((b) => !isNull(b));
    if (others.length === 1 && others.length < branches.length && isSchema(others[0])) {
      const { [key]: _union, ...rest } = schema;
      const branch = dereference(others[0], root) ?? others[0];
      return { schema: { ...branch, ...rest }, nullable: true };
    }
  }
  return { schema, nullable: false };
}

function enumOptions(schema: JsonSchema): EnumField["options"] | undefined {
  const values = Array.isArray(schema["enum"])
    ? schema["enum"]
    : "const" in schema
      ? [schema["const"]]
      : undefined;
  if (values === undefined || values.length === 0) return undefined;
  return values.map((value: unknown) => ({
    label: typeof value === "string" ? value : JSON.stringify(value),
    value,
  }));
}

function kindOf(schema: JsonSchema): FieldKind {
  if (enumOptions(schema) !== undefined) return "enum";
  const type = schema["type"];
  if (typeof type !== "string") return "json";
  switch (type) {
    case "string": {
      const format = schema["format"];
      if (format === "date") return "date";
      if (format === "date-time") return "date-time";
      return "text";
    }
    case "number":
    case "integer":
    case "boolean":
      return type;
    case "array":
      return isSchema(schema["items"]) && !Array.isArray(schema["prefixItems"]) ? "array" : "json";
    case "object":
      // A record (`additionalProperties` only) is edited as JSON; `{}` of properties is an object without fields.
      return isSchema(schema["properties"]) ? "object" : "json";
    default:
      return "json";
  }
}

/**
 * The field of the value at `place` described by `schema`. Unions (other than with
 * `null`), records, tuples, unknown `$ref`s and empty schemas become `json` fields.
 */
export function fieldFor(schema: JsonSchema, place: Partial<FieldPlace> = {}): Field {
  const root = place.root ?? schema;
  const depth = place.depth ?? 0;
  const path = place.path ?? "";
  const resolved = depth > MAX_DEPTH ? undefined : dereference(schema, root);
  const { schema: own, nullable } = withoutNull(resolved ?? {}, root);
  const base: FieldBase = {
    path,
    label: stringOf(own["title"]) ?? place.name ?? "",
    description: stringOf(own["description"]),
    required: place.required ?? true,
    nullable,
    ...("default" in own ? { defaultValue: own["default"] } : {}),
    schema: own,
  };
  const kind = resolved === undefined ? "json" : kindOf(own);
  switch (kind) {
    case "text":
      return {
        ...base,
        kind,
        minLength: numberOf(own["minLength"]),
        maxLength: numberOf(own["maxLength"]),
        pattern: stringOf(own["pattern"]),
        format: stringOf(own["format"]),
      };
    case "number":
    case "integer":
      return {
        ...base,
        kind,
        minimum: numberOf(own["minimum"]),
        maximum: numberOf(own["maximum"]),
        exclusiveMinimum: numberOf(own["exclusiveMinimum"]),
        exclusiveMaximum: numberOf(own["exclusiveMaximum"]),
        multipleOf: numberOf(own["multipleOf"]),
      };
    case "enum":
      return { ...base, kind, options: enumOptions(own) ?? [] };
    case "array":
      return {
        ...base,
        kind,
        itemSchema: own["items"] as JsonSchema,
        minItems: numberOf(own["minItems"]),
        maxItems: numberOf(own["maxItems"]),
        root,
      };
    case "object": {
      const properties = own["properties"] as Record<string, unknown>;
      const required = new Set(Array.isArray(own["required"]) ? own["required"].map(String) : []);
      const fields = Object.entries(properties).map(([name, child]) =>
        fieldFor(isSchema(child) ? child : {}, {
          path: path === "" ? name : `${path}.${name}`,
          name,
          required: required.has(name),
          root,
          depth: depth + 1,
        }),
      );
      return { ...base, kind, fields };
    }
    case "boolean":
    case "date":
    case "date-time":
    case "json":
      return { ...base, kind };
  }
}

/** The field of item `index` of `array`, labelled "tags 1", "tags 2", … (items are always required). */
export function itemField(array: ArrayField, index: number): Field {
  const item = fieldFor(array.itemSchema, {
    path: array.path === "" ? String(index) : `${array.path}.${index}`,
    required: true,
    root: array.root,
    depth: array.path.split(".").length + 1,
  });
  return { ...item, label: `${array.label} ${index + 1}` };
}

/** "1 character", "3 characters". */
export function characters(count: number): string {
  return `${count} character${count === 1 ? "" : "s"}`;
}

/** "1 item", "3 items". */
export function items(count: number): string {
  return `${count} item${count === 1 ? "" : "s"}`;
}

/** Bounds that only restate the number type (zod's safe-integer range) say nothing to a person. */
function meaningful(bound: number | undefined): bound is number {
  return bound !== undefined && Math.abs(bound) < Number.MAX_SAFE_INTEGER;
}

/**
 * A short help line of a field's type and constraints: "integer, 1 to 100", "optional",
 * "YYYY-MM-DD", "JSON". Empty when there is nothing to say.
 */
export function constraintText(field: Field): string {
  const parts: string[] = [];
  switch (field.kind) {
    case "integer":
    case "number": {
      parts.push(field.kind === "integer" ? "whole number" : "number");
      const low = meaningful(field.minimum) ? `≥ ${field.minimum}` : undefined;
      const lowEx = meaningful(field.exclusiveMinimum) ? `> ${field.exclusiveMinimum}` : undefined;
      const high = meaningful(field.maximum) ? `≤ ${field.maximum}` : undefined;
      const highEx = meaningful(field.exclusiveMaximum) ? `< ${field.exclusiveMaximum}` : undefined;
      for (const part of [low ?? lowEx, high ?? highEx]) if (part !== undefined) parts.push(part);
      if (field.multipleOf !== undefined) parts.push(`multiple of ${field.multipleOf}`);
      break;
    }
    case "text":
      if (field.minLength !== undefined && field.minLength > 0)
        parts.push(`at least ${characters(field.minLength)}`);
      if (field.maxLength !== undefined) parts.push(`at most ${characters(field.maxLength)}`);
      if (field.format !== undefined) parts.push(field.format);
      break;
    case "date":
      parts.push("date");
      break;
    case "date-time":
      parts.push("date and time, your time zone");
      break;
    case "array":
      if (field.minItems !== undefined && field.minItems > 0) parts.push(`at least ${items(field.minItems)}`);
      if (field.maxItems !== undefined) parts.push(`at most ${items(field.maxItems)}`);
      break;
    case "json":
      parts.push("JSON");
      break;
    case "boolean":
    case "enum":
    case "object":
      break;
  }
  if (!field.required) parts.push("optional");
  if (field.nullable) parts.push("may be empty (null)");
  return parts.join(", ");
}
