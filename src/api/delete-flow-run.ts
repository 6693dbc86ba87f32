/**
 * Deleting a flow run with its state history, task runs, logs and artifacts' links (by
 * cascade). A run that may be executing (Pending, Running, Cancelling) is refused: cancel
 * it first, so no process keeps writing to a run that is gone.
 *
 * @module
 */
import { OrdoError } from "../errors/index.js";
import { StateType } from "../states/index.js";
import type { Store } from "../store/index.js";
import { readFlowRun } from "./flow-runs.js";

const EXECUTING: ReadonlySet<string> = new Set([StateType.PENDING, StateType.RUNNING, StateType.CANCELLING]);

/**
 * Deletes the flow run `id`; throws `ORDO_NOT_FOUND` for an unknown id and `ORDO_CONFLICT`
 * while it may be executing.
 *
 * @example
 * ```ts
 * await deleteFlowRun(store, run.id);
 * ```
 */
export async function deleteFlowRun(store: Store, id: string): Promise<void> {
  const run = await readFlowRun(store, id);
  if (EXECUTING.has(run.state.type)) {
    throw new OrdoError(
      "ORDO_CONFLICT",
      `flow run ${id} is ${run.state.name}: cancel it before deleting it (ordo flow-run cancel ${id})`,
      { id, state: run.state.name },
    );
  }
  const { qb } = store.executor;
  await store.executor.write([
    qb
      .deleteFrom("flow_runs")
      .where("id", "=", id)
      .where("state_type", "not in", [...EXECUTING]),
  ]);
}
