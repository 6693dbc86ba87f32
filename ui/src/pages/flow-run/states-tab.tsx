/**
 * The flow run's State history tab (`GET /api/flow_runs/{id}/states`).
 *
 * @module
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.js";
import type { FlowRun, StateData } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { isTerminal } from "../../components/runs/run-states.js";
import { StateHistory } from "../../components/runs/state-history.js";

/** The states `run` went through, oldest first. */
export function StatesTab({ run }: { readonly run: FlowRun }) {
  const query = useQuery({
    // Under "flow-run" (refreshed on state events), and read again when the run's state changes.
    queryKey: ["flow-run", run.id, "states", run.state.timestamp],
    queryFn: ({ signal }) => api<StateData[]>(`/flow_runs/${encodeURIComponent(run.id)}/states`, { signal }),
  });
  if (query.error !== null) return <ErrorNotice error={query.error} />;
  if (query.data === undefined) return <p className="muted">Loading the state history…</p>;
  return <StateHistory states={query.data} live={!isTerminal(run.state.type)} />;
}
