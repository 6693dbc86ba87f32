/**
 * The latest artifact of each key: key, type, description, the runs that made it, when;
 * each row can show its content underneath.
 *
 * @module
 */
import { Fragment } from "react";
import { Link } from "react-router";
import type { Artifact } from "../../api/types.js";
import { ArtifactView } from "../../components/artifacts/artifact-view.js";
import { RelativeTime } from "../../components/time.js";
import { FlowRunLink, TaskRunLink } from "./run-links.js";
import type { RunRefs } from "./use-run-refs.js";

/** Props of {@link ArtifactsTable}. */
export interface ArtifactsTableProps {
  readonly artifacts: readonly Artifact[];
  readonly refs: RunRefs;
  /** The artifact shown under its row. */
  readonly preview: string | undefined;
  readonly onPreview: (id: string | undefined) => void;
}

const COLUMNS = 6;

/** The table; "Show" opens an artifact's content under its row. */
export function ArtifactsTable({ artifacts, refs, preview, onPreview }: ArtifactsTableProps) {
  return (
    <table className="table artifacts-table">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">Type</th>
          <th scope="col">Description</th>
          <th scope="col">Flow run</th>
          <th scope="col">Task run</th>
          <th scope="col">Updated</th>
          <th scope="col">
            <span className="visually-hidden">Content</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {artifacts.map((artifact) => {
          const open = preview === artifact.id;
          return (
            <Fragment key={artifact.id}>
              <tr className={open ? "open" : undefined}>
                <td className="mono">
                  {artifact.key === undefined ? (
                    <span className="muted">no key</span>
                  ) : (
                    <Link to={`/artifacts/${encodeURIComponent(artifact.key)}`}>{artifact.key}</Link>
                  )}
                </td>
                <td>
                  <span className="tag">{artifact.type}</span>
                </td>
                <td className="description" title={artifact.description}>
                  {artifact.description ?? <span className="muted">—</span>}
                </td>
                <td>
                  <FlowRunLink artifact={artifact} refs={refs} />
                </td>
                <td>
                  <TaskRunLink artifact={artifact} refs={refs} />
                </td>
                <td>
                  {/* Remounted on change: its clock starts now, so a just-updated time never reads "in 2 sec.". */}
                  <RelativeTime at={artifact.updatedAt} />
                </td>
                <td className="actions">
                  <button
                    type="button"
                    className="icon"
                    aria-expanded={open}
                    aria-controls={`artifact-${artifact.id}`}
                    aria-label={`${open ? "Hide" : "Show"} ${artifact.key ?? artifact.type} content`}
                    onClick={() => onPreview(open ? undefined : artifact.id)}
                  >
                    {open ? "Hide" : "Show"}
                  </button>
                </td>
              </tr>
              {open && (
                <tr className="preview-row">
                  <td colSpan={COLUMNS + 1} id={`artifact-${artifact.id}`}>
                    <ArtifactView artifact={artifact} />
                  </td>
                </tr>
              )}
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
