/**
 * The flow run's Artifacts tab: what the run (and its tasks) published, newest first.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { post } from "../../api/client.js";
import type { Artifact } from "../../api/types.js";
import { ArtifactView } from "../../components/artifacts/artifact-view.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { RelativeTime } from "../../components/time.js";

const LIMIT = 100;

/** The artifacts of the flow run `flowRunId`. */
export function ArtifactsTab({ flowRunId }: { readonly flowRunId: string }) {
  const query = useQuery({
    queryKey: ["flow-run", flowRunId, "artifacts"],
    queryFn: ({ signal }) => post<Artifact[]>("/artifacts/filter", { flowRunId, limit: LIMIT }, signal),
  });
  if (query.error !== null) return <ErrorNotice error={query.error} />;
  if (query.data === undefined) return <p className="muted">Loading artifacts…</p>;
  if (query.data.length === 0) {
    return (
      <EmptyState title="This run published no artifacts.">
        <p>
          Publish tables, markdown, links or progress from a flow with <code>createTableArtifact</code>,{" "}
          <code>createMarkdownArtifact</code>, … (see <code>docs/</code>).
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="artifact-list">
      {query.data.length === LIMIT && <p className="muted">The newest {LIMIT} artifacts.</p>}
      {query.data.map((artifact) => (
        <section
          key={artifact.id}
          className="card"
          aria-label={artifact.key ?? artifact.description ?? artifact.type}
        >
          <div className="row artifact-head">
            <strong>
              {artifact.key === undefined ? (
                (artifact.description ?? "Artifact")
              ) : (
                <Link to={`/artifacts/${encodeURIComponent(artifact.key)}`}>{artifact.key}</Link>
              )}
            </strong>
            <span className="tag">{artifact.type}</span>
            {artifact.taskRunId !== undefined && (
              <Link to={`/task-runs/${artifact.taskRunId}`}>task run</Link>
            )}
            <span className="spacer" />
            <RelativeTime at={artifact.createdAt} />
          </div>
          {artifact.key !== undefined && artifact.description !== undefined && (
            <p className="muted">{artifact.description}</p>
          )}
          <ArtifactView artifact={artifact} />
        </section>
      ))}
    </div>
  );
}
