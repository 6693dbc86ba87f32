/**
 * Installs this peer benchmark's own dependencies (DBOS Transact and pg) into
 * `bench/peers/dbos/node_modules` when they are missing. They are never added to Ordo's
 * root package.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of this peer benchmark (it holds its own package.json). */
export const PEER_DIR = dirname(fileURLToPath(import.meta.url));

const REQUIRED = ["@dbos-inc/dbos-sdk", "pg"];

function installed(name: string): boolean {
  return existsSync(join(PEER_DIR, "node_modules", name, "package.json"));
}

/**
 * Runs `npm install --prefix bench/peers/dbos --no-audit --no-fund` (with
 * `npm_config_nodedir=/usr`) unless every dependency is already installed.
 *
 * @example
 * ```ts
 * ensureDependencies();
 * const { DBOS } = await import(DBOS_SPECIFIER);
 * ```
 */
export function ensureDependencies(): void {
  if (REQUIRED.every(installed)) return;
  console.log(`installing ${REQUIRED.join(", ")} into ${join(PEER_DIR, "node_modules")} …`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, ["install", "--prefix", PEER_DIR, "--no-audit", "--no-fund"], {
    stdio: "inherit",
    env: { ...process.env, npm_config_nodedir: "/usr" },
    timeout: 5 * 60_000,
  });
  if (result.status !== 0 || !REQUIRED.every(installed)) {
    throw new Error(
      `npm install in ${PEER_DIR} failed (${result.error?.message ?? `exit ${result.status}`})`,
    );
  }
}

/** The installed version of a dependency, from its package.json. */
export function installedVersion(name: string): string {
  const text = readFileSync(join(PEER_DIR, "node_modules", name, "package.json"), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}
