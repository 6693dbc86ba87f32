/**
 * The flow run's Graph tab: its task runs and subflows as a DAG (see `graph/run-graph.tsx`).
 *
 * @module
 */
import { RunGraph } from "../../graph/run-graph.js";

/** The run graph of `flowRunId`. */
export function GraphTab({ flowRunId }: { readonly flowRunId: string }) {
  return <RunGraph flowRunId={flowRunId} />;
}
