/**
 * Work pool and worker health: pools by status (READY, NOT_READY, PAUSED) and workers
 * online and offline, with the pools that need attention listed.
 *
 * @module
 */
import { Link } from "react-router";
import { ErrorNotice } from "../../components/error-notice.js";
import { CREATE_POOL_COMMAND } from "../work-pools/pool-commands.js";
import { countOf, summarizeHealth } from "../work-pools/pool-summary.js";
import { usePoolList, usePoolSummaries } from "../work-pools/use-pools.js";
import { WorkStatusBadge } from "../work-pools/work-status-badge.js";

/** The pools' and workers' health. */
export function PoolHealthCard() {
  const pools = usePoolList();
  const summaries = usePoolSummaries(pools.data);
  const health =
    pools.data === undefined ? undefined : summarizeHealth(pools.data, summaries.data ?? new Map());
  const attention = (pools.data ?? []).filter((p) => p.status !== "READY").slice(0, 5);
  return (
    <section className="card" aria-labelledby="pool-health">
      <h2 id="pool-health">
        <Link to="/work-pools">Work pools</Link>
      </h2>
      {pools.error !== null ? (
        <ErrorNotice error={pools.error} />
      ) : health === undefined || pools.data === undefined ? (
        <p className="muted">Loading…</p>
      ) : pools.data.length === 0 ? (
        <p className="muted">
          No work pools. Create one with <code>{CREATE_POOL_COMMAND}</code>.
        </p>
      ) : (
        <>
          <dl className="props">
            <dt>
              <WorkStatusBadge status="READY" />
            </dt>
            <dd>{countOf(health.pools.READY, "pool")}</dd>
            <dt>
              <WorkStatusBadge status="NOT_READY" />
            </dt>
            <dd>{countOf(health.pools.NOT_READY, "pool")}</dd>
            <dt>
              <WorkStatusBadge status="PAUSED" />
            </dt>
            <dd>{countOf(health.pools.PAUSED, "pool")}</dd>
            <dt>
              <WorkStatusBadge status="ONLINE" />
            </dt>
            <dd>{summaries.data === undefined ? "…" : countOf(health.workersOnline, "worker")}</dd>
            <dt>
              <WorkStatusBadge status="OFFLINE" />
            </dt>
            <dd>{summaries.data === undefined ? "…" : countOf(health.workersOffline, "worker")}</dd>
          </dl>
          {summaries.error !== null && <ErrorNotice error={summaries.error} />}
          {attention.length > 0 && (
            <ul className="attention">
              {attention.map((pool) => (
                <li key={pool.id}>
                  <Link to={`/work-pools/${encodeURIComponent(pool.name)}`}>{pool.name}</Link>{" "}
                  <WorkStatusBadge status={pool.status} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
