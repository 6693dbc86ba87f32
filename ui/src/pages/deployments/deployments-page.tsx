/**
 * Deployments: every deployment with its flow, schedules in words, status, work pool and
 * tags; filtered by name (and flow) on the server, a page at a time.
 *
 * @module
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { post } from "../../api/client.js";
import type { Deployment } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import {
  DEPLOYMENT_PAGE_SIZE,
  deploymentFilterOf,
  readListParams,
  writeListParams,
  type DeploymentListParams,
} from "./deployment-list-params.js";
import { DeploymentStatusBadge } from "./deployment-status-badge.js";
import { scheduleWords } from "./schedule-text.js";
import "./deployments.css";

/** The command that creates a first deployment. */
export const DEPLOY_COMMAND =
  "ordo deploy examples/etl.ts:etl --name nightly --pool default --cron '0 3 * * *'";

/** The Deployments page. */
export function DeploymentsPage() {
  const [search, setSearch] = useSearchParams();
  const params = readListParams(search);
  const update = (next: Partial<DeploymentListParams>, replace = false) =>
    setSearch(writeListParams({ ...params, ...next }), { replace });
  const filter = deploymentFilterOf(params);
  const query = useQuery({
    queryKey: ["deployment", "list", filter],
    queryFn: ({ signal }) => post<Deployment[]>("/deployments/filter", filter, signal),
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.slice(0, DEPLOYMENT_PAGE_SIZE) ?? [];
  const hasNext = (query.data?.length ?? 0) > DEPLOYMENT_PAGE_SIZE;
  const filtered = params.name !== "" || params.flow !== "";

  return (
    <>
      <PageHeader title="Deployments" />
      <div className="row deployments-filter">
        <label htmlFor="deployment-name-filter" className="sr-only">
          Filter by name
        </label>
        <input
          id="deployment-name-filter"
          type="search"
          placeholder="Filter by name (starts with)"
          value={params.name}
          onChange={(e) => update({ name: e.target.value, page: 1 }, true)}
        />
        {params.flow !== "" && (
          <span className="tag">
            flow: {params.flow}{" "}
            <button
              type="button"
              className="icon"
              aria-label="Show every flow"
              onClick={() => update({ flow: "", page: 1 })}
            >
              ×
            </button>
          </span>
        )}
      </div>
      {query.error !== null ? (
        <ErrorNotice error={query.error} />
      ) : query.data === undefined ? (
        <p className="muted">Loading deployments…</p>
      ) : rows.length === 0 ? (
        filtered ? (
          <EmptyState title="No deployment matches the filter." />
        ) : (
          <EmptyState
            title="No deployments yet. Deploy a flow to run it on a schedule or on demand:"
            command={DEPLOY_COMMAND}
          />
        )
      ) : (
        <>
          <DeploymentsTable deployments={rows} />
          {(params.page > 1 || hasNext) && (
            <nav className="row pager" aria-label="Pages">
              <button
                type="button"
                disabled={params.page <= 1}
                onClick={() => update({ page: params.page - 1 })}
              >
                Previous
              </button>
              <span className="muted">Page {params.page}</span>
              <button type="button" disabled={!hasNext} onClick={() => update({ page: params.page + 1 })}>
                Next
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

/** The table of deployments (also used on a flow's page). */
export function DeploymentsTable({
  deployments,
  hideFlow = false,
}: {
  readonly deployments: readonly Deployment[];
  readonly hideFlow?: boolean;
}) {
  return (
    <div className="table-scroll">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            {!hideFlow && <th scope="col">Flow</th>}
            <th scope="col">Schedules</th>
            <th scope="col">Status</th>
            <th scope="col">Work pool</th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {deployments.map((d) => (
            <tr key={d.id}>
              <td>
                <Link to={`/deployments/${encodeURIComponent(d.id)}`}>{d.name}</Link>
              </td>
              {!hideFlow && (
                <td>
                  <Link to={`/flows/${encodeURIComponent(d.flowName)}`}>{d.flowName}</Link>
                </td>
              )}
              <td className="wrap">
                {d.schedules.length === 0 ? (
                  <span className="muted">none (runs on demand)</span>
                ) : (
                  d.schedules.map((s) => (
                    <div key={s.id} className={s.active ? undefined : "muted"}>
                      {scheduleWords(s)}
                    </div>
                  ))
                )}
              </td>
              <td>
                <DeploymentStatusBadge status={d.status} />
              </td>
              <td>
                {d.workPoolName === undefined ? (
                  <span className="muted">serve</span>
                ) : (
                  <Link to={`/work-pools/${encodeURIComponent(d.workPoolName)}`}>{d.workPoolName}</Link>
                )}
              </td>
              <td className="wrap">
                {d.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
