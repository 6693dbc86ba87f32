/**
 * Loads Ordo's SDK for a benchmark, against a fresh temporary `ORDO_HOME`.
 *
 * Ordo reads its settings when the first flow runs, so the environment is set before the
 * dynamic import; the import itself is dynamic so that nothing of Ordo is loaded earlier.
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as OrdoIndex from "../../src/index.js";

/** Ordo's public SDK, as `src/index.ts` exports it. */
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
  const sdk: OrdoSdk = await import("../../src/index.js");
  const { closeClient } = await import("../../src/client/get-client.js");
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
