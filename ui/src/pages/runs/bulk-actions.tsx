/**
 * The bulk actions over the selected runs: Cancel, and Delete when the server offers it.
 * Each asks first; failures are toasts with their error codes.
 *
 * @module
 */
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, post } from "../../api/client.js";
import { useApiOffers } from "../../components/runs/use-api-offers.js";
import { useToaster } from "../../components/toasts.js";
import { confirmQuestion, outcomeSummary, runBulk } from "./bulk.js";

/** Props of {@link BulkActions}. */
export interface BulkActionsProps {
  readonly ids: readonly string[];
  readonly onClear: () => void;
}

/** "3 selected · Cancel · Delete · Clear". */
export function BulkActions({ ids, onClear }: BulkActionsProps) {
  const toaster = useToaster();
  const client = useQueryClient();
  const canDelete = useApiOffers("delete", "/api/flow_runs/{id}");
  const [busy, setBusy] = useState(false);

  const act = async (
    verb: string,
    past: string,
    note: string | undefined,
    action: (id: string) => Promise<unknown>,
  ) => {
    if (!window.confirm(confirmQuestion(verb, ids.length, note))) return;
    setBusy(true);
    try {
      const outcome = await runBulk(ids, action);
      const first = outcome.failed[0];
      if (first !== undefined) {
        toaster.error(
          first.error,
          `${outcomeSummary(past, outcome)}; ${outcome.failed.length} failed, e.g. ${first.id}`,
        );
      } else {
        toaster.info(outcomeSummary(past, outcome));
      }
      onClear();
    } finally {
      setBusy(false);
      void client.invalidateQueries({ queryKey: ["flow-runs"] });
    }
  };

  return (
    <div className="bulk-bar" role="toolbar" aria-label="Actions on the selected runs">
      <strong>{ids.length} selected</strong>
      <button
        type="button"
        className="danger"
        disabled={busy}
        onClick={() =>
          void act(
            "Cancel",
            "Cancelled",
            "Scheduled and paused runs end at once; running ones are stopped by their worker.",
            (id) =>
              post(`/flow_runs/${encodeURIComponent(id)}/cancel`, { reason: "cancelled in the web UI" }),
          )
        }
      >
        Cancel runs
      </button>
      {canDelete && (
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={() =>
            void act(
              "Delete",
              "Deleted",
              "Their task runs, logs and states go too. This cannot be undone.",
              (id) => api(`/flow_runs/${encodeURIComponent(id)}`, { method: "DELETE" }),
            )
          }
        >
          Delete runs
        </button>
      )}
      <button type="button" onClick={onClear} disabled={busy}>
        Clear selection
      </button>
    </div>
  );
}
