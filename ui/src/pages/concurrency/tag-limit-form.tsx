/**
 * The form that creates a tag limit or changes one's limit (`POST /concurrency_limits`
 * creates or replaces; from "New", an existing tag is refused rather than replaced).
 *
 * @module
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { ApiError, fieldIssues } from "../../api/api-error.js";
import { api, post } from "../../api/client.js";
import type { TagConcurrencyLimit } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { useToaster } from "../../components/toasts.js";
import { FieldRow } from "./field-row.js";
import { parseSlotCount, tagProblem } from "./limit-form.js";

/** Props of {@link TagLimitForm}. */
export interface TagLimitFormProps {
  /** The limit to change; absent to create one. */
  readonly existing?: TagConcurrencyLimit | undefined;
  readonly onDone: () => void;
}

const tagPath = (tag: string) => `/concurrency_limits/tag/${encodeURIComponent(tag)}`;

/** Creates a tag limit or sets an existing one's limit. */
export function TagLimitForm({ existing, onDone }: TagLimitFormProps) {
  const creating = existing === undefined;
  const id = useId();
  const client = useQueryClient();
  const toaster = useToaster();
  const [tag, setTag] = useState(existing?.tag ?? "");
  const [limitText, setLimitText] = useState(existing === undefined ? "" : String(existing.concurrencyLimit));
  const [touched, setTouched] = useState(false);

  const save = useMutation({
    mutationFn: async (input: { tag: string; concurrencyLimit: number }) => {
      if (creating) {
        const found = await api<TagConcurrencyLimit>(tagPath(input.tag)).catch((error: unknown) => {
          if (error instanceof ApiError && error.status === 404) return undefined;
          throw error;
        });
        if (found !== undefined) {
          throw new ApiError("ORDO_CONFLICT", `tag ${input.tag} has a limit: edit it instead`, 409);
        }
      }
      return post<TagConcurrencyLimit>("/concurrency_limits", input);
    },
    onSuccess: async (saved) => {
      toaster.info(`Tag ${saved.tag} limited to ${saved.concurrencyLimit}`);
      await client.invalidateQueries({ queryKey: ["concurrency", "tags"] });
      onDone();
    },
  });

  const issues = fieldIssues(save.error);
  const problem = tagProblem(tag);
  const limit = parseSlotCount(limitText);
  const tagError =
    (touched || tag !== "" ? problem : undefined) ?? issues.find((i) => i.path === "tag")?.message;
  const limitError =
    (touched || limitText !== "" ? (limit.ok ? undefined : limit.message) : undefined) ??
    issues.find((i) => i.path === "concurrencyLimit")?.message;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem !== undefined || !limit.ok) return;
    save.mutate({ tag, concurrencyLimit: limit.value });
  };

  return (
    <form
      className="card limit-form"
      onSubmit={submit}
      noValidate
      aria-label={creating ? "New tag limit" : `Edit the limit of tag ${tag}`}
    >
      <h3>{creating ? "New tag limit" : `Limit of tag ${tag}`}</h3>
      <div className="row form-row">
        <FieldRow
          id={`${id}-tag`}
          label="Tag"
          error={tagError}
          help={creating ? "Task runs with this tag share the limit." : undefined}
        >
          <input
            value={tag}
            onChange={(e) => setTag(e.target.value)}
            readOnly={!creating}
            autoFocus={creating}
            spellCheck={false}
            autoComplete="off"
          />
        </FieldRow>
        <FieldRow
          id={`${id}-limit`}
          label="Limit"
          error={limitError}
          help="Task runs at once; 0 blocks them all."
        >
          <input
            type="number"
            min={0}
            step={1}
            value={limitText}
            onChange={(e) => setLimitText(e.target.value)}
            autoFocus={!creating}
          />
        </FieldRow>
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
