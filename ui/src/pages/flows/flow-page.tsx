/**
 * A flow: its runs of the last 7 days by state, its deployments, its last runs, and its
 * parameters (read from the parameter JSON Schema the SDK sent).
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { api, post } from "../../api/client.js";
import type { Deployment, Flow, HistoryBucket, StateType } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { FlowRunTable } from "../../components/runs/flow-run-table.js";
import { StateBadge } from "../../components/state-badge.js";
import { RelativeTime } from "../../components/time.js";
import { formatCount } from "../../format/time.js";
import { STATE_TYPE_ORDER } from "../../theme/state-colors.js";
import { DEPLOY_COMMAND, DeploymentsTable } from "../deployments/deployments-page.js";
import { FlowParameters } from "./flow-parameters.js";
import "../deployments/deployments.css";

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
/** Runs that started or ended: the flow's future scheduled runs would hide them. */
const STARTED_STATES: StateType[] = STATE_TYPE_ORDER.filter((type) => type !== "SCHEDULED");

/** The Flow page. */
export function FlowPage() {
  const { name = "" } = useParams();
  const flow = useQuery({
    queryKey: ["flows", name],
    queryFn: ({ signal }) => api<Flow>(`/flows/${encodeURIComponent(name)}`, { signal }),
  });
  if (flow.error !== null) {
    return (
      <>
        <PageHeader title={name} />
        <ErrorNotice error={flow.error} />
        <p>
          <Link to="/flows">All flows</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={name} />
      {flow.data !== undefined && (
        <div className="page-subtitle">
          <span>
            Flow, first seen <RelativeTime at={flow.data.createdAt} />
          </span>
          {flow.data.tags.map((tag) => (
            <span key={tag} className="tag">
              {tag}
            </span>
          ))}
        </div>
      )}
      <WeekCounts flowName={name} />
      <section className="deployment-section" aria-labelledby="flow-deployments">
        <h2 id="flow-deployments">Deployments</h2>
        <FlowDeployments flowName={name} />
      </section>
      <section className="deployment-section" aria-labelledby="flow-runs">
        <h2 id="flow-runs">Last runs</h2>
        <FlowRunTable
          filter={{ flowName: name, stateTypes: STARTED_STATES }}
          hideFlow
          emptyTitle="No run of this flow has started yet."
          emptyCommand={`ordo run <file>.ts:${name}`}
        />
        <p>
          <Link to={`/runs?flow=${encodeURIComponent(name)}`}>All runs of {name}</Link>
        </p>
      </section>
      <section className="deployment-section" aria-labelledby="flow-parameters">
        <h2 id="flow-parameters">Parameters</h2>
        {flow.data === undefined ? (
          <p className="muted">Loading…</p>
        ) : (
          <FlowParameters schema={flow.data.parameterSchema} />
        )}
      </section>
    </>
  );
}

/** The flow's runs of the last 7 days by state type: one history bucket, one request. */
function WeekCounts({ flowName }: { readonly flowName: string }) {
  const query = useQuery({
    queryKey: ["flow-runs", "week-counts", flowName],
    queryFn: ({ signal }) => {
      const to = Date.now();
      return post<HistoryBucket[]>(
        "/flow_runs/history",
        { from: to - WEEK_MS, to, intervalSeconds: WEEK_MS / 1000, filter: { flowName } },
        signal,
      );
    },
  });
  if (query.error !== null) return <ErrorNotice error={query.error} />;
  if (query.data === undefined) return null;
  const counts: Record<string, number> = {};
  for (const bucket of query.data) {
    for (const [type, count] of Object.entries(bucket.counts)) counts[type] = (counts[type] ?? 0) + count;
  }
  const types = STATE_TYPE_ORDER.filter((type: StateType) => (counts[type] ?? 0) > 0);
  return (
    <section className="card" aria-label="Runs in the last 7 days">
      <div className="row">
        <strong>Last 7 days:</strong>
        {types.length === 0 ? (
          <span className="muted">no runs</span>
        ) : (
          types.map((type) => (
            <span key={type} className="row">
              <StateBadge type={type} name={type.charAt(0) + type.slice(1).toLowerCase()} />
              <span>{formatCount(counts[type] ?? 0)}</span>
            </span>
          ))
        )}
      </div>
    </section>
  );
}

function FlowDeployments({ flowName }: { readonly flowName: string }) {
  const query = useQuery({
    queryKey: ["deployment", "of-flow", flowName],
    queryFn: ({ signal }) => post<Deployment[]>("/deployments/filter", { flowName, limit: 100 }, signal),
  });
  if (query.error !== null) return <ErrorNotice error={query.error} />;
  if (query.data === undefined) return <p className="muted">Loading deployments…</p>;
  if (query.data.length === 0) {
    return (
      <EmptyState
        title="No deployment of this flow. Deploy it to run it on a schedule or on demand:"
        command={DEPLOY_COMMAND.replace("examples/etl.ts:etl", `<file>.ts:${flowName}`)}
      />
    );
  }
  return <DeploymentsTable deployments={query.data} hideFlow />;
}
