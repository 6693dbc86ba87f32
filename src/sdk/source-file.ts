/**
 * The file that called into Ordo: where a flow was defined, so that `serve` and
 * `deploy` can name its entrypoint without being told.
 *
 * @module
 */
import { dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

/** Ordo's own source or build folder (`src/` or `dist/`), whose frames are skipped. */
const OWN_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

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
    if (file.startsWith(OWN_ROOT + sep)) continue;
    if (file.includes(`${sep}node_modules${sep}`)) continue;
    return file;
  }
  return undefined;
}
