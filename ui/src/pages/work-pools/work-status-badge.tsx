/**
 * A work pool, queue or worker status as a badge: colour and words.
 *
 * @module
 */
import type { Worker, WorkStatus } from "../../api/types.js";
import { workStatusColor, workStatusLabel } from "./pool-summary.js";

/** "Ready", "Not ready", "Paused", "Online" or "Offline", coloured. */
export function WorkStatusBadge({ status }: { readonly status: WorkStatus | Worker["status"] }) {
  return (
    <span className="badge" style={{ color: workStatusColor(status) }}>
      <span className="dot" aria-hidden="true" />
      <span style={{ color: "var(--text)" }}>{workStatusLabel(status)}</span>
    </span>
  );
}
