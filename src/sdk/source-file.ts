/**
 * The file that called into Ordo: where a flow was defined, so that `serve` and
 * `deploy` can name its entrypoint without being told.
 *
 * @module
 */
import { dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Ordo's own source and build folders (`src/` and `dist/`), whose frames are skipped.
 * Both: with source maps on (tsx, `--enable-source-maps`), frames of `dist/` read `src/`.
 */
const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const OWN_ROOTS = [join(PACKAGE_ROOT, "src") + sep, join(PACKAGE_ROOT, "dist") + sep];

function frameFile(line: string): string | undefined {
  const match = /\(?((?:file:\/\/)?\/[^():]+(?::[^():]+)*?):\d+:\d+\)?$/.exec(line.trim());
  if (match === null) return undefined;
  const path = match[1]!;
  try {
    return path.startsWith("file://") ? fileURLToPath(path) : path;
  } catch {
    return undefined;
  }
}

/**
 * The absolute path of the first file on the current call stack outside Ordo itself and
 * outside `node_modules`, or undefined (e.g. code typed into a REPL).
 */
export function callerFile(): string | undefined {
  const stack = new Error().stack ?? "";
  for (const line of stack.split("\n").slice(1)) {
    const file = frameFile(line);
    if (file === undefined || file.startsWith("node:")) continue;
    if (OWN_ROOTS.some((root) => file.startsWith(root))) continue;
    if (file.includes(`${sep}node_modules${sep}`)) continue;
    return file;
  }
  return undefined;
}
