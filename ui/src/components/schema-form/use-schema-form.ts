/**
 * The schema form's state in React: the pure transitions of `form-state.ts` behind
 * `useState`, and `submit()` that validates, shows the problems and focuses the first.
 *
 * @module
 */
import { useCallback, useMemo, useState } from "react";
import type { Draft } from "./form-values.js";
import {
  initialFormState,
  readForm,
  toFormMode,
  toJsonMode,
  type FormReading,
  type SchemaFormState,
} from "./form-state.js";
import type { JsonSchema } from "./schema-fields.js";

/** The id of the input of the value at `path` in the form with `idPrefix`. */
export function fieldId(idPrefix: string, path: string): string {
  return `${idPrefix}-${path === "" ? "root" : path.replace(/[^A-Za-z0-9_-]/g, (c) => (c === "." ? "__" : "_"))}`;
}

/** The id of a form's "Edit as JSON" editor. */
export function jsonEditorId(idPrefix: string): string {
  return `${idPrefix}--json`;
}

/** What a page holds to render a {@link SchemaForm} and submit it. */
export interface SchemaFormHandle {
  readonly state: SchemaFormState;
  readonly idPrefix: string;
  /** The value and the problems right now. */
  readonly reading: FormReading;
  /** A problem of the last mode switch (the JSON could not be read). */
  readonly modeProblem: string | undefined;
  readonly setDraft: (draft: Draft) => void;
  readonly setJsonText: (text: string) => void;
  /** Toggles "Edit as JSON". */
  readonly toggleMode: () => void;
  /** Shows the problems from now on; the value when there are none, else `undefined` (and the first invalid input gets the focus). */
  readonly submit: () => { readonly ok: true; readonly value: unknown } | { readonly ok: false };
  /** Starts over from `value` (over the schema's defaults). */
  readonly reset: (value: unknown) => void;
}

/** The state of a schema form for `schema` holding `initialValue`. */
export function useSchemaForm(
  schema: JsonSchema | undefined,
  initialValue: unknown,
  idPrefix: string,
): SchemaFormHandle {
  const [state, setState] = useState(() => initialFormState(schema, initialValue));
  const [modeProblem, setModeProblem] = useState<string | undefined>(undefined);
  const reading = useMemo(() => readForm(state), [state]);

  const setDraft = useCallback((draft: Draft) => setState((s) => ({ ...s, draft })), []);
  const setJsonText = useCallback((jsonText: string) => setState((s) => ({ ...s, jsonText })), []);
  const toggleMode = useCallback(() => {
    if (state.mode === "form") {
      setModeProblem(undefined);
      setState(toJsonMode(state));
      return;
    }
    const next = toFormMode(state);
    if ("problem" in next) setModeProblem(next.problem);
    else {
      setModeProblem(undefined);
      setState(next);
    }
  }, [state]);
  const submit = useCallback((): ReturnType<SchemaFormHandle["submit"]> => {
    setState((s) => (s.showIssues ? s : { ...s, showIssues: true }));
    const first = reading.issues[0];
    if (first === undefined) return { ok: true, value: reading.value };
    const id = state.mode === "json" ? jsonEditorId(idPrefix) : fieldId(idPrefix, first.path);
    requestAnimationFrame(() => document.getElementById(id)?.focus());
    return { ok: false };
  }, [reading, state.mode, idPrefix]);
  const reset = useCallback(
    (value: unknown) => {
      setModeProblem(undefined);
      setState(initialFormState(schema, value));
    },
    [schema],
  );

  return { state, idPrefix, reading, modeProblem, setDraft, setJsonText, toggleMode, submit, reset };
}
