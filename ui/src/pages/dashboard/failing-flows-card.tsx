/**
 * The flows with the most failed and crashed runs in the range: one page of such runs
 * (the newest {@link FAILURE_SAMPLE}), grouped by flow.
 *
 * @module
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { post } from "../../api/client.js";
import type { FlowRunPage } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { RelativeTime } from "../../components/time.js";
import { groupFailingFlows } from "./failing-flows.js";
import { inRange } from "./headline-counts.js";
import type { RangeWindow } from "./time-range.js";

/** How many failed runs the grouping reads at most. */
export const FAILURE_SAMPLE = 500;

/** The top failing flows of `span`. */
export function FailingFlowsCard({ span }: { readonly span: RangeWindow }) {
  const failures = useQuery({
    queryKey: ["dashboard", "failing-flows", span.from, span.until],
    queryFn: ({ signal }) =>
      post<FlowRunPage>(
        "/flow_runs/paginate",
        {
          stateTypes: ["FAILED", "CRASHED"],
          ...inRange(span),
          limit: FAILURE_SAMPLE,
        },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
  const flows = failures.data === undefined ? [] : groupFailingFlows(failures.data.items, 5);
  return (
    <section className="card" aria-labelledby="failing-flows">
      <h2 id="failing-flows">Failing flows</h2>
      {failures.error !== null ? (
        <ErrorNotice error={failures.error} />
      ) : failures.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : flows.length === 0 ? (
        <p className="muted">No failed or crashed runs in this range.</p>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Flow</th>
                <th scope="col">Failed</th>
                <th scope="col">Crashed</th>
                <th scope="col">Last failure</th>
              </tr>
            </thead>
            <tbody>
              {flows.map((flow) => (
                <tr key={flow.flowName}>
                  <td>
                    <Link to={`/flows/${encodeURIComponent(flow.flowName)}`}>{flow.flowName}</Link>
                  </td>
                  <td>{flow.failed}</td>
                  <td>{flow.crashed}</td>
                  <td>
                    <Link to={`/runs/${flow.lastRunId}`}>
                      <RelativeTime at={flow.lastAt} />
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {failures.data.nextCursor !== undefined && (
            <p className="muted small">From the newest {FAILURE_SAMPLE} failures of the range.</p>
          )}
        </>
      )}
    </section>
  );
}
