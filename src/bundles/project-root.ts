/**
 * A project's root: the folder a bundle holds, found from the entrypoint's file.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { dirname, join, parse } from "node:path";

/**
 * The nearest folder at or above `file`'s folder that has a `package.json`, else the
 * file's own folder.
 *
 * @example
 * ```ts
 * projectRoot("/home/me/proj/flows/etl.ts"); // "/home/me/proj" (it has package.json)
 * ```
 */
export function projectRoot(file: string): string {
  const start = dirname(file);
  const { root } = parse(start);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dir === root) return start;
  }
}
