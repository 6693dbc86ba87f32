/**
 * Where an artifact came from: links to its flow run and task run, by name when known.
 *
 * @module
 */
import { Link } from "react-router";
import type { Artifact } from "../../api/types.js";
import { StateBadge } from "../../components/state-badge.js";
import type { RunRefs } from "./use-run-refs.js";

/** The flow run that made `artifact`, or a dash. */
export function FlowRunLink({ artifact, refs }: { readonly artifact: Artifact; readonly refs: RunRefs }) {
  if (artifact.flowRunId === undefined) return <span className="muted">—</span>;
  const run = refs.flowRuns.get(artifact.flowRunId);
  return (
    <Link to={`/runs/${artifact.flowRunId}`} className="run-link" title={artifact.flowRunId}>
      {run === undefined ? (
        <span className="mono">{artifact.flowRunId.slice(0, 8)}</span>
      ) : (
        <>
          <StateBadge type={run.state.type} name={run.state.name} />
          <span>{`${run.flowName} / ${run.name}`}</span>
        </>
      )}
    </Link>
  );
}

/** The task run that made `artifact`, or a dash (made by the flow itself). */
export function TaskRunLink({ artifact, refs }: { readonly artifact: Artifact; readonly refs: RunRefs }) {
  if (artifact.taskRunId === undefined) return <span className="muted">—</span>;
  const run = refs.taskRuns.get(artifact.taskRunId);
  return (
    <Link to={`/task-runs/${artifact.taskRunId}`} className="run-link" title={artifact.taskRunId}>
      {run === undefined ? <span className="mono">{artifact.taskRunId.slice(0, 8)}</span> : run.name}
    </Link>
  );
}
