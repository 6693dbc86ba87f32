/**
 * The variables of one page: name, value preview, tags, last update, and the row actions.
 *
 * @module
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.js";
import type { Variable } from "../../api/types.js";
import { CopyButton } from "../../components/copy-button.js";
import { RelativeTime } from "../../components/time.js";
import { useToaster } from "../../components/toasts.js";
import { ConfirmButton } from "../../components/confirm-button.js";
import { valuePreview } from "./variable-form.js";

/** Props of {@link VariablesTable}. */
export interface VariablesTableProps {
  readonly variables: readonly Variable[];
  /** Opens the editor on a variable. */
  readonly onEdit: (variable: Variable) => void;
}

/** A table with Edit and Delete (confirmed) on each row. */
export function VariablesTable({ variables, onEdit }: VariablesTableProps) {
  const client = useQueryClient();
  const toaster = useToaster();
  const remove = useMutation({
    mutationFn: (name: string) => api<void>(`/variables/${encodeURIComponent(name)}`, { method: "DELETE" }),
    onSuccess: async (_, name) => {
      toaster.info(`Variable ${name} deleted`);
      await client.invalidateQueries({ queryKey: ["variables"] });
    },
    onError: (error) => toaster.error(error, "Delete variable"),
  });
  return (
    <table className="table variables-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Value</th>
          <th scope="col">Tags</th>
          <th scope="col">Updated</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {variables.map((variable) => (
          <tr key={variable.id}>
            <td className="mono">
              <span className="row" style={{ flexWrap: "nowrap" }}>
                {variable.name}
                <CopyButton value={variable.name} label="Copy" />
              </span>
            </td>
            <td className="mono value" title={valuePreview(variable.value, 2000)}>
              {valuePreview(variable.value)}
            </td>
            <td>
              {variable.tags.map((tag) => (
                <span key={tag} className="tag">
                  {tag}
                </span>
              ))}
            </td>
            <td>
              {/* Remounted on change: its clock starts now, so a just-updated time never reads "in 2 sec.". */}
              <RelativeTime at={variable.updatedAt} />
            </td>
            <td className="actions">
              <span className="row" style={{ flexWrap: "nowrap", justifyContent: "flex-end" }}>
                <button
                  type="button"
                  className="icon"
                  aria-label={`Edit ${variable.name}`}
                  onClick={() => onEdit(variable)}
                >
                  Edit
                </button>
                <ConfirmButton
                  label="Delete"
                  ariaLabel={`Delete ${variable.name}`}
                  question={`Delete ${variable.name}?`}
                  busy={remove.isPending && remove.variables === variable.name}
                  onConfirm={() => remove.mutate(variable.name)}
                />
              </span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
