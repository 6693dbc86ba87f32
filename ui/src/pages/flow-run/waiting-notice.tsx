/**
 * The notice that says why a flow run is not running yet, with the command that would
 * move it.
 *
 * @module
 */
import type { FlowRun } from "../../api/types.js";
import { CopyButton } from "../../components/copy-button.js";
import { useNow } from "../../components/time.js";
import { stateColorVar } from "../../theme/state-colors.js";
import { whyWaiting } from "./why-waiting.js";

/** "Late: it should have started 5 min. ago — start a worker: `ordo worker start --pool p`". */
export function WaitingNotice({
  run,
  poolName,
}: {
  readonly run: FlowRun;
  readonly poolName: string | undefined;
}) {
  const now = useNow();
  const reason = whyWaiting(run, { now, poolName });
  if (reason === undefined) return null;
  return (
    <section
      className="card waiting-notice"
      aria-label="Why the run is waiting"
      role="status"
      style={{ borderLeftColor: stateColorVar(run.state.name, run.state.type) }}
    >
      <strong>{reason.title}</strong>
      {reason.detail !== undefined && <p>{reason.detail}</p>}
      {reason.command !== undefined && (
        <p className="row">
          <code>{reason.command}</code>
          <CopyButton value={reason.command} label="Copy command" />
        </p>
      )}
    </section>
  );
}
