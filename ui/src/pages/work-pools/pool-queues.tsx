/**
 * A pool's queues: name, priority, concurrency limit, status, last poll, pause/resume.
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.js";
import type { WorkQueue } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { RelativeTime } from "../../components/time.js";
import { PauseButton } from "./pause-button.js";
import { poolPath } from "./use-pause-toggle.js";
import { WorkStatusBadge } from "./work-status-badge.js";

/** The queues of `pool`, by priority. */
export function PoolQueues({ pool }: { readonly pool: string }) {
  const queues = useQuery({
    queryKey: ["work-pools", "queues", pool],
    queryFn: ({ signal }) => api<WorkQueue[]>(`${poolPath(pool)}/queues`, { signal }),
    refetchInterval: 30_000,
  });
  if (queues.error !== null) return <ErrorNotice error={queues.error} />;
  if (queues.data === undefined) return <p className="muted">Loading queues…</p>;
  if (queues.data.length === 0) {
    return (
      <p className="muted">
        No queues. Create one with <code>{`ordo work-queue create <name> --pool ${pool}`}</code>.
      </p>
    );
  }
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Priority</th>
          <th scope="col">Concurrency limit</th>
          <th scope="col">Status</th>
          <th scope="col">Last polled</th>
          <th scope="col" aria-label="Actions" />
        </tr>
      </thead>
      <tbody>
        {queues.data.map((queue) => (
          <tr key={queue.id}>
            <td>{queue.name}</td>
            <td>{queue.priority}</td>
            <td>{queue.concurrencyLimit ?? <span className="muted">None</span>}</td>
            <td>
              <WorkStatusBadge status={queue.status} />
            </td>
            <td>
              <RelativeTime at={queue.lastPolledAt} />
            </td>
            <td>
              <PauseButton
                path={poolPath(pool, queue.name)}
                paused={queue.paused}
                what={`queue ${queue.name}`}
              />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
