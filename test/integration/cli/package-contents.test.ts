/**
 * What installing Ordo brings: the files `npm pack` ships, and the packages (with their
 * install scripts) a project gets from Ordo's dependencies.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");

interface LockEntry {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly hasInstallScript?: boolean;
}

/** The lock file's path of `name` as required from the package at `from` (Node's lookup). */
function resolveInLock(packages: Record<string, LockEntry>, from: string, name: string): string {
  let base = from;
  for (;;) {
    const candidate = `${base === "" ? "" : `${base}/`}node_modules/${name}`;
    if (packages[candidate] !== undefined) return candidate;
    if (base === "") throw new Error(`${name} (needed by ${from || "ordo"}) is not in package-lock.json`);
    const at = base.lastIndexOf("/node_modules/");
    base = at === -1 ? "" : base.slice(0, at);
  }
}

/** Every package a project gets by installing Ordo: its dependencies, transitively. */
function installedWithOrdo(): Map<string, LockEntry> {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const found = new Map<string, LockEntry>();
  const visit = (from: string) => {
    const entry = lock.packages[from]!;
    const names = Object.keys({ ...entry.dependencies, ...entry.optionalDependencies });
    for (const name of names) {
      const path = resolveInLock(lock.packages, from, name);
      if (found.has(path)) continue;
      found.set(path, lock.packages[path]!);
      visit(path);
    }
  };
  visit("");
  return found;
}

describe("the installed package", () => {
  it("ships the CLI, the built code, the migrations, the web UI and the API docs' files", () => {
    const [pack] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: ROOT,
        encoding: "utf8",
      }),
    ) as [{ files: { path: string }[] }];
    const files = pack.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining([
        "bin/ordo.js",
        "dist/index.js",
        "dist/index.d.ts",
        "dist/docs-assets/swagger-ui-bundle.js",
        "dist/docs-assets/swagger-ui.css",
        "dist/docs-assets/LICENSE",
        "ui/dist/index.html",
      ]),
    );
    expect(files.some((f) => f.startsWith("src/store/migrations/"))).toBe(true);
    expect(files.some((f) => f.startsWith("test/") || f.startsWith("node_modules/"))).toBe(false);
  });

  it("runs install scripts of only the native SQLite driver and esbuild", () => {
    const withScripts = [...installedWithOrdo()]
      .filter(([, entry]) => entry.hasInstallScript === true)
      .map(([path]) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length));
    expect(withScripts.sort()).toEqual(["better-sqlite3", "esbuild"]);
  });
});
