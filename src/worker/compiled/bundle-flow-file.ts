/**
 * Compiles a flow file and its local imports (TypeScript or JavaScript) into one ES
 * module with esbuild, the way tsx would load them one by one: same target, names kept,
 * whitespace minified, an inline source map (stack traces name the original files).
 *
 * Packages are not bundled: each bare import is resolved by Node.js itself from the
 * importing file (`resolveModule`, Node's own ESM resolution) and imported by its
 * absolute URL, so the run's process loads the very modules the file would have loaded
 * (the same copy of Ordo, of zod, …). A package that resolves to a TypeScript file
 * (a workspace package, a `#subpath` import) is bundled like a local file.
 *
 * A file is not compiled, and the outcome says why, when the bundle could not behave as
 * the files do: a CommonJS file, a computed `import(name)`, an `import.meta` other than
 * `url`, `dirname` and `filename`, or any error or warning from esbuild.
 *
 * @module
 */
import { readFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import { dirname, extname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Loader, Plugin } from "esbuild";
import { stamped, type StampedFile } from "./file-stamp.js";
import { moduleScopeOf } from "./module-scope.js";
import { hasComputedImport, rewriteImportMeta } from "./source-checks.js";

/** A package import of the bundle: what `importer` wrote, and the URL Node.js resolved it to. */
export interface ExternalImport {
  readonly importer: string;
  readonly specifier: string;
  readonly url: string;
}

/** A compiled flow file. */
export interface FlowBundle {
  /** The bundle's code (an ES module, with an inline source map). */
  readonly code: string;
  /** The files whose change changes the bundle (sources, their `package.json`s, tsconfig), stamped when read. */
  readonly inputs: readonly StampedFile[];
  /** The package imports, to check that they still resolve to the same modules. */
  readonly externals: readonly ExternalImport[];
}

/** A bundle, or why the file was not compiled. */
export type BundleOutcome =
  | { readonly ok: true; readonly bundle: FlowBundle }
  | { readonly ok: false; readonly reason: string; readonly inputs: readonly StampedFile[] };

/** Node.js's ESM resolution: `specifier` imported from `parentUrl` → the module's URL. */
export type ResolveModule = (specifier: string, parentUrl: string) => string;

/** esbuild's loader for each kind of file a bundle compiles (CommonJS files are never compiled). */
const LOADERS: Readonly<Record<string, Loader>> = {
  ".ts": "ts",
  ".mts": "ts",
  ".tsx": "tsx",
  ".jsx": "jsx",
  ".js": "js",
  ".mjs": "js",
};

/**
 * Whether a flow file of this name can be compiled into a bundle (an ES module
 * extension; whether the file really is one is checked while compiling).
 */
export function isCompilableFile(file: string): boolean {
  return extname(file) in LOADERS;
}
const TYPESCRIPT = new Set([".ts", ".mts", ".cts", ".tsx"]);
/** A specifier that is neither relative nor absolute: a package, a builtin or a `#subpath`. */
const BARE = /^[^./]/;

/** Builds in flight in this process: esbuild's service stops when the last one ends. */
let building = 0;

/** Every `tsconfig.json` esbuild could read for a file in `folder`, from there up (one created later counts too). */
function tsconfigPaths(folder: string): string[] {
  const paths: string[] = [];
  for (let current = folder; ; current = dirname(current)) {
    paths.push(join(current, "tsconfig.json"));
    if (dirname(current) === current) return paths;
  }
}

/** Records `path` with its stamp, once. */
function addInput(inputs: Map<string, StampedFile>, path: string): void {
  if (!inputs.has(path)) inputs.set(path, stamped(path));
}

/** The esbuild plugin that checks local files, rewrites `import.meta` and resolves packages. */
function runProcessPlugin(
  resolveModule: ResolveModule,
  inputs: Map<string, StampedFile>,
  externals: ExternalImport[],
): Plugin {
  return {
    name: "ordo-run-process",
    setup(build) {
      build.onResolve({ filter: BARE }, (args) => {
        if (args.kind === "entry-point") return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        let url: string;
        try {
          url = resolveModule(args.path, pathToFileURL(args.importer).href);
        } catch {
          // Not a package Node.js finds: a tsconfig path alias, or an error esbuild reports.
          return undefined;
        }
        if (!url.startsWith("file:")) return { path: url, external: true };
        const path = fileURLToPath(url);
        if (TYPESCRIPT.has(extname(path))) return { path };
        externals.push({ importer: args.importer, specifier: args.path, url });
        return { path: url, external: true };
      });
      // Every file the bundle holds (JSON and text too) is stamped before it is read.
      build.onLoad({ filter: /.*/, namespace: "file" }, (args) => {
        addInput(inputs, args.path);
        return undefined;
      });
      build.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
        const scope = moduleScopeOf(args.path);
        if (scope.packageJson !== undefined) addInput(inputs, scope.packageJson);
        if (!scope.esm) return { errors: [{ text: `${args.path} is not an ES module` }] };
        const source = await readFile(args.path, "utf8");
        if (hasComputedImport(source)) {
          return { errors: [{ text: `${args.path} imports a module by a computed name` }] };
        }
        const contents = rewriteImportMeta(source, args.path);
        if (contents === undefined) {
          return { errors: [{ text: `${args.path} uses import.meta beyond url, dirname and filename` }] };
        }
        return { contents, loader: LOADERS[extname(args.path)] ?? "js", resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * Compiles `file` into one ES module meant to be written at `outFile` (the source map's
 * paths are relative to it).
 *
 * @example
 * ```ts
 * const outcome = await bundleFlowFile("/p/flows/etl.ts", "/cache/etl.mjs", resolveWithNode);
 * if (outcome.ok) await writeFile("/cache/etl.mjs", outcome.bundle.code);
 * ```
 */
export async function bundleFlowFile(
  file: string,
  outFile: string,
  resolveModule: ResolveModule,
): Promise<BundleOutcome> {
  const esbuild = await import("esbuild");
  building++;
  const inputs = new Map<string, StampedFile>();
  for (const path of tsconfigPaths(dirname(file))) addInput(inputs, path);
  const externals: ExternalImport[] = [];
  try {
    const result = await esbuild.build({
      entryPoints: [file],
      outfile: outFile,
      bundle: true,
      format: "esm",
      platform: "node",
      target: `node${process.versions.node}`,
      keepNames: true,
      minifyWhitespace: true,
      sourcemap: "inline",
      sourcesContent: false,
      write: false,
      logLevel: "silent",
      plugins: [runProcessPlugin(resolveModule, inputs, externals)],
    });
    const warning = result.warnings[0];
    if (warning !== undefined) return { ok: false, reason: warning.text, inputs: [...inputs.values()] };
    const output = result.outputFiles[0];
    if (output === undefined)
      return { ok: false, reason: "esbuild wrote nothing", inputs: [...inputs.values()] };
    return { ok: true, bundle: { code: output.text, inputs: [...inputs.values()], externals } };
  } catch (error) {
    const errors = (error as { errors?: { text: string }[] }).errors;
    const reason = errors?.[0]?.text ?? (error instanceof Error ? error.message : String(error));
    return { ok: false, reason, inputs: [...inputs.values()] };
  } finally {
    // The service is a process of its own: a run's process need not keep it.
    if (--building === 0) await esbuild.stop();
  }
}
