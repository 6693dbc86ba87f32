/**
 * Finding the flow of an existing flow run: in this process's registry by name, or
 * loaded from the entrypoint recorded with the run.
 *
 * @module
 */
import type { FlowDefinition } from "../engine/definitions.js";
import { OrdoError } from "../errors/ordo-error.js";
import type { FlowRun } from "../schemas/index.js";
import { loadEntrypoint, type ModuleImporter } from "./entrypoint.js";
import { isFlow } from "./flow.js";
import { registry } from "./registry.js";

/**
 * The flow definition of `run`, its entrypoint's file imported by `importModule` when the
 * flow is not defined in this process; throws `ORDO_NOT_FOUND` when it is neither defined
 * here nor loadable.
 */
export async function flowDefinitionOf(run: FlowRun, importModule?: ModuleImporter): Promise<FlowDefinition> {
  let def = registry.flows.get(run.flowName);
  if (def === undefined && run.entrypoint !== undefined) {
    const loaded = await loadEntrypoint(run.entrypoint, undefined, importModule);
    if (isFlow(loaded)) def = loaded.definition;
  }
  if (def === undefined) {
    throw new OrdoError(
      "ORDO_NOT_FOUND",
      `flow '${run.flowName}' of run ${run.id} is not defined in this process and the run has no entrypoint; import the flow first`,
      { flowRunId: run.id, flow: run.flowName },
    );
  }
  return def;
}
