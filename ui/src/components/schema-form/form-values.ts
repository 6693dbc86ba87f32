/**
 * The schema form's values: a *draft* (what the inputs hold: texts, checkboxes, lists)
 * built from a JSON value, and the typed JSON value read back from a draft with a
 * validation message per dotted path (`config.retries: must be ≤ 10`). Pure.
 *
 * Draft shapes by field kind: text, number, integer, date, date-time, json → the input's
 * text; enum → the chosen option's index as text (`""`: none); boolean → the checkbox;
 * array → one draft per item; object → one draft per property.
 *
 * Empty inputs: an optional field left empty is left out of the value (so the server's
 * default applies); a required one is `is required`, or `null` when the schema allows
 * null. An optional object whose fields are all left empty is left out as a whole.
 *
 * @example
 * ```ts
 * const field = fieldFor(schema);
 * const draft = draftOf(field, { n: 5 });
 * const { value, issues } = readDraft(field, draft); // value: { n: 5 }, issues: []
 * ```
 *
 * @module
 */
import type { FieldIssue } from "../../api/api-error.js";
import { localInputToMillis, millisToLocalInput } from "./local-date-time.js";
import {
  characters,
  itemField,
  items,
  type ArrayField,
  type Field,
  type NumberField,
  type ObjectField,
  type TextField,
} from "./schema-fields.js";

/** What the inputs of a field hold. */
export type Draft = string | boolean | readonly Draft[] | { readonly [name: string]: Draft };

