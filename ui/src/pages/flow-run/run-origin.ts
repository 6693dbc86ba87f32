/**
 * Who started a flow run: a parent run (a subflow), a deployment's schedule, a
 * deployment run by hand or by the API, or code (`ordo run`, a script). Pure.
 *
 * @module
 */
import type { FlowRun } from "../../api/types.js";

/** Who started a flow run. */
export type RunOrigin =
  | {
      readonly kind: "subflow";
      readonly parentFlowRunId: string;
      readonly parentTaskRunId?: string | undefined;
    }
  | { readonly kind: "schedule"; readonly deploymentId: string; readonly scheduleId: string }
  | { readonly kind: "deployment"; readonly deploymentId: string }
  | { readonly kind: "code"; readonly host?: string | undefined };

/** Who started `run`. */
export function runOrigin(
  run: Pick<FlowRun, "parentFlowRunId" | "parentTaskRunId" | "deploymentId" | "scheduleId" | "host">,
): RunOrigin {
  if (run.parentFlowRunId !== undefined) {
    return { kind: "subflow", parentFlowRunId: run.parentFlowRunId, parentTaskRunId: run.parentTaskRunId };
  }
  if (run.deploymentId !== undefined && run.scheduleId !== undefined) {
    return { kind: "schedule", deploymentId: run.deploymentId, scheduleId: run.scheduleId };
  }
  if (run.deploymentId !== undefined) return { kind: "deployment", deploymentId: run.deploymentId };
  return { kind: "code", host: run.host };
}
