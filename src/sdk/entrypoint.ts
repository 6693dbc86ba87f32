/**
 * Entrypoints: `path/to/file.ts:exportName` strings that name a flow in a file, as
 * `ordo run`, deployments and retries use them.
 *
 * Loading registers tsx's ESM loader once, so TypeScript files load with no build
 * step, then imports the file by its file URL. The module is imported, not executed as
 * a script: code that should run only when the file is started directly must be guarded
 * (see docs/cli.md).
 *
 * @module
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { OrdoError } from "../errors/ordo-error.js";
import type { State } from "../states/state.js";

/** The marker property every flow object carries (`value[FLOW_MARKER] === true`). */
const FLOW_MARKER = Symbol.for("ordo.flow");
/** Set on `globalThis` once tsx's loader is registered in this process. */
const TSX_REGISTERED = Symbol.for("ordo.tsx-registered");

/** An entrypoint string split into its file and export. */
export interface EntrypointSpec {
  /** The file part, as written (relative paths are relative to the working folder). */
  readonly path: string;
  /** The name of the export. */
  readonly exportName: string;
}

/**
 * What `loadEntrypoint` returns: a flow, as far as running it from the CLI needs.
 * (The full `Flow` type lives in `sdk/flow.ts`.)
 */
export interface EntrypointFlow {
  /** The flow's name. */
  readonly flowName?: string | undefined;
  /** Where the flow was loaded from, `/abs/path/file.ts:export`; recorded on its runs. */
  entrypoint?: string | undefined;
  /** Runs the flow and returns its final state; never throws for a flow failure. */
  state(params?: Record<string, unknown>): Promise<State>;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * Splits `path/to/file.ts:exportName` at its last colon (so Windows drive letters
 * survive). Throws `ORDO_INVALID_ENTRYPOINT` for a spec without a path or export name,
 * or with an export name that is not an identifier.
 *
 * @example
 * ```ts
 * parseEntrypointSpec("flows/etl.ts:etl"); // { path: "flows/etl.ts", exportName: "etl" }
 * ```
 */
export function parseEntrypointSpec(spec: string): EntrypointSpec {
  const colon = spec.lastIndexOf(":");
  const hint = `entrypoints look like path/to/file.ts:flowExport`;
  if (colon < 0) {
    throw new OrdoError("ORDO_INVALID_ENTRYPOINT", `invalid entrypoint "${spec}": no export name (${hint})`, {
      spec,
    });
  }
  const path = spec.slice(0, colon).trim();
  const exportName = spec.slice(colon + 1).trim();
  if (path === "") {
    throw new OrdoError("ORDO_INVALID_ENTRYPOINT", `invalid entrypoint "${spec}": no file path (${hint})`, {
      spec,
    });
  }
  if (exportName === "") {
    throw new OrdoError("ORDO_INVALID_ENTRYPOINT", `invalid entrypoint "${spec}": no export name (${hint})`, {
      spec,
    });
  }
  if (!IDENTIFIER.test(exportName)) {
    throw new OrdoError(
      "ORDO_INVALID_ENTRYPOINT",
      `invalid entrypoint "${spec}": "${exportName}" is not an export name (${hint})`,
      { spec },
    );
  }
  return { path, exportName };
}

/**
 * Splits an entrypoint at its last colon into the file and what follows (an export
 * name, or a flow's name for flows that `serve` and `flow.deploy` registered from their
 * defining file), without checking either. Throws `ORDO_INVALID_ENTRYPOINT` when a part
 * is empty.
 *
 * @example
 * ```ts
 * splitEntrypoint("flows/etl.ts:nightly-etl"); // { path: "flows/etl.ts", name: "nightly-etl" }
 * ```
 */
export function splitEntrypoint(spec: string): { path: string; name: string } {
  const colon = spec.lastIndexOf(":");
  const path = colon < 0 ? "" : spec.slice(0, colon).trim();
  const name = colon < 0 ? "" : spec.slice(colon + 1).trim();
  if (path === "" || name === "") {
    throw new OrdoError(
      "ORDO_INVALID_ENTRYPOINT",
      `invalid entrypoint "${spec}": entrypoints look like path/to/file.ts:flowExport`,
      { spec },
    );
  }
  return { path, name };
}

/** True when `value` carries the flow marker. */
function isFlowLike(value: unknown): value is EntrypointFlow {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  return (value as Record<symbol, unknown>)[FLOW_MARKER] === true;
}

/**
 * The exports of an imported module: its namespace, or for a CommonJS module (a
 * TypeScript file in a package without `"type": "module"`, which tsx compiles to
 * CommonJS), the names of its `module.exports` object, which Node.js may not list in the
 * namespace.
 *
 * @example
 * ```ts
 * exportsOf(await import("./flows/etl.ts")).etl; // the flow, whichever module system loaded it
 * ```
 */
export function exportsOf(namespace: Record<string, unknown>): Record<string, unknown> {
  const commonJs = namespace["default"];
  if (typeof commonJs !== "object" || commonJs === null || Array.isArray(commonJs)) return namespace;
  return { ...(commonJs as Record<string, unknown>), ...namespace };
}

/** Imports the file at an absolute path and returns its module namespace. */
export type ModuleImporter = (absolutePath: string) => Promise<Record<string, unknown>>;

/** Imports `absolutePath` as it is, with tsx's loader registered (TypeScript without a build step). */
export async function importWithTypeScript(absolutePath: string): Promise<Record<string, unknown>> {
  await ensureTypeScriptLoader();
  return (await import(pathToFileURL(absolutePath).href)) as Record<string, unknown>;
}

/**
 * Registers tsx's loaders the first time one is needed in this process: its ESM hooks,
 * and its CommonJS hooks for TypeScript files in packages without `"type": "module"`
 * (which Node.js loads as CommonJS).
 */
export async function ensureTypeScriptLoader(): Promise<void> {
  const slot = globalThis as unknown as Record<symbol, boolean | undefined>;
  if (slot[TSX_REGISTERED] === true) return;
  const [commonJs, esm] = await Promise.all([import("tsx/cjs/api"), import("tsx/esm/api")]);
  commonJs.register();
  esm.register();
  slot[TSX_REGISTERED] = true;
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "function") return "a function";
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}

