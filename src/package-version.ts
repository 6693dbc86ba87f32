/**
 * Ordo's own version, read once from its package.json.
 *
 * @module
 */
import { readFileSync } from "node:fs";

let cached: string | undefined;

/**
 * The package version (`0.1.0`), or `unknown` when package.json cannot be read. Works from
 * `src/` and from `dist/`: both sit one folder below the package root.
 *
 * @example
 * ```ts
 * console.log(`ordo ${packageVersion()}`);
 * ```
 */
export function packageVersion(): string {
  if (cached !== undefined) return cached;
  try {
    const text = readFileSync(new URL("../package.json", import.meta.url), "utf8");
    const { version } = JSON.parse(text) as { version?: unknown };
    cached = typeof version === "string" ? version : "unknown";
  } catch {
    cached = "unknown";
  }
  return cached;
}
