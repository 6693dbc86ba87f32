/**
 * A compact table of flow runs for a filter: one request for the page (server-side
 * filtering, keyset pagination), live through the "flow-runs" query root.
 * Used where a page shows "its" runs (a flow's, a deployment's, a pool's, recent ones).
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { post } from "../../api/client.js";
import type { FlowRunFilter, FlowRunPage } from "../../api/types.js";
import { EmptyState } from "../empty-state.js";
import { ErrorNotice } from "../error-notice.js";
import { StateBadge } from "../state-badge.js";
import { Duration, RelativeTime } from "../time.js";

/** Props of {@link FlowRunTable}. */
export interface FlowRunTableProps {
  /** Which runs (the page size is `limit`, default 20). */
  readonly filter: FlowRunFilter;
  /** What the empty table says, and the command that would fill it. */
  readonly emptyTitle?: string;
  readonly emptyCommand?: string;
  /** Hide the flow column (on a flow's own page). */
  readonly hideFlow?: boolean;
}

/** The first page of runs matching `filter`, newest first unless the filter sorts. */
export function FlowRunTable({ filter, emptyTitle, emptyCommand, hideFlow = false }: FlowRunTableProps) {
  const query = useQuery({
    queryKey: ["flow-runs", "table", filter],
    queryFn: ({ signal }) => post<FlowRunPage>("/flow_runs/paginate", { limit: 20, ...filter }, signal),
  });
  if (query.error !== null) return <ErrorNotice error={query.error} />;
  if (query.data === undefined) return <p className="muted">Loading runs…</p>;
  if (query.data.items.length === 0) {
    return <EmptyState title={emptyTitle ?? "No runs yet."} command={emptyCommand} />;
  }
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">State</th>
          <th scope="col">Run</th>
          {!hideFlow && <th scope="col">Flow</th>}
          <th scope="col">Start</th>
          <th scope="col">Duration</th>
        </tr>
      </thead>
      <tbody>
        {query.data.items.map((run) => (
          <tr key={run.id}>
            <td>
              <StateBadge type={run.state.type} name={run.state.name} />
            </td>
            <td>
              <Link to={`/runs/${run.id}`}>{run.name}</Link>
            </td>
            {!hideFlow && (
              <td>
                <Link to={`/flows/${encodeURIComponent(run.flowName)}`}>{run.flowName}</Link>
              </td>
            )}
            <td>
              <RelativeTime at={run.startTime ?? run.expectedStartTime} />
            </td>
            <td>
              <Duration start={run.startTime} end={run.endTime} live={run.state.type === "RUNNING"} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
