/**
 * A pool's workers: name, ONLINE/OFFLINE (and whether it stopped), last heartbeat.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.js";
import type { Worker } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { RelativeTime } from "../../components/time.js";
import { startWorkerCommand } from "./pool-commands.js";
import { poolPath } from "./use-pause-toggle.js";
import { WorkStatusBadge } from "./work-status-badge.js";

/**
 * A worker's status badge; "stopped" next to it when its last heartbeat said it stopped
 * (a graceful shutdown), rather than it going silent.
 */
export function WorkerStatus({ worker }: { readonly worker: Pick<Worker, "status" | "stoppedAt"> }) {
  return (
    <>
      <WorkStatusBadge status={worker.status} />
      {worker.stoppedAt !== undefined && <span className="muted"> · stopped</span>}
    </>
  );
}

/** The workers that sent heartbeats to `pool`. */
export function PoolWorkers({ pool }: { readonly pool: string }) {
  const workers = useQuery({
    queryKey: ["work-pools", "workers", pool],
    queryFn: ({ signal }) => api<Worker[]>(`${poolPath(pool)}/workers`, { signal }),
    refetchInterval: 15_000,
  });
  if (workers.error !== null) return <ErrorNotice error={workers.error} />;
  if (workers.data === undefined) return <p className="muted">Loading workers…</p>;
  if (workers.data.length === 0) {
    return (
      <p className="muted">
        No workers yet. Start one with <code>{startWorkerCommand(pool)}</code>.
      </p>
    );
  }
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col">Last heartbeat</th>
          <th scope="col">Heartbeat every</th>
        </tr>
      </thead>
      <tbody>
        {workers.data.map((worker) => (
          <tr key={worker.id}>
            <td className="mono">{worker.name}</td>
            <td>
              <WorkerStatus worker={worker} />
            </td>
            <td>
              <RelativeTime at={worker.lastHeartbeatAt} />
            </td>
            <td>{worker.heartbeatIntervalSeconds} s</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
