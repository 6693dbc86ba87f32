/**
 * The flow run's Logs tab: its lines (its tasks' included), tailed live, with task run
 * names as loggers.
 *
 * @module
 */
import type { FlowRun } from "../../api/types.js";
import { LogView } from "../../components/runs/log-view.js";
import { isTerminal } from "../../components/runs/run-states.js";
import { useTaskRunNames } from "./use-flow-run-data.js";

/** The log of `run`. */
export function LogsTab({ run }: { readonly run: FlowRun }) {
  const names = useTaskRunNames(run.id, !isTerminal(run.state.type));
  return (
    <LogView
      key={run.id}
      flowRunId={run.id}
      taskRunNames={names}
      fileName={`${run.flowName}-${run.name}`}
      cliCommand={`ordo flow-run logs ${run.id}`}
    />
  );
}
