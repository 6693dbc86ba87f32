/**
 * One work pool: its status with pause/resume, concurrency, base job template, queues,
 * workers and runs. Each region is one request.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { api } from "../../api/client.js";
import type { WorkPool } from "../../api/types.js";
import { CopyButton } from "../../components/copy-button.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { FlowRunTable } from "../../components/runs/flow-run-table.js";
import { RelativeTime } from "../../components/time.js";
import { PauseButton } from "./pause-button.js";
import { PoolQueues } from "./pool-queues.js";
import { PoolWorkers } from "./pool-workers.js";
import { poolPath } from "./use-pause-toggle.js";
import { WorkStatusBadge } from "./work-status-badge.js";
import "./work-pools.css";

/** The Work pool page. */
export function WorkPoolPage() {
  const name = useParams()["name"] ?? "";
  const pool = useQuery({
    queryKey: ["work-pools", "pool", name],
    queryFn: ({ signal }) => api<WorkPool>(poolPath(name), { signal }),
    refetchInterval: 30_000,
  });
  return (
    <>
      <PageHeader
        title={name}
        actions={
          pool.data === undefined ? undefined : (
            <PauseButton path={poolPath(name)} paused={pool.data.paused} what={`work pool ${name}`} />
          )
        }
      >
        {pool.data !== undefined && <WorkStatusBadge status={pool.data.status} />}
      </PageHeader>
      {pool.error !== null ? (
        <ErrorNotice error={pool.error} />
      ) : pool.data === undefined ? (
        <p className="muted">Loading work pool…</p>
      ) : (
        <PoolBody pool={pool.data} />
      )}
    </>
  );
}

function PoolBody({ pool }: { readonly pool: WorkPool }) {
  return (
    <div className="pool-page">
      <div className="grid cols-2">
        <section className="card" aria-labelledby="pool-details">
          <h2 id="pool-details">Details</h2>
          <dl className="props">
            <dt>Type</dt>
            <dd>{pool.type}</dd>
            <dt>Status</dt>
            <dd>
              <WorkStatusBadge status={pool.status} />
            </dd>
            <dt>Concurrency limit</dt>
            <dd>{pool.concurrencyLimit ?? <span className="muted">None</span>}</dd>
            {pool.description !== undefined && (
              <>
                <dt>Description</dt>
                <dd>{pool.description}</dd>
              </>
            )}
            <dt>Id</dt>
            <dd className="mono">
              {pool.id} <CopyButton value={pool.id} label="Copy id" />
            </dd>
            <dt>Created</dt>
            <dd>
              <RelativeTime at={pool.createdAt} />
            </dd>
            <dt>Updated</dt>
            <dd>
              <RelativeTime at={pool.updatedAt} />
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="pool-template">
          <h2 id="pool-template">Base job template</h2>
          <pre className="block">{JSON.stringify(pool.baseJobTemplate, null, 2)}</pre>
        </section>
      </div>
      <section aria-labelledby="pool-queues">
        <h2 id="pool-queues">Queues</h2>
        <PoolQueues pool={pool.name} />
      </section>
      <section aria-labelledby="pool-workers">
        <h2 id="pool-workers">Workers</h2>
        <PoolWorkers pool={pool.name} />
      </section>
      <section aria-labelledby="pool-runs">
        <h2 id="pool-runs">Runs</h2>
        <FlowRunTable
          filter={{ workPoolNames: [pool.name] }}
          emptyTitle="No runs in this pool yet."
          emptyCommand={`ordo deploy examples/etl.ts:etl --name nightly --pool ${pool.name}`}
        />
      </section>
    </div>
  );
}
