/**
 * The client SDK helpers use: the running flow's own client inside a run, else the
 * process-wide one.
 *
 * @module
 */
import { getClient } from "../client/get-client.js";
import type { OrdoClient } from "../client/ordo-client.js";
import { currentFlowRunContext, currentRunContext } from "../engine/context.js";

/** The client of the current run, or the process-wide client outside a run. */
export function currentClient(): Promise<OrdoClient> {
  const flow = currentFlowRunContext();
  return flow === undefined ? getClient() : Promise.resolve(flow.config.client);
}

/** The ids of the current flow run and task run, when called inside one. */
export function currentRunIds(): { flowRunId?: string; taskRunId?: string } {
  const ctx = currentRunContext();
  if (ctx === undefined) return {};
  if (ctx.kind === "flow") return { flowRunId: ctx.flowRunId };
  return { flowRunId: ctx.flow.flowRunId, taskRunId: ctx.taskRun.id };
}
