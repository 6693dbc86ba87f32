/**
 * The flow run's Timeline tab (placeholder while the timeline is built).
 *
 * @module
 */

/** The Gantt chart of `flowRunId`'s task runs. */
export function TimelineTab({ flowRunId }: { readonly flowRunId: string }) {
  return <p className="muted">Timeline of {flowRunId}</p>;
}
