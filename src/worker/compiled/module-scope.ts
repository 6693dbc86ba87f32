/**
 * Whether Node.js (and tsx) load a file as an ES module: `.mjs` and `.mts` always, `.cjs`
 * and `.cts` never, any other file when the nearest `package.json` says
 * `"type": "module"`.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";

/** A file's module scope. */
export interface ModuleScope {
  /** Whether the file loads as an ES module. */
  readonly esm: boolean;
  /** The `package.json` that decided it, if one did. */
  readonly packageJson: string | undefined;
}

/** The nearest `package.json` at or above `folder`, with its `type`; undefined when there is none. */
function nearestPackage(folder: string): { path: string; type: unknown } | undefined {
  for (let current = folder; ;) {
    const path = join(current, "package.json");
    let text: string | undefined;
    try {
      text = readFileSync(path, "utf8");
    } catch {
      text = undefined;
    }
    if (text !== undefined) {
      try {
        return { path, type: (JSON.parse(text) as { type?: unknown }).type };
      } catch {
        return { path, type: undefined };
      }
    }
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * The module scope of `file`.
 *
 * @example
 * ```ts
 * moduleScopeOf("/project/flows/etl.ts"); // { esm: true, packageJson: "/project/package.json" } with "type": "module"
 * ```
 */
export function moduleScopeOf(file: string): ModuleScope {
  const extension = extname(file);
  if (extension === ".mjs" || extension === ".mts") return { esm: true, packageJson: undefined };
  if (extension === ".cjs" || extension === ".cts") return { esm: false, packageJson: undefined };
  const found = nearestPackage(dirname(file));
  return { esm: found?.type === "module", packageJson: found?.path };
}
