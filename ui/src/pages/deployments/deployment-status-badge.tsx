/**
 * A deployment's status as a badge: Ready (a worker polls its pool), Not ready (none
 * does: its runs would wait), Paused (its schedules make no runs).
 *
 * @module
 */
import type { Deployment } from "../../api/types.js";

const LOOK: Record<
  Deployment["status"],
  { readonly label: string; readonly color: string; readonly hint: string }
> = {
  READY: { label: "Ready", color: "var(--state-completed)", hint: "a worker of its pool is polling" },
  NOT_READY: {
    label: "Not ready",
    color: "var(--state-late)",
    hint: "no worker polls its pool: runs will wait",
  },
  PAUSED: { label: "Paused", color: "var(--state-paused)", hint: "its schedules make no runs" },
};

/** The badge of a deployment status (colour plus words; the reason on hover). */
export function DeploymentStatusBadge({ status }: { readonly status: Deployment["status"] }) {
  const look = LOOK[status];
  return (
    <span className="badge" style={{ color: look.color }} title={`${status}: ${look.hint}`}>
      <span className="dot" aria-hidden="true" />
      <span style={{ color: "var(--text)" }}>{look.label}</span>
    </span>
  );
}
