/**
 * Work pools: every pool with its type, status, concurrency limit, queues and the
 * workers online. One request for the pools, one query for their counts.
 *
 * @module
 */
import { Link } from "react-router";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { CREATE_POOL_COMMAND, startWorkerCommand } from "./pool-commands.js";
import { usePoolList, usePoolSummaries } from "./use-pools.js";
import { WorkStatusBadge } from "./work-status-badge.js";

/** The Work pools page. */
export function WorkPoolsPage() {
  const pools = usePoolList();
  const summaries = usePoolSummaries(pools.data);
  return (
    <>
      <PageHeader title="Work pools" />
      {pools.error !== null ? (
        <ErrorNotice error={pools.error} />
      ) : pools.data === undefined ? (
        <p className="muted">Loading work pools…</p>
      ) : pools.data.length === 0 ? (
        <EmptyState title="No work pools yet.">
          <p>Create a pool, then start a worker that runs its deployments' runs:</p>
          <p>
            <code>{CREATE_POOL_COMMAND}</code>
          </p>
          <p>
            <code>{startWorkerCommand()}</code>
          </p>
        </EmptyState>
      ) : (
        <>
          {summaries.error !== null && <ErrorNotice error={summaries.error} />}
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col">Concurrency limit</th>
                <th scope="col">Queues</th>
                <th scope="col">Workers online</th>
              </tr>
            </thead>
            <tbody>
              {pools.data.map((pool) => {
                const summary = summaries.data?.get(pool.name);
                return (
                  <tr key={pool.id}>
                    <td>
                      <Link to={`/work-pools/${encodeURIComponent(pool.name)}`}>{pool.name}</Link>
                    </td>
                    <td>{pool.type}</td>
                    <td>
                      <WorkStatusBadge status={pool.status} />
                    </td>
                    <td>{pool.concurrencyLimit ?? <span className="muted">None</span>}</td>
                    <td>{summary?.queues ?? <span className="muted">—</span>}</td>
                    <td>
                      {summary === undefined ? (
                        <span className="muted">—</span>
                      ) : (
                        <>
                          {summary.workersOnline}
                          {summary.workersOffline > 0 && (
                            <span className="muted"> ({summary.workersOffline} offline)</span>
                          )}
                        </>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
