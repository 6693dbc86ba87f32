/**
 * The flow run's actions: Cancel run (not over yet), Retry (a deployment's failed,
 * crashed or cancelled run goes back to its queue), and a link to the resume form of a
 * paused run. Each asks first; failures are toasts with their error codes.
 *
 * @module
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { post } from "../../api/client.js";
import type { FlowRun, StateData } from "../../api/types.js";
import { canCancel, retryMode, retryProposal } from "../../components/runs/run-states.js";
import { useToaster } from "../../components/toasts.js";

interface SetStateAnswer {
  readonly status: "ACCEPT" | "REJECT" | "WAIT";
  readonly state: StateData;
  readonly reason?: string;
}

/** Props of {@link FlowRunActions}. */
export interface FlowRunActionsProps {
  readonly run: FlowRun;
  readonly poolName: string | undefined;
}

/** The buttons of the flow run page's header. */
export function FlowRunActions({ run, poolName }: FlowRunActionsProps) {
  const client = useQueryClient();
  const toaster = useToaster();
  const [busy, setBusy] = useState(false);
  const path = `/flow_runs/${encodeURIComponent(run.id)}`;

  const refresh = (next?: FlowRun) => {
    if (next !== undefined) client.setQueryData(["flow-run", run.id], next);
    void client.invalidateQueries({ queryKey: ["flow-run", run.id] });
    void client.invalidateQueries({ queryKey: ["flow-runs"] });
  };

  const cancel = async () => {
    if (!window.confirm(`Cancel the run ${run.name}? A running run's process is stopped by its worker.`))
      return;
    setBusy(true);
    try {
      const next = await post<FlowRun>(`${path}/cancel`, { reason: "cancelled in the web UI" });
      toaster.info(`${run.name} is ${next.state.name}`);
      refresh(next);
    } catch (error) {
      toaster.error(error, "Cancel");
    } finally {
      setBusy(false);
    }
  };

  const retry = async () => {
    const where = poolName === undefined ? "its worker" : `a worker of the pool "${poolName}"`;
    if (!window.confirm(`Retry ${run.name}? ${where} runs it again; its completed tasks are reused.`)) return;
    setBusy(true);
    try {
      const answer = await post<SetStateAnswer>(`${path}/set_state`, {
        state: retryProposal(Date.now()),
        rerun: true,
      });
      if (answer.status === "ACCEPT")
        toaster.info(`${run.name} is ${answer.state.name}: waiting for ${where}`);
      else toaster.error(new Error(`${answer.status}: ${answer.reason ?? "refused"}`), "Retry");
      refresh();
    } catch (error) {
      toaster.error(error, "Retry");
    } finally {
      setBusy(false);
    }
  };

  const mode = retryMode(run);
  return (
    <>
      {run.state.type === "PAUSED" && (
        <a className="button primary" href="#resume">
          Resume…
        </a>
      )}
      {mode === "queue" && (
        <button type="button" disabled={busy} onClick={() => void retry()}>
          Retry
        </button>
      )}
      {canCancel(run.state.type) && (
        <button type="button" className="danger" disabled={busy} onClick={() => void cancel()}>
          Cancel run
        </button>
      )}
    </>
  );
}