/**
 * Loads the flow that an entrypoint names and records the entrypoint on it.
 *
 * `spec` is `path/to/file.ts:exportName`; a relative path is relative to `cwd`. The
 * flow's `entrypoint` becomes `/absolute/path/file.ts:exportName`, so its runs record
 * where they came from. Throws `ORDO_INVALID_ENTRYPOINT` for a malformed spec, a missing
 * file, a file that fails to import, a missing export, or an export that is not a flow.
 * `importModule` imports the file (default: as it is, through tsx's loader).
 *
 * @example
 * ```ts
 * const etl = await loadEntrypoint("flows/etl.ts:etl");
 * const state = await etl.state({ table: "users" });
 * ```
 */
export async function loadEntrypoint(
  spec: string,
  cwd: string = process.cwd(),
  importModule: ModuleImporter = importWithTypeScript,
): Promise<EntrypointFlow> {
  const { path, exportName } = parseEntrypointSpec(spec);
  const absolutePath = resolve(cwd, path);
  if (!existsSync(absolutePath) || !statSync(absolutePath).isFile()) {
    throw new OrdoError("ORDO_INVALID_ENTRYPOINT", `entrypoint file not found: ${absolutePath}`, {
      spec,
      path: absolutePath,
    });
  }
  let moduleNamespace: Record<string, unknown>;
  try {
    moduleNamespace = await importModule(absolutePath);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new OrdoError(
      "ORDO_INVALID_ENTRYPOINT",
      `could not import ${absolutePath}: ${reason}`,
      { spec },
      {
        cause: error,
      },
    );
  }
  const exported = exportsOf(moduleNamespace);
  if (!(exportName in exported)) {
    const flows = Object.keys(exported)
      .filter((name) => isFlowLike(exported[name]))
      .sort();
    const available = flows.length > 0 ? `its flow exports are: ${flows.join(", ")}` : "it exports no flows";
    throw new OrdoError("ORDO_INVALID_ENTRYPOINT", `${path} has no export "${exportName}" (${available})`, {
      spec,
      exportName,
      flows,
    });
  }
  const value = exported[exportName];
  if (!isFlowLike(value)) {
    throw new OrdoError(
      "ORDO_INVALID_ENTRYPOINT",
      `export "${exportName}" of ${path} is not a flow (it is ${kindOf(value)}; make it with flow(…))`,
      { spec, exportName },
    );
  }
  value.entrypoint = `${absolutePath}:${exportName}`;
  return value;
}
