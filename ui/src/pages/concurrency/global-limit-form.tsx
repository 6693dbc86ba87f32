/**
 * The form that creates a global limit (`POST /global_concurrency_limits`) or changes
 * one's limit, slot decay and active flag (`PATCH …/{name}`).
 *
 * @module
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { fieldIssues } from "../../api/api-error.js";
import { api, post } from "../../api/client.js";
import type { GlobalConcurrencyLimit } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { useToaster } from "../../components/toasts.js";
import { FieldRow } from "./field-row.js";
import { globalLimitNameProblem, parseSlotCount, parseSlotDecay } from "./limit-form.js";

/** Props of {@link GlobalLimitForm}. */
export interface GlobalLimitFormProps {
  /** The limit to change; absent to create one. */
  readonly existing?: GlobalConcurrencyLimit | undefined;
  readonly onDone: () => void;
}

interface Input {
  readonly name: string;
  readonly limit: number;
  readonly slotDecayPerSecond: number;
  readonly active: boolean;
}

/** Creates a global limit or edits one. */
export function GlobalLimitForm({ existing, onDone }: GlobalLimitFormProps) {
  const creating = existing === undefined;
  const id = useId();
  const client = useQueryClient();
  const toaster = useToaster();
  const [name, setName] = useState(existing?.name ?? "");
  const [limitText, setLimitText] = useState(existing === undefined ? "" : String(existing.limit));
  const [decayText, setDecayText] = useState(
    existing === undefined ? "" : String(existing.slotDecayPerSecond),
  );
  const [active, setActive] = useState(existing?.active ?? true);
  const [touched, setTouched] = useState(false);

  const save = useMutation({
    mutationFn: ({ name: limitName, ...change }: Input) =>
      creating
        ? post<GlobalConcurrencyLimit>("/global_concurrency_limits", { name: limitName, ...change })
        : api<GlobalConcurrencyLimit>(`/global_concurrency_limits/${encodeURIComponent(limitName)}`, {
            method: "PATCH",
            body: change,
          }),
    onSuccess: async (saved) => {
      toaster.info(`Limit ${saved.name} saved`);
      await client.invalidateQueries({ queryKey: ["concurrency", "global"] });
      onDone();
    },
  });

  const issues = fieldIssues(save.error);
  const issue = (path: string) => issues.find((i) => i.path === path)?.message;
  const nameProblem = creating ? globalLimitNameProblem(name) : undefined;
  const limit = parseSlotCount(limitText);
  const decay = parseSlotDecay(decayText);
  const nameError = (touched || name !== "" ? nameProblem : undefined) ?? issue("name");
  const limitError =
    (touched || limitText !== "" ? (limit.ok ? undefined : limit.message) : undefined) ?? issue("limit");
  const decayError = (decay.ok ? undefined : decay.message) ?? issue("slotDecayPerSecond");

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (nameProblem !== undefined || !limit.ok || !decay.ok) return;
    save.mutate({ name, limit: limit.value, slotDecayPerSecond: decay.value, active });
  };

  return (
    <form
      className="card limit-form"
      onSubmit={submit}
      noValidate
      aria-label={creating ? "New global limit" : `Edit global limit ${name}`}
    >
      <h3>{creating ? "New global limit" : `Edit ${name}`}</h3>
      <div className="row form-row">
        <FieldRow
          id={`${id}-name`}
          label="Name"
          error={nameError}
          help={creating ? "Used by concurrency() and rateLimit()." : undefined}
        >
          <input
            value={name}
            onChange={(e) => setName(e.target.value)}
            readOnly={!creating}
            autoFocus={creating}
            spellCheck={false}
            autoComplete="off"
          />
        </FieldRow>
        <FieldRow id={`${id}-limit`} label="Limit" error={limitError} help="Slots at once; 0 blocks.">
          <input
            type="number"
            min={0}
            step={1}
            value={limitText}
            onChange={(e) => setLimitText(e.target.value)}
            autoFocus={!creating}
          />
        </FieldRow>
        <FieldRow
          id={`${id}-decay`}
          label="Slot decay per second"
          error={decayError}
          help="Above 0, a rate limit."
        >
          <input
            type="number"
            min={0}
            step="any"
            value={decayText}
            placeholder="0"
            onChange={(e) => setDecayText(e.target.value)}
          />
        </FieldRow>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} /> Active
          </label>
          <div className="field-help">An inactive limit limits nothing.</div>
        </div>
      </div>
      {save.error !== null && <ErrorNotice error={save.error} />}
      <div className="row" style={{ marginTop: 8 }}>
        <button type="submit" className="primary" disabled={save.isPending}>
          {save.isPending ? "Saving…" : creating ? "Create" : "Save"}
        </button>
        <button type="button" onClick={onDone} disabled={save.isPending}>
          Cancel
        </button>
      </div>
    </form>
  );
}
