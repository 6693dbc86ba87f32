/**
 * Who started a flow run, in words with links: its parent run, its deployment's
 * schedule, its deployment, or code.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { api } from "../../api/client.js";
import type { Deployment, FlowRun } from "../../api/types.js";
import { runOrigin } from "./run-origin.js";

function ParentRunLink({ id }: { readonly id: string }) {
  const parent = useQuery({
    queryKey: ["flow-run", id],
    queryFn: ({ signal }) => api<FlowRun>(`/flow_runs/${encodeURIComponent(id)}`, { signal }),
    staleTime: 30_000,
  });
  return (
    <Link to={`/runs/${id}`}>
      {parent.data === undefined ? id : `${parent.data.flowName} › ${parent.data.name}`}
    </Link>
  );
}

function DeploymentLink({
  id,
  deployment,
}: {
  readonly id: string;
  readonly deployment: Deployment | undefined;
}) {
  return (
    <Link to={`/deployments/${id}`}>
      {deployment === undefined ? id : `${deployment.flowName}/${deployment.name}`}
    </Link>
  );
}

/** Props of {@link RunOriginView}. */
export interface RunOriginViewProps {
  readonly run: FlowRun;
  readonly deployment: Deployment | undefined;
}

/** "Schedule of etl/nightly (at 03:00 every day (UTC))", "Subflow of etl › brisk-ibis", … */
export function RunOriginView({ run, deployment }: RunOriginViewProps) {
  const origin = runOrigin(run);
  switch (origin.kind) {
    case "subflow":
      return (
        <span>
          Subflow of <ParentRunLink id={origin.parentFlowRunId} />
          {origin.parentTaskRunId !== undefined && (
            <>
              {" "}
              (<Link to={`/task-runs/${origin.parentTaskRunId}`}>its task run</Link>)
            </>
          )}
        </span>
      );
    case "schedule": {
      const schedule = deployment?.schedules.find((s) => s.id === origin.scheduleId);
      return (
        <span>
          Schedule of <DeploymentLink id={origin.deploymentId} deployment={deployment} />
          {schedule !== undefined && <span className="muted"> ({schedule.description})</span>}
        </span>
      );
    }
    case "deployment":
      return (
        <span>
          Deployment <DeploymentLink id={origin.deploymentId} deployment={deployment} />{" "}
          <span className="muted">(run by hand, the API or an automation)</span>
        </span>
      );
    case "code":
      return (
        <span>
          Code{" "}
          <span className="muted">
            (<code>ordo run</code> or a script{origin.host === undefined ? "" : ` on ${origin.host}`})
          </span>
        </span>
      );
  }
}
