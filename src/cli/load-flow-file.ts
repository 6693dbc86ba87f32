/**
 * Loading a flow named as `FILE.ts:FLOW` for the CLI's commands that run or deploy one:
 * the SDK is loaded then, not by every command, and the file is imported compiled ahead
 * where it can be (as in runs' processes).
 *
 * @module
 */
import type { FlowDefinition } from "../engine/definitions.js";
import type { EntrypointFlow } from "../sdk/entrypoint.js";

/** What an entrypoint names: the export, and its flow definition when it is a flow. */
export interface LoadedEntrypoint {
  readonly loaded: EntrypointFlow;
  /** Undefined when the export is not a flow made with `flow()`. */
  readonly definition: FlowDefinition | undefined;
}

/**
 * Imports `entrypoint`'s file (relative to `cwd`) and returns its export.
 *
 * @example
 * ```ts
 * const { definition } = await loadFlowEntrypoint("flows/etl.ts:etl", process.cwd());
 * ```
 */
export async function loadFlowEntrypoint(entrypoint: string, cwd: string): Promise<LoadedEntrypoint> {
  const [{ importFlowFile }, { loadEntrypoint }, { isFlow }] = await Promise.all([
    import("../worker/import-flow-file.js"),
    import("../sdk/entrypoint.js"),
    import("../sdk/flow.js"),
  ]);
  const loaded = await loadEntrypoint(entrypoint, cwd, importFlowFile);
  return { loaded, definition: isFlow(loaded) ? loaded.definition : undefined };
}
