/**
 * The schema form's state and its transitions, without React: the fields, the draft, the
 * "Edit as JSON" text and mode, and whether problems are shown yet (after the first
 * submit). Pure.
 *
 * @example
 * ```ts
 * let state = initialFormState(schema, { n: 5 });
 * state = { ...state, draft: nextDraft };
 * const result = readForm(state); // { value, issues }
 * ```
 *
 * @module
 */
import type { FieldIssue } from "../../api/api-error.js";
import { draftOf, jsonIssues, readDraft, type Draft } from "./form-values.js";
import { fieldFor, type Field, type JsonSchema } from "./schema-fields.js";

/** The form's whole state. */
export interface SchemaFormState {
  /** The root field (an object of fields, or one JSON field when the schema is absent or not an object). */
  readonly root: Field;
  readonly mode: "form" | "json";
  readonly draft: Draft;
  /** The text of the "Edit as JSON" editor (meaningful in `json` mode). */
  readonly jsonText: string;
  /** False until the first submit: problems are shown from then on, live. */
  readonly showIssues: boolean;
}

/** What the form holds: the value to send, and the problems that block it. */
export interface FormReading {
  readonly value: unknown;
  readonly issues: readonly FieldIssue[];
}

const ANY_OBJECT: JsonSchema = { type: "object" };

/** The state of a form for `schema` (absent: a JSON editor of an object) holding `value` over the schema's defaults. */
export function initialFormState(schema: JsonSchema | undefined, value: unknown): SchemaFormState {
  const root = fieldFor(schema ?? ANY_OBJECT);
  const draft = draftOf(root, value);
  return {
    root,
    mode: "form",
    draft,
    jsonText: JSON.stringify(readDraft(root, draft).value ?? {}, null, 2),
    showIssues: false,
  };
}

/** True when the form can switch to fields (the schema describes an object's fields). */
export function hasFields(state: SchemaFormState): boolean {
  return state.root.kind !== "json";
}

/** The value and problems of the form, in either mode. */
export function readForm(state: SchemaFormState): FormReading {
  if (state.mode === "form") {
    const read = readDraft(state.root, state.draft);
    return { value: read.value ?? (state.root.kind === "object" ? {} : undefined), issues: read.issues };
  }
  let value: unknown;
  try {
    value = JSON.parse(state.jsonText) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { value: undefined, issues: [{ path: "", message: `is not valid JSON (${reason})` }] };
  }
  return { value, issues: jsonIssues(state.root, value) };
}

/** Switches to "Edit as JSON": the editor starts with the fields' current value (invalid inputs as typed). */
export function toJsonMode(state: SchemaFormState): SchemaFormState {
  if (state.mode === "json") return state;
  const { value } = readForm(state);
  return { ...state, mode: "json", jsonText: JSON.stringify(value ?? {}, null, 2) };
}

/**
 * Switches back to the fields, filled from the editor's JSON; the problem instead when
 * the text is not JSON (the state stays in JSON mode).
 */
export function toFormMode(state: SchemaFormState): SchemaFormState | { readonly problem: string } {
  if (state.mode === "form") return state;
  let value: unknown;
  try {
    value = JSON.parse(state.jsonText) as unknown;
  } catch (error) {
    return { problem: `The JSON cannot be read: ${error instanceof Error ? error.message : String(error)}` };
  }
  return { ...state, mode: "form", draft: draftOf(state.root, value) };
}
