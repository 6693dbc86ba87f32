/**
 * Loads Ordo's SDK for a benchmark, against a fresh temporary `ORDO_HOME`.
 *
 * Ordo reads its settings when the first flow runs, so the environment is set before the
 * dynamic import; the import itself is dynamic so that nothing of Ordo is loaded earlier.
 *
 * The benchmarks measure the compiled package in `dist/` (what users run; `npm ci` and
 * `npm run build` make it), not `src/` through tsx: tsx compiles with esbuild's
 * `keepNames`, which gives every closure created at run time an own `name` property, a
 * dictionary of about 250 bytes and extra time per closure, so a task call costs more
 * memory and time under tsx than in the shipped code.
 *
 * @module
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as OrdoIndex from "../../src/index.js";

const DIST_INDEX = new URL("../../dist/index.js", import.meta.url).pathname;
const DIST_CLIENT = new URL("../../dist/client/get-client.js", import.meta.url).pathname;

/** Ordo's public SDK, as `src/index.ts` exports it (loaded from its build in `dist/`). */
export type OrdoSdk = typeof OrdoIndex;

/** A loaded Ordo, with a way to close its database and delete its temporary home. */
export interface BenchOrdo {
  readonly sdk: OrdoSdk;
  /** The temporary `ORDO_HOME`. */
  readonly home: string;
  /** Closes Ordo's client (the SQLite database) and deletes the temporary home. */
  dispose(): Promise<void>;
}

/**
 * Creates a temporary `ORDO_HOME`, sets `ORDO_HOME` and `ORDO_LOGGING_LEVEL=warning`, and
 * imports Ordo. Call once per process, before anything else imports Ordo.
 *
 * @example
 * ```ts
 * const ordo = await loadOrdo();
 * const noop = ordo.sdk.task({ name: "noop" }, async (i: number) => i);
 * await ordo.dispose();
 * ```
 */
export async function loadOrdo(prefix = "ordo-bench-"): Promise<BenchOrdo> {
  const home = mkdtempSync(join(tmpdir(), prefix));
  process.env.ORDO_HOME = home;
  process.env.ORDO_LOGGING_LEVEL = "warning";
  if (!existsSync(DIST_INDEX)) throw new Error("dist/ is missing: run `npm run build` first");
  const sdk = (await import(DIST_INDEX)) as OrdoSdk;
  const { closeClient } = (await import(DIST_CLIENT)) as { closeClient: () => Promise<void> };
  return {
    sdk,
    home,
    async dispose() {
      try {
        await closeClient();
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    },
  };
}
