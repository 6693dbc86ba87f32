/**
 * Which files of a project folder go into its bundle: a walk of the folder that reads
 * the `.gitignore` and `.ordoignore` files it meets ({@link IgnoreRules}), never enters
 * an ignored folder, and leaves out symbolic links that point outside the folder.
 *
 * @module
 */
import type { Dirent } from "node:fs";
import { lstat, readFile, readdir, readlink, realpath } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import { IGNORE_FILES, IgnoreRules } from "./ignore-rules.js";

/** A file (or symbolic link) of a bundle. */
export interface BundleFile {
  /** Relative to the project root, `/`-separated. */
  readonly path: string;
  /** Bytes (a link's size is that of its target text). */
  readonly size: number;
  readonly kind: "file" | "symlink";
}

/** What a walk found. */
export interface FileSelection {
  /** The project root (absolute). */
  readonly root: string;
  /** The files to bundle, sorted by path (byte order). */
  readonly files: readonly BundleFile[];
  /** What was left out for another reason than an ignore rule (links out of the root). */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
}

/** What a walk may also leave out. */
export interface SelectOptions {
  /** Absolute folders never bundled (Ordo's home, when it lies in the project). */
  readonly exclude?: readonly string[] | undefined;
}

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

async function readIgnoreFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Walks `root` and returns the files of its bundle.
 *
 * @example
 * ```ts
 * const { files } = await selectBundleFiles("/home/me/proj");
 * files.map((f) => f.path); // ["flows/etl.ts", "package.json", …]
 * ```
 */
export async function selectBundleFiles(root: string, options: SelectOptions = {}): Promise<FileSelection> {
  const absoluteRoot = await realpath(resolve(root));
  const excluded = new Set(
    await Promise.all((options.exclude ?? []).map((dir) => realpath(resolve(dir)).catch(() => resolve(dir)))),
  );
  const rules = new IgnoreRules();
  const files: BundleFile[] = [];
  const skipped: { path: string; reason: string }[] = [];

  const walk = async (dir: string, relDir: string): Promise<void> => {
    for (const name of IGNORE_FILES) {
      const text = await readIgnoreFile(join(dir, name));
      if (text !== undefined) rules.add(relDir, text);
    }
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = relDir === "" ? entry.name : `${relDir}/${entry.name}`;
      const absolute = join(dir, entry.name);
      if (excluded.has(absolute)) continue;
      if (entry.isDirectory()) {
        if (!rules.ignores(path, true)) await walk(absolute, path);
      } else if (entry.isFile()) {
        if (!rules.ignores(path, false))
          files.push({ path, size: (await lstat(absolute)).size, kind: "file" });
      } else if (entry.isSymbolicLink()) {
        if (rules.ignores(path, false)) continue;
        const target = await realpath(absolute).catch(() => undefined);
        if (target === undefined) skipped.push({ path, reason: "a broken symbolic link" });
        else if (!inside(absoluteRoot, target))
          skipped.push({ path, reason: `a symbolic link to ${target}, outside the project` });
        else files.push({ path, size: (await readlink(absolute)).length, kind: "symlink" });
      }
    }
  };
  await walk(absoluteRoot, "");
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root: absoluteRoot, files, skipped };
}

/** The path of `file` relative to `root`, `/`-separated (for entrypoints inside a bundle). */
export function bundlePath(root: string, file: string): string {
  return relative(root, file).split(sep).join("/");
}
