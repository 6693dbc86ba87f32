/**
 * One artifact version's facts: when it was made and updated, by which runs.
 *
 * @module
 */
import type { Artifact } from "../../api/types.js";
import { RelativeTime } from "../../components/time.js";
import { FlowRunLink, TaskRunLink } from "./run-links.js";
import type { RunRefs } from "./use-run-refs.js";

/** The version's created / updated times, runs and description. */
export function ArtifactMeta({ artifact, refs }: { readonly artifact: Artifact; readonly refs: RunRefs }) {
  return (
    <dl className="props artifact-meta">
      <dt>Created</dt>
      <dd>
        <RelativeTime at={artifact.createdAt} />
        {artifact.updatedAt !== artifact.createdAt && (
          <span className="muted">
            {" · updated "}
            {/* Remounted on change: its clock starts now, so a just-updated time never reads "in 2 sec.". */}
            <RelativeTime at={artifact.updatedAt} />
          </span>
        )}
      </dd>
      <dt>Flow run</dt>
      <dd>
        <FlowRunLink artifact={artifact} refs={refs} />
      </dd>
      <dt>Task run</dt>
      <dd>
        <TaskRunLink artifact={artifact} refs={refs} />
      </dd>
      {artifact.description !== undefined && (
        <>
          <dt>Description</dt>
          <dd>{artifact.description}</dd>
        </>
      )}
    </dl>
  );
}
