/**
 * A file's stamp: its size and modification time, or null when it does not exist. A
 * compiled flow is used again while the stamps of what it was made from are unchanged.
 *
 * @module
 */
import { statSync } from "node:fs";

/** A file and its stamp when it was read. */
export interface StampedFile {
  readonly path: string;
  /** `size:mtimeMs`, or null for a file that did not exist. */
  readonly stamp: string | null;
}

/**
 * The stamp of `path` now.
 *
 * @example
 * ```ts
 * stampOf("/p/flows/etl.ts"); // "1534:1763976000123.456"
 * stampOf("/p/missing.ts");   // null
 * ```
 */
export function stampOf(path: string): string | null {
  try {
    const stat = statSync(path);
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return null;
  }
}

/** `path` with its stamp now. */
export function stamped(path: string): StampedFile {
  return { path, stamp: stampOf(path) };
}
