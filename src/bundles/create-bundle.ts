/**
 * `createBundle`: a project folder as a deterministic `.tar.gz` and its hash. The same
 * files give the same bytes (entries sorted by path, fixed times, modes 644 or 755, no
 * owners, a gzip header without time or system), so a bundle that did not change is not
 * uploaded again.
 *
 * @module
 */
import type { WriteEntry } from "tar";
import { bundleHash } from "./bundle-hash.js";
import { checkBundleSize, DEFAULT_MAX_BUNDLE_BYTES } from "./bundle-size.js";
import { selectBundleFiles, type FileSelection, type SelectOptions } from "./select-files.js";

/** The time every entry of a bundle carries. */
const FIXED_MTIME = new Date("2000-01-01T00:00:00Z");

/** A project bundle, ready to upload. */
export interface ProjectBundle {
  /** The project root it holds (absolute). */
  readonly root: string;
  /** The `.tar.gz` bytes. */
  readonly bytes: Uint8Array;
  /** The sha256 of `bytes`, hex: the bundle's address. */
  readonly hash: string;
  /** How many files (and links) it holds. */
  readonly files: number;
  /** Their paths, relative to the root, `/`-separated, sorted. */
  readonly paths: readonly string[];
  /** Their size, uncompressed. */
  readonly size: number;
  /** What was left out besides ignored files (links out of the project). */
  readonly skipped: FileSelection["skipped"];
}

/** How to bundle. */
export interface BundleOptions extends SelectOptions {
  /** The most bytes of files a bundle may hold, uncompressed (default 50 MiB). */
  readonly maxBytes?: number | undefined;
}

/** Permissions 755 for what anyone may execute, else 644; the file type bits are kept. */
function normalizeMode(entry: WriteEntry): void {
  const stat = entry.stat as { mode: number } | undefined;
  if (stat === undefined) return;
  stat.mode = (stat.mode & ~0o7777) | ((stat.mode & 0o111) !== 0 ? 0o755 : 0o644);
}

/**
 * Bundles the project at `root`: its files as {@link selectBundleFiles} chooses them,
 * archived deterministically. Throws `ORDO_BUNDLE_TOO_LARGE` (naming the largest files)
 * when they hold more than `maxBytes`.
 *
 * @example
 * ```ts
 * const bundle = await createBundle(projectRoot("/home/me/proj/flows/etl.ts"));
 * console.log(bundle.hash, bundle.files, bundle.size);
 * ```
 */
export async function createBundle(root: string, options: BundleOptions = {}): Promise<ProjectBundle> {
  const selection = await selectBundleFiles(root, options);
  const size = checkBundleSize(selection.files, options.maxBytes ?? DEFAULT_MAX_BUNDLE_BYTES, selection.root);
  const chunks: Buffer[] = [];
  if (selection.files.length > 0) {
    // Loaded here, not by every command of the CLI.
    const { create } = await import("tar");
    const stream = create(
      {
        cwd: selection.root,
        gzip: true,
        portable: true,
        mtime: FIXED_MTIME,
        noDirRecurse: true,
        follow: false,
        strict: true,
        onWriteEntry: normalizeMode,
      },
      selection.files.map((file) => file.path),
    );
    for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  }
  const bytes = new Uint8Array(Buffer.concat(chunks));
  return {
    root: selection.root,
    bytes,
    hash: bundleHash(bytes),
    files: selection.files.length,
    paths: selection.files.map((file) => file.path),
    size,
    skipped: selection.skipped,
  };
}
