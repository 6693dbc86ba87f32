/**
 * Node.js's own ESM resolution from any importing file, for the packages a compiled flow
 * imports: `import.meta.resolve(specifier, parent)`. On Node.js 20 the `parent` argument
 * needs `--experimental-import-meta-resolve` (without it, it is ignored), which runs'
 * processes are started with.
 *
 * @module
 */
import type { ResolveModule } from "./bundle-flow-file.js";

/** The Node.js option that lets `import.meta.resolve` resolve from another module. */
export const IMPORT_META_RESOLVE_FLAG = "--experimental-import-meta-resolve";

/**
 * The Node.js options a run's process needs for compiled flows: the flag, when this
 * Node.js has it (a version without it loads flow files through tsx).
 */
export function importMetaResolveOptions(): string[] {
  return process.allowedNodeEnvironmentFlags.has(IMPORT_META_RESOLVE_FLAG) ? [IMPORT_META_RESOLVE_FLAG] : [];
}

/**
 * Node.js's resolution of a specifier imported from `parentUrl`, or undefined when this
 * process was started without {@link IMPORT_META_RESOLVE_FLAG} (the answer would be
 * relative to Ordo's own module, not to the importing file).
 *
 * @example
 * ```ts
 * nodeResolver()?.("zod", "file:///p/flows/etl.ts"); // "file:///p/node_modules/zod/index.js"
 * ```
 */
export function nodeResolver(): ResolveModule | undefined {
  const options = (process.env["NODE_OPTIONS"] ?? "").split(/\s+/);
  const enabled =
    process.execArgv.includes(IMPORT_META_RESOLVE_FLAG) || options.includes(IMPORT_META_RESOLVE_FLAG);
  return enabled ? (specifier, parentUrl) => import.meta.resolve(specifier, parentUrl) : undefined;
}
