/**
 * A user's project for tests that run the built CLI in it: its files, and `ordo` installed
 * as this repository's built package.
 *
 * @module
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { REPO_ROOT } from "./ordo-cli.js";

/**
 * Makes a project folder under `REPO_ROOT/.ordo-test/` (where `zod` and the other
 * packages resolve from the repository's `node_modules`) with `files` (path → content)
 * and `node_modules/ordo` linked to this repository. Returns its path; the caller
 * removes it.
 */
export function createFlowProject(prefix: string, files: Record<string, string>): string {
  mkdirSync(join(REPO_ROOT, ".ordo-test"), { recursive: true });
  const project = mkdtempSync(join(REPO_ROOT, ".ordo-test", prefix));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), content);
  }
  mkdirSync(join(project, "node_modules"));
  symlinkSync(REPO_ROOT, join(project, "node_modules", "ordo"));
  return project;
}
