/**
 * A form generated from a parameter JSON Schema: fields by type (text, number, boolean,
 * enum, date, arrays, nested objects, JSON fallback) and an "Edit as JSON" toggle for
 * the whole value. Its state lives in {@link useSchemaForm}, so the page that holds it
 * decides when to submit. Problems show on their field after the first submit; a 422's
 * problems (`serverIssues`) show on their field too, or above the form when no field
 * matches.
 *
 * @example
 * ```tsx
 * const form = useSchemaForm(deployment.parameterSchema, deployment.parameters, "custom-run");
 * <SchemaForm form={form} serverIssues={fieldIssues(error)} />
 * ```
 *
 * @module
 */
import "./schema-form.css";
import type { FieldIssue } from "../../api/api-error.js";
import { hasFields } from "./form-state.js";
import { FieldInput } from "./field-input.js";
import { fieldPaths, issueText, placeIssues } from "./issue-placement.js";
import { jsonEditorId, type SchemaFormHandle } from "./use-schema-form.js";

/** Props of {@link SchemaForm}. */
export interface SchemaFormProps {
  readonly form: SchemaFormHandle;
  /** Problems the server named (paths relative to the form's value). */
  readonly serverIssues?: readonly FieldIssue[];
  /** The label of the JSON editor ("Parameters (JSON)"). */
  readonly jsonLabel?: string;
  readonly disabled?: boolean;
}

/** The fields of a schema, or its JSON editor. */
export function SchemaForm({
  form,
  serverIssues = [],
  jsonLabel = "Parameters (JSON)",
  disabled = false,
}: SchemaFormProps) {
  const { state, idPrefix, reading } = form;
  const clientIssues = state.showIssues ? reading.issues : [];
  const allIssues = [...clientIssues, ...serverIssues];
  const placed =
    state.mode === "form"
      ? placeIssues(allIssues, fieldPaths(state.root, state.draft))
      : { byPath: new Map<string, readonly string[]>(), unplaced: allIssues };
  const withFields = hasFields(state);
  const editorId = jsonEditorId(idPrefix);
  const editorErrorId = `${editorId}-error`;

  return (
    <div className="schema-form">
      {withFields && (
        <div className="schema-form-mode">
          <button type="button" className="icon" onClick={form.toggleMode} disabled={disabled}>
            {state.mode === "form" ? "Edit as JSON" : "Edit as form"}
          </button>
        </div>
      )}
      {form.modeProblem !== undefined && (
        <div className="error-box" role="alert">
          {form.modeProblem}
        </div>
      )}
      {state.mode === "form" && placed.unplaced.length > 0 && (
        <div className="error-box schema-form-issues" role="alert">
          <ul>
            {placed.unplaced.map((issue) => (
              <li key={issueText(issue)}>{issueText(issue)}</li>
            ))}
          </ul>
        </div>
      )}
      {state.mode === "form" ? (
        withFields && state.root.kind === "object" && state.root.fields.length === 0 ? (
          <p className="muted">This flow takes no parameters.</p>
        ) : (
          <FieldInput
            field={withFields ? state.root : { ...state.root, label: jsonLabel }}
            draft={state.draft}
            onChange={form.setDraft}
            context={{ idPrefix, issues: placed.byPath, disabled }}
          />
        )
      ) : (
        <div className="field">
          <label htmlFor={editorId}>{jsonLabel}</label>
          <textarea
            id={editorId}
            className="mono schema-json"
            rows={Math.min(20, Math.max(4, state.jsonText.split("\n").length + 1))}
            spellCheck={false}
            disabled={disabled}
            value={state.jsonText}
            aria-invalid={placed.unplaced.length > 0 ? true : undefined}
            aria-describedby={placed.unplaced.length > 0 ? editorErrorId : undefined}
            onChange={(e) => form.setJsonText(e.target.value)}
          />
          {placed.unplaced.length > 0 && (
            <div className="field-error" id={editorErrorId}>
              {placed.unplaced.map(issueText).join("; ")}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
