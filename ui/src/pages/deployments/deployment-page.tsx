/**
 * A deployment: status, flow, pool and queue, schedules in words, its upcoming and last
 * runs, and what to do with it: Quick run, Custom run (a form generated from its
 * parameter schema), Pause / Resume. The Custom run form is open while `?run=custom`.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { Link, useParams, useSearchParams } from "react-router";
import { api } from "../../api/client.js";
import type { Deployment, StateType } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { FlowRunTable } from "../../components/runs/flow-run-table.js";
import { CustomRunForm } from "./custom-run-form.js";
import { DeploymentDetails } from "./deployment-details.js";
import { DeploymentStatusBadge } from "./deployment-status-badge.js";
import { useDeploymentActions } from "./use-deployment-actions.js";
import "./deployments.css";

/** The states of runs that have started or ended (the "last runs"). */
const STARTED_STATES: StateType[] = [
  "PENDING",
  "RUNNING",
  "PAUSED",
  "CANCELLING",
  "COMPLETED",
  "FAILED",
  "CRASHED",
  "CANCELLED",
];

/** The Deployment page. */
export function DeploymentPage() {
  const { id = "" } = useParams();
  const query = useQuery({
    queryKey: ["deployment", id],
    queryFn: ({ signal }) => api<Deployment>(`/deployments/${encodeURIComponent(id)}`, { signal }),
  });
  if (query.error !== null) {
    return (
      <>
        <PageHeader title="Deployment" />
        <ErrorNotice error={query.error} />
        <p>
          <Link to="/deployments">All deployments</Link>
        </p>
      </>
    );
  }
  if (query.data === undefined) return <p className="muted">Loading deployment…</p>;
  return <DeploymentView deployment={query.data} />;
}

function DeploymentView({ deployment }: { readonly deployment: Deployment }) {
  const [search, setSearch] = useSearchParams();
  const customOpen = search.get("run") === "custom";
  const { quickRun, setPaused } = useDeploymentActions(deployment);
  const busy = quickRun.isPending || setPaused.isPending;
  const openCustom = (open: boolean) => {
    const next = new URLSearchParams(search);
    if (open) next.set("run", "custom");
    else next.delete("run");
    setSearch(next);
  };

  return (
    <>
      <PageHeader
        title={deployment.name}
        actions={
          <>
            <button type="button" className="primary" disabled={busy} onClick={() => quickRun.mutate()}>
              Quick run
            </button>
            <button
              type="button"
              disabled={busy}
              aria-expanded={customOpen}
              onClick={() => openCustom(!customOpen)}
            >
              Custom run
            </button>
            {deployment.paused ? (
              <button type="button" disabled={busy} onClick={() => setPaused.mutate(false)}>
                Resume
              </button>
            ) : (
              <button type="button" disabled={busy} onClick={() => setPaused.mutate(true)}>
                Pause
              </button>
            )}
          </>
        }
      >
        <DeploymentStatusBadge status={deployment.status} />
      </PageHeader>
      <div className="page-subtitle">
        <span>
          Deployment of flow{" "}
          <Link to={`/flows/${encodeURIComponent(deployment.flowName)}`}>{deployment.flowName}</Link>
        </span>
        {deployment.workPoolName !== undefined && (
          <span>
            · runs on{" "}
            <Link to={`/work-pools/${encodeURIComponent(deployment.workPoolName)}`}>
              {deployment.workPoolName}
            </Link>
            {deployment.workQueueName !== undefined && ` / ${deployment.workQueueName}`}
          </span>
        )}
      </div>
      {customOpen && <CustomRunForm deployment={deployment} onCancel={() => openCustom(false)} />}
      <DeploymentDetails deployment={deployment} />
      <section className="deployment-section" aria-labelledby="upcoming-runs">
        <h2 id="upcoming-runs">Upcoming runs</h2>
        {deployment.paused && (
          <p className="muted">The deployment is paused: its schedules make no runs until it is resumed.</p>
        )}
        <FlowRunTable
          filter={{ deploymentIds: [deployment.id], stateTypes: ["SCHEDULED"], sort: "OLDEST", limit: 10 }}
          hideFlow
          emptyTitle={
            deployment.schedules.length === 0
              ? "No upcoming runs: this deployment has no schedule."
              : "No upcoming runs."
          }
          emptyCommand={`ordo deployment run '${deployment.flowName}/${deployment.name}'`}
        />
      </section>
      <section className="deployment-section" aria-labelledby="last-runs">
        <h2 id="last-runs">Last runs</h2>
        <FlowRunTable
          filter={{ deploymentIds: [deployment.id], stateTypes: STARTED_STATES, sort: "NEWEST", limit: 20 }}
          hideFlow
          emptyTitle="No run of this deployment has started yet. Start one with Quick run, or:"
          emptyCommand={`ordo deployment run '${deployment.flowName}/${deployment.name}'`}
        />
        <p>
          <Link to={`/runs?deployment=${encodeURIComponent(deployment.id)}`}>
            All runs of this deployment
          </Link>
        </p>
      </section>
    </>
  );
}
