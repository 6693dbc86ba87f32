/**
 * The size limit of project bundles, and the error that says what to leave out. Pure.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

/** The default limit of a bundle's files, uncompressed: 50 MiB. */
export const DEFAULT_MAX_BUNDLE_BYTES = 50 * 1024 * 1024;

/** How a size reads in messages: `812 B`, `3.4 KiB`, `51.2 MiB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Throws `ORDO_BUNDLE_TOO_LARGE` when the files add up to more than `limit` bytes,
 * naming the total, the limit and the largest files (to add to `.ordoignore`).
 *
 * @example
 * ```ts
 * checkBundleSize([{ path: "data/dump.csv", size: 80e6 }], 50 * 1024 * 1024, "/home/me/proj");
 * // throws: the bundle of /home/me/proj would hold 76.3 MiB, over the limit of 50.0 MiB; largest files: data/dump.csv (76.3 MiB) …
 * ```
 */
export function checkBundleSize(
  files: readonly { readonly path: string; readonly size: number }[],
  limit: number,
  root: string,
): number {
  const total = files.reduce((sum, file) => sum + file.size, 0);
  if (total <= limit) return total;
  const largest = [...files].sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1)).slice(0, 5);
  const list = largest.map((file) => `${file.path} (${formatBytes(file.size)})`).join(", ");
  throw new OrdoError(
    "ORDO_BUNDLE_TOO_LARGE",
    `the bundle of ${root} would hold ${formatBytes(total)} in ${files.length} files, over the limit of ${formatBytes(limit)}; largest files: ${list}. Leave files out with .ordoignore (or .gitignore)`,
    { bytes: total, limit, files: files.length, largest },
  );
}
