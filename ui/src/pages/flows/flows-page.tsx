/**
 * Flows: each flow with its latest run and its deployments; filtered by name (`?name=`).
 * Three requests, one per source (flows, deployments, latest runs), never one per row.
 *
 * @module
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { post } from "../../api/client.js";
import type { Deployment, Flow, FlowRunFilter, FlowRunPage, StateType } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { StateBadge } from "../../components/state-badge.js";
import { RelativeTime } from "../../components/time.js";
import { flowRows } from "./flow-rows.js";
import "../deployments/deployments.css";

/** How many of the latest runs are read to find each flow's latest run. */
const LATEST_RUNS = 500;
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

/** The Flows page. */
export function FlowsPage() {
  const [search, setSearch] = useSearchParams();
  const name = search.get("name") ?? "";
  const prefix = name.trim();
  const flows = useQuery({
    queryKey: ["flows", "list", prefix],
    queryFn: ({ signal }) =>
      post<Flow[]>("/flows/filter", { ...(prefix === "" ? {} : { namePrefix: prefix }), limit: 200 }, signal),
    placeholderData: keepPreviousData,
  });
  const deployments = useQuery({
    queryKey: ["deployment", "all-for-flows"],
    queryFn: ({ signal }) => post<Deployment[]>("/deployments/filter", { limit: 1000 }, signal),
  });
  const runFilter: FlowRunFilter = { stateTypes: STARTED_STATES, sort: "NEWEST", limit: LATEST_RUNS };
  const runs = useQuery({
    queryKey: ["flow-runs", "latest-for-flows", runFilter],
    queryFn: ({ signal }) => post<FlowRunPage>("/flow_runs/paginate", runFilter, signal),
  });
  const error = flows.error ?? deployments.error ?? runs.error;
  const loading = flows.isPending || deployments.data === undefined || runs.data === undefined;
  const rows = loading ? [] : flowRows(flows.data ?? [], deployments.data ?? [], runs.data?.items ?? []);

  return (
    <>
      <PageHeader title="Flows" />
      <div className="row deployments-filter">
        <label htmlFor="flow-name-filter" className="sr-only">
          Filter by name
        </label>
        <input
          id="flow-name-filter"
          type="search"
          placeholder="Filter by name (starts with)"
          value={name}
          onChange={(e) =>
            setSearch(e.target.value === "" ? {} : { name: e.target.value }, { replace: true })
          }
        />
      </div>
      {error !== null ? (
        <ErrorNotice error={error} />
      ) : loading ? (
        <p className="muted">Loading flows…</p>
      ) : rows.length === 0 ? (
        prefix !== "" ? (
          <EmptyState title="No flow matches the filter." />
        ) : (
          <EmptyState
            title="No flows yet. Run one and it appears here:"
            command="ordo run examples/etl.ts:etl --param n=5"
          />
        )
      ) : (
        <>
          <div className="table-scroll">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Flow</th>
                  <th scope="col">Latest run</th>
                  <th scope="col">Started</th>
                  <th scope="col">Deployments</th>
                  <th scope="col">Tags</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.name}>
                    <td>
                      <Link to={`/flows/${encodeURIComponent(row.name)}`}>{row.name}</Link>
                    </td>
                    <td>
                      {row.latestRun === undefined ? (
                        <span className="muted">—</span>
                      ) : (
                        <Link to={`/runs/${encodeURIComponent(row.latestRun.id)}`} className="row">
                          <StateBadge type={row.latestRun.state.type} name={row.latestRun.state.name} />
                          <span>{row.latestRun.name}</span>
                        </Link>
                      )}
                    </td>
                    <td>
                      <RelativeTime at={row.latestRun?.startTime ?? row.latestRun?.expectedStartTime} />
                    </td>
                    <td>
                      {row.deployments === 0 ? (
                        <span className="muted">0</span>
                      ) : (
                        <Link to={`/deployments?flow=${encodeURIComponent(row.name)}`}>
                          {row.deployments}
                        </Link>
                      )}
                    </td>
                    <td className="wrap">
                      {row.tags.map((tag) => (
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
        </>
      )}
    </>
  );
}
