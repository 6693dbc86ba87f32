/**
 * How a run's process imports its flow file: the file compiled ahead into one bundle
 * (`worker/compiled/`), so that no loader is registered; or, when the file cannot be
 * compiled faithfully or `ORDO_COMPILE_FLOWS` is false, the file itself through tsx's
 * loader, as `ordo run` does.
 *
 * On Node.js 20, a module loader's hooks run on a thread of their own, started in every
 * process that registers one: loading a TypeScript flow through tsx costs a run's
 * process about twice the CPU time of importing its compiled bundle (docs/benchmarks.md).
 *
 * @module
 */
import { pathToFileURL } from "node:url";
import { ensureTypeScriptLoader } from "../sdk/entrypoint.js";
import { compiledFlowsPath, loadSettings } from "../settings/index.js";
import { isCompilableFile } from "./compiled/bundle-flow-file.js";
import { compiledFlow } from "./compiled/compiled-flows.js";
import { nodeResolver } from "./compiled/node-resolver.js";

/** The compiled bundle of `file`, or undefined when it is to be loaded as it is. */
async function compiledPath(file: string): Promise<string | undefined> {
  if (!isCompilableFile(file)) return undefined;
  const resolveModule = nodeResolver();
  if (resolveModule === undefined) return undefined;
  const settings = loadSettings();
  if (!settings.ORDO_COMPILE_FLOWS) return undefined;
  try {
    return (await compiledFlow(file, compiledFlowsPath(settings), resolveModule)).path;
  } catch {
    // A cache that cannot be written (a read-only home): the file loads as it is.
    return undefined;
  }
}

/**
 * Imports the flow file `file` (an absolute path) in a run's process and returns its
 * module namespace.
 *
 * @example
 * ```ts
 * const module = await importFlowFile("/p/flows/etl.ts");
 * ```
 */
export async function importFlowFile(file: string): Promise<Record<string, unknown>> {
  const compiled = await compiledPath(file);
  if (compiled !== undefined) {
    // Stack traces name the original files (tsx does the same).
    process.setSourceMapsEnabled(true);
    return (await import(pathToFileURL(compiled).href)) as Record<string, unknown>;
  }
  await ensureTypeScriptLoader();
  return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
}
