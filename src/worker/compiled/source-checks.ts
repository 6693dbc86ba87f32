/**
 * What a flow file's source must satisfy to be compiled into one bundle for a run's
 * process, and the one rewrite it gets: `import.meta.url`, `import.meta.dirname` and
 * `import.meta.filename` become the original file's values, so that code reading files
 * next to itself finds them although the bundle lives elsewhere.
 *
 * Pure functions of the source text.
 *
 * @module
 */
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";

const IMPORT_META_VALUE = /\bimport\.meta\.(url|dirname|filename)\b/g;
const IMPORT_META = /\bimport\.meta\b/;
/** `import(` followed by something other than a string or template literal. */
const COMPUTED_IMPORT = /\bimport\s*\(\s*(?![\s'"`)])/;

/**
 * `source` with `import.meta.url`, `.dirname` and `.filename` replaced by the values they
 * have in `file`, or undefined when `source` uses `import.meta` otherwise (for example
 * `import.meta.resolve`, whose answers depend on where the module is).
 *
 * @example
 * ```ts
 * rewriteImportMeta("new URL('data.csv', import.meta.url)", "/p/flows/etl.ts");
 * // "new URL('data.csv', \"file:///p/flows/etl.ts\")"
 * ```
 */
export function rewriteImportMeta(source: string, file: string): string | undefined {
  const values: Record<string, string> = {
    url: pathToFileURL(file).href,
    dirname: dirname(file),
    filename: file,
  };
  const rewritten = source.replace(IMPORT_META_VALUE, (_, name: string) => JSON.stringify(values[name]));
  return IMPORT_META.test(rewritten) ? undefined : rewritten;
}

/**
 * Whether `source` imports a module whose name is computed at run time
 * (`import(name)`): resolved next to the bundle, not next to the file, it could not load
 * the same module. String and template literals are fine (the bundler follows them).
 *
 * @example
 * ```ts
 * hasComputedImport("await import(`./steps/${name}.ts`)"); // false
 * hasComputedImport("await import(moduleName)");           // true
 * ```
 */
export function hasComputedImport(source: string): boolean {
  return COMPUTED_IMPORT.test(source);
}
