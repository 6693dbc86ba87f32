/**
 * Packages for code that came without them: a bundle or git checkout has no
 * `node_modules`, so its imports (`ordo`, `zod`, …) resolve from the worker's own
 * environment through a link `<folder>/node_modules` → the worker's `node_modules`.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { statSync } from "node:fs";
import { lstat, readlink, rename, rm, symlink } from "node:fs/promises";
import { basename, dirname, join, parse, resolve } from "node:path";
import { packageRoot } from "../../package-root.js";

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The worker's packages: the `node_modules` folder nearest to `cwd` (at or above it),
 * else the one Ordo itself is installed in; undefined when there is neither.
 *
 * @example
 * ```ts
 * packagesFolder("/srv/worker"); // "/srv/worker/node_modules" (after `npm install ordo zod`)
 * ```
 */
export function packagesFolder(cwd: string): string | undefined {
  const { root } = parse(resolve(cwd));
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (isDirectory(join(dir, "node_modules"))) return join(dir, "node_modules");
    if (dir === root) break;
  }
  const own = resolve(packageRoot());
  const parent = dirname(own);
  if (basename(parent) === "node_modules") return parent;
  if (basename(parent).startsWith("@") && basename(dirname(parent)) === "node_modules")
    return dirname(parent);
  return isDirectory(join(own, "node_modules")) ? join(own, "node_modules") : undefined;
}

/**
 * Makes `<folder>/node_modules` a link to `packages` (replacing a link to elsewhere, in
 * one rename). A real `node_modules` folder in `folder` is left alone.
 *
 * @example
 * ```ts
 * await linkPackages("/home/me/.ordo/bundles/9f86…", "/srv/worker/node_modules");
 * ```
 */
export async function linkPackages(folder: string, packages: string): Promise<void> {
  const link = join(folder, "node_modules");
  const stat = await lstat(link).catch(() => undefined);
  if (stat !== undefined && !stat.isSymbolicLink()) return;
  if (stat !== undefined && (await readlink(link)) === packages) return;
  const temp = join(folder, `.node_modules-${randomBytes(6).toString("hex")}`);
  await symlink(packages, temp, "junction");
  try {
    await rename(temp, link);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
