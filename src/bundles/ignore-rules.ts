/**
 * Which files of a project stay out of its bundle: the rules of its `.gitignore` and
 * `.ordoignore` files (in the project folder and in any folder below it, with git's
 * semantics), and the folders that never go in (`node_modules`, `.git`, `.ordo`).
 *
 * Pure: the caller reads the ignore files and hands their text in, folder by folder,
 * parents before children.
 *
 * @module
 */
import ignore, { type Ignore } from "ignore";

/** Names never bundled, at any depth: packages come from the worker's own environment. */
export const ALWAYS_EXCLUDED: ReadonlySet<string> = new Set(["node_modules", ".git", ".ordo"]);

/** The ignore files read in every folder, in the order their rules apply. */
export const IGNORE_FILES = [".gitignore", ".ordoignore"] as const;

interface Level {
  /** The folder the rules belong to, relative to the root, `/`-separated ("" for the root). */
  readonly dir: string;
  readonly rules: Ignore;
}

/**
 * The ignore rules of one project.
 *
 * As in git, a rule applies to paths below the folder of its file; a deeper file's rules
 * win over a shallower one's, and within a folder `.ordoignore` wins over `.gitignore` (so
 * `!secret.json` in `.ordoignore` bundles a file git ignores). A path below an ignored
 * folder is not looked at (the caller does not walk into ignored folders).
 *
 * @example
 * ```ts
 * const rules = new IgnoreRules();
 * rules.add("", "dist/\n*.log\n");
 * rules.ignores("dist", true);       // true
 * rules.ignores("src/app.ts", false); // false
 * ```
 */
export class IgnoreRules {
  readonly #levels: Level[] = [];

  /** Adds the text of an ignore file found in `dir` (relative to the root, "" for the root). */
  add(dir: string, text: string): void {
    this.#levels.push({ dir, rules: ignore().add(text) });
  }

  /** True when the file or folder at `path` (relative, `/`-separated) stays out of the bundle. */
  ignores(path: string, isDir: boolean): boolean {
    const name = path.slice(path.lastIndexOf("/") + 1);
    if (ALWAYS_EXCLUDED.has(name)) return true;
    let ignored = false;
    for (const level of this.#levels) {
      if (level.dir !== "" && !path.startsWith(`${level.dir}/`)) continue;
      const relative = level.dir === "" ? path : path.slice(level.dir.length + 1);
      const result = level.rules.test(isDir ? `${relative}/` : relative);
      if (result.ignored) ignored = true;
      else if (result.unignored) ignored = false;
    }
    return ignored;
  }
}
