/**
 * The flow run's Graph tab (placeholder while the graph is built).
 *
 * @module
 */

/** The run graph of `flowRunId`. */
export function GraphTab({ flowRunId }: { readonly flowRunId: string }) {
  return <p className="muted">Graph of {flowRunId}</p>;
}
