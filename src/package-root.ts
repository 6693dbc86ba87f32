/**
 * Where Ordo itself is installed: the folder of its package.json.
 *
 * @module
 */
import { fileURLToPath } from "node:url";

/**
 * Ordo's package folder (absolute, with a trailing separator). Works from `src/` and
 * from `dist/`: both sit one folder below the package root.
 *
 * @example
 * ```ts
 * packageRoot(); // "/home/me/proj/node_modules/ordo/"
 * ```
 */
export function packageRoot(): string {
  return fileURLToPath(new URL("..", import.meta.url));
}