/** A value read from a draft (`undefined`: left out) and the problems found on the way. */
export interface ReadResult {
  readonly value: unknown;
  readonly issues: readonly FieldIssue[];
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function propertyName(field: Field): string {
  const dot = field.path.lastIndexOf(".");
  return dot < 0 ? field.path : field.path.slice(dot + 1);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The draft of `field` holding `value`; `undefined` takes the schema's default, else empty inputs. */
export function draftOf(field: Field, value: unknown): Draft {
  const given = value === undefined ? field.defaultValue : value;
  switch (field.kind) {
    case "text":
    case "date":
      return typeof given === "string"
        ? given
        : given === undefined || given === null
          ? ""
          : JSON.stringify(given);
    case "number":
    case "integer":
      return typeof given === "number" ? String(given) : typeof given === "string" ? given : "";
    case "date-time": {
      if (typeof given !== "string") return "";
      const ms = Date.parse(given);
      return Number.isNaN(ms) ? given : millisToLocalInput(ms);
    }
    case "boolean":
      return given === true;
    case "enum": {
      const index = field.options.findIndex((option) => sameJson(option.value, given));
      return index < 0 ? "" : String(index);
    }
    case "array":
      return Array.isArray(given) ? given.map((item, index) => draftOf(itemField(field, index), item)) : [];
    case "object": {
      const record = isRecord(given) ? given : {};
      return Object.fromEntries(
        field.fields.map((child) => [propertyName(child), draftOf(child, record[propertyName(child)])]),
      );
    }
    case "json":
      return given === undefined ? "" : JSON.stringify(given, null, 2);
  }
}

const ok = (value: unknown): ReadResult => ({ value, issues: [] });
const bad = (field: Field, message: string, value: unknown = undefined): ReadResult => ({
  value,
  issues: [{ path: field.path, message }],
});

/** An empty input: left out, `null`, or `is required`. */
function empty(field: Field): ReadResult {
  if (!field.required) return ok(undefined);
  if (field.nullable) return ok(null);
  return bad(field, "is required");
}

function readNumber(field: NumberField, text: string): ReadResult {
  const trimmed = text.trim();
  if (trimmed === "") return empty(field);
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return bad(field, "must be a number", text);
  if (field.kind === "integer" && !Number.isInteger(value))
    return bad(field, "must be a whole number", value);
  if (field.minimum !== undefined && value < field.minimum)
    return bad(field, `must be ≥ ${field.minimum}`, value);
  if (field.exclusiveMinimum !== undefined && value <= field.exclusiveMinimum)
    return bad(field, `must be > ${field.exclusiveMinimum}`, value);
  if (field.maximum !== undefined && value > field.maximum)
    return bad(field, `must be ≤ ${field.maximum}`, value);
  if (field.exclusiveMaximum !== undefined && value >= field.exclusiveMaximum)
    return bad(field, `must be < ${field.exclusiveMaximum}`, value);
  if (field.multipleOf !== undefined && field.multipleOf > 0) {
    const ratio = value / field.multipleOf;
    if (Math.abs(ratio - Math.round(ratio)) > 1e-9)
      return bad(field, `must be a multiple of ${field.multipleOf}`, value);
  }
  return ok(value);
}

function patternProblem(pattern: string, text: string): boolean {
  try {
    return !new RegExp(pattern, "u").test(text);
  } catch {
    return false; // a pattern this browser cannot read: the server decides
  }
}

function readText(field: TextField, text: string): ReadResult {
  if (text === "") return empty(field);
  const length = [...text].length;
  if (field.minLength !== undefined && length < field.minLength)
    return bad(field, `must be at least ${characters(field.minLength)}`, text);
  if (field.maxLength !== undefined && length > field.maxLength)
    return bad(field, `must be at most ${characters(field.maxLength)}`, text);
  if (field.pattern !== undefined && patternProblem(field.pattern, text))
    return bad(field, `must match the pattern ${field.pattern}`, text);
  return ok(text);
}

function readDate(field: Field, text: string): ReadResult {
  const trimmed = text.trim();
  if (trimmed === "") return empty(field);
  const match = DATE.exec(trimmed);
  if (match !== null) {
    const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    if (date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day)
      return ok(trimmed);
  }
  return bad(field, "must be a date (YYYY-MM-DD)", text);
}

function readDateTime(field: Field, text: string): ReadResult {
  if (text.trim() === "") return empty(field);
  const ms = localInputToMillis(text);
  return ms === undefined ? bad(field, "must be a date and time", text) : ok(new Date(ms).toISOString());
}

function readJson(field: Field, text: string): ReadResult {
  if (text.trim() === "") return empty(field);
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return bad(field, `is not valid JSON (${error instanceof Error ? error.message : String(error)})`, text);
  }
  const type = field.schema["type"];
  if (type === "object" && !isRecord(value)) return bad(field, "must be a JSON object", value);
  if (type === "array" && !Array.isArray(value)) return bad(field, "must be a JSON array", value);
  return ok(value);
}

function readArray(field: ArrayField, drafts: readonly Draft[]): ReadResult {
  const issues: FieldIssue[] = [];
  const values = drafts.map((draft, index) => {
    const item = readDraft(itemField(field, index), draft);
    issues.push(...item.issues);
    return item.value;
  });
  if (values.length === 0 && !field.required && field.defaultValue === undefined)
    return { value: undefined, issues };
  if (field.minItems !== undefined && values.length < field.minItems)
    issues.push({ path: field.path, message: `must have at least ${items(field.minItems)}` });
  if (field.maxItems !== undefined && values.length > field.maxItems)
    issues.push({ path: field.path, message: `must have at most ${items(field.maxItems)}` });
  return { value: values, issues };
}

function readObject(field: ObjectField, drafts: { readonly [name: string]: Draft }): ReadResult {
  const issues: FieldIssue[] = [];
  const value: Record<string, unknown> = {};
  for (const child of field.fields) {
    const name = propertyName(child);
    const read = readDraft(child, drafts[name] ?? draftOf(child, undefined));
    issues.push(...read.issues);
    if (read.value !== undefined) value[name] = read.value;
  }
  const nothingGiven = Object.keys(value).length === 0;
  if (nothingGiven && !field.required && field.path !== "") return ok(undefined);
  return { value, issues };
}

/**
 * The JSON value of `draft` read as `field` says, with a problem per invalid input.
 * Invalid inputs keep their text in `value` (so "Edit as JSON" shows what was typed).
 * The root object (path `""`) is never left out: it reads as `{}` at least.
 */
export function readDraft(field: Field, draft: Draft): ReadResult {
  switch (field.kind) {
    case "text":
      return readText(field, typeof draft === "string" ? draft : "");
    case "number":
    case "integer":
      return readNumber(field, typeof draft === "string" ? draft : "");
    case "date":
      return readDate(field, typeof draft === "string" ? draft : "");
    case "date-time":
      return readDateTime(field, typeof draft === "string" ? draft : "");
    case "json":
      return readJson(field, typeof draft === "string" ? draft : "");
    case "boolean":
      if (draft === true) return ok(true);
      // An optional checkbox without a default that stays unticked sends nothing.
      return field.required || field.defaultValue !== undefined ? ok(false) : ok(undefined);
    case "enum": {
      const index = typeof draft === "string" && draft !== "" ? Number(draft) : -1;
      const option = field.options[index];
      return option === undefined ? empty(field) : ok(option.value);
    }
    case "array":
      return readArray(field, Array.isArray(draft) ? (draft as readonly Draft[]) : []);
    case "object":
      return readObject(
        field,
        typeof draft === "object" && !Array.isArray(draft)
          ? (draft as { readonly [name: string]: Draft })
          : {},
      );
  }
}

/**
 * The problems a draft cannot show: a value of the wrong kind for a checkbox or a select
 * (a draft would read it as unticked or none), found in the value itself.
 */
function kindIssues(field: Field, value: unknown, out: FieldIssue[]): void {
  if (value === undefined || (value === null && field.nullable)) return;
  switch (field.kind) {
    case "boolean":
      if (typeof value !== "boolean") out.push({ path: field.path, message: "must be true or false" });
      return;
    case "enum":
      if (!field.options.some((option) => sameJson(option.value, value)))
        out.push({
          path: field.path,
          message: `must be one of ${field.options.map((option) => option.label).join(", ")}`,
        });
      return;
    case "object":
      if (isRecord(value))
        for (const child of field.fields) kindIssues(child, value[propertyName(child)], out);
      return;
    case "array":
      if (Array.isArray(value))
        value.forEach((item, index) => kindIssues(itemField(field, index), item, out));
      return;
    default:
      return;
  }
}

/**
 * The problems of a JSON value (typed in "Edit as JSON") as the form sees them: the
 * value is read into a draft and back, and checkboxes and selects check their values.
 * Values the form cannot show (extra keys) are left to the server.
 */
export function jsonIssues(field: Field, value: unknown): readonly FieldIssue[] {
  if (field.kind === "object" && !isRecord(value))
    return [{ path: field.path, message: "must be a JSON object" }];
  const issues: FieldIssue[] = [];
  kindIssues(field, value, issues);
  const flagged = new Set(issues.map((issue) => issue.path));
  // A wrongly typed checkbox or select reads as empty ("is required"): its own problem says more.
  issues.push(...readDraft(field, draftOf(field, value)).issues.filter((issue) => !flagged.has(issue.path)));
  return issues;
}
