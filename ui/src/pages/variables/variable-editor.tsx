/**
 * The form that creates or edits a variable: name (checked with the server's rule), a
 * JSON value editor and tags. The server's refusal (e.g. a value over 64 KB) is shown
 * with its error code.
 *
 * @module
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiError, fieldIssues } from "../../api/api-error.js";
import { api, post } from "../../api/client.js";
import type { Variable } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { useToaster } from "../../components/toasts.js";
import {
  formatBytes,
  jsonByteLength,
  MAX_VARIABLE_VALUE_BYTES,
  parseJsonValue,
  parseTags,
  valueToEditorText,
  variableNameProblem,
} from "./variable-form.js";

/** Props of {@link VariableEditor}. */
export interface VariableEditorProps {
  /** The variable to edit; absent to create one. */
  readonly variable?: Variable | undefined;
  /** Called after saving (with the saved variable) or on Cancel (without). */
  readonly onDone: (saved?: Variable) => void;
}

interface Draft {
  readonly name: string;
  readonly value: unknown;
  readonly tags: string[];
}

/** Creates a variable, or replaces an existing one's value and tags. */
export function VariableEditor({ variable, onDone }: VariableEditorProps) {
  const creating = variable === undefined;
  const id = useId();
  const client = useQueryClient();
  const toaster = useToaster();
  const [name, setName] = useState(variable?.name ?? "");
  const [valueText, setValueText] = useState(variable === undefined ? "" : valueToEditorText(variable.value));
  const [tagsText, setTagsText] = useState(variable?.tags.join(", ") ?? "");
  const [touched, setTouched] = useState(false);

  const save = useMutation({
    mutationFn: async (draft: Draft) => {
      if (creating) {
        // `POST /variables` replaces a variable silently: refuse to overwrite from "New".
        const existing = await api<Variable>(`/variables/${encodeURIComponent(draft.name)}`).catch(
          (error: unknown) => {
            if (error instanceof ApiError && error.status === 404) return undefined;
            throw error;
          },
        );
        if (existing !== undefined) {
          throw new ApiError("ORDO_CONFLICT", `variable ${draft.name} exists: edit it instead`, 409);
        }
      }
      return post<Variable>("/variables", draft);
    },
    onSuccess: async (saved) => {
      toaster.info(`Variable ${saved.name} saved`);
      await client.invalidateQueries({ queryKey: ["variables"] });
      onDone(saved);
    },
  });

  const nameProblem = variableNameProblem(name);
  const parsed = parseJsonValue(valueText);
  const bytes = parsed.ok ? jsonByteLength(parsed.value) : 0;
  const issues = fieldIssues(save.error);
  const issueFor = (field: string) =>
    issues.find((issue) => issue.path === field || issue.path.startsWith(`${field}.`));
  const nameError = (touched || name !== "" ? nameProblem : undefined) ?? issueFor("name")?.message;
  const valueError =
    (touched || valueText !== "" ? (parsed.ok ? undefined : parsed.message) : undefined) ??
    issueFor("value")?.message;
  const tagsError = issueFor("tags")?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (nameProblem !== undefined || !parsed.ok) return;
    save.mutate({ name, value: parsed.value, tags: parseTags(tagsText) });
  };

  return (
    <form
      className="card variable-editor"
      onSubmit={submit}
      aria-label={creating ? "New variable" : `Edit variable ${name}`}
      noValidate
    >
      <h2>{creating ? "New variable" : `Edit ${name}`}</h2>
      <div className="field">
        <label htmlFor={`${id}-name`}>Name</label>
        <input
          id={`${id}-name`}
          className="mono"
          value={name}
          onChange={(event) => setName(event.target.value)}
          readOnly={!creating}
          autoFocus={creating}
          aria-invalid={nameError !== undefined}
          aria-describedby={`${id}-name-help`}
          spellCheck={false}
          autoComplete="off"
        />
        {nameError !== undefined ? (
          <div className="field-error" id={`${id}-name-help`} role="alert">
            {nameError}
          </div>
        ) : (
          <div className="field-help" id={`${id}-name-help`}>
            {creating ? "Lowercase letters, digits, '_' or '-'." : "A variable's name cannot change."}
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-value`}>Value (JSON)</label>
        <textarea
          id={`${id}-value`}
          className="mono"
          rows={Math.min(16, Math.max(4, valueText.split("\n").length + 1))}
          value={valueText}
          onChange={(event) => setValueText(event.target.value)}
          autoFocus={!creating}
          aria-invalid={valueError !== undefined}
          aria-describedby={`${id}-value-help`}
          spellCheck={false}
          placeholder={'"text", 42, true, ["a", "b"], {"key": "value"}'}
        />
        {valueError !== undefined ? (
          <div className="field-error" id={`${id}-value-help`} role="alert">
            {valueError}
          </div>
        ) : (
          <div className="field-help" id={`${id}-value-help`}>
            {`${formatBytes(bytes)} of ${formatBytes(MAX_VARIABLE_VALUE_BYTES)}. Strings need quotes.`}
          </div>
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-tags`}>Tags</label>
        <input
          id={`${id}-tags`}
          value={tagsText}
          onChange={(event) => setTagsText(event.target.value)}
          aria-invalid={tagsError !== undefined}
          aria-describedby={`${id}-tags-help`}
          placeholder="prod, etl"
        />
        {tagsError !== undefined ? (
          <div className="field-error" id={`${id}-tags-help`} role="alert">
            {tagsError}
          </div>
        ) : (
          <div className="field-help" id={`${id}-tags-help`}>
            Separated by commas.
          </div>
        )}
      </div>
      {save.error !== null && <ErrorNotice error={save.error} />}
      <div className="row" style={{ marginTop: 10 }}>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : creating ? "Create" : "Save"}
        </button>
        <button type="button" onClick={() => onDone()} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
