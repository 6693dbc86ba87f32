/**
 * A key's versions, newest first; each row shows that version on click.
 *
 * @module
 */
import type { Artifact } from "../../api/types.js";
import { RelativeTime } from "../../components/time.js";
import { FlowRunLink, TaskRunLink } from "./run-links.js";
import type { RunRefs } from "./use-run-refs.js";

/** Props of {@link VersionsTable}. */
export interface VersionsTableProps {
  readonly versions: readonly Artifact[];
  /** The id of the newest version of the key. */
  readonly latestId: string | undefined;
  readonly selected: string | undefined;
  readonly onSelect: (id: string | undefined) => void;
  readonly refs: RunRefs;
}

/** The versions with their runs; the selected one is marked (`aria-pressed`). */
export function VersionsTable({ versions, latestId, selected, onSelect, refs }: VersionsTableProps) {
  return (
    <table className="table versions-table">
      <thead>
        <tr>
          <th scope="col">Created</th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
          <th scope="col">Flow run</th>
          <th scope="col">Task run</th>
          <th scope="col">
            <span className="visually-hidden">Show</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {versions.map((version) => {
          const isSelected = version.id === selected;
          return (
            <tr key={version.id} className={isSelected ? "selected" : undefined}>
              <td>
                <RelativeTime at={version.createdAt} />
                {version.id === latestId && <span className="tag latest">latest</span>}
              </td>
              <td>
                <span className="tag">{version.type}</span>
              </td>
              <td className="description" title={version.description}>
                {version.description ?? <span className="muted">—</span>}
              </td>
              <td>
                <FlowRunLink artifact={version} refs={refs} />
              </td>
              <td>
                <TaskRunLink artifact={version} refs={refs} />
              </td>
              <td className="actions">
                <button
                  type="button"
                  className="icon"
                  aria-pressed={isSelected}
                  onClick={() => onSelect(isSelected ? undefined : version.id)}
                >
                  {isSelected ? "Shown" : "Show"}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
