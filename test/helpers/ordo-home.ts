/**
 * Gives a test file its own ORDO_HOME (a fresh temp folder with its own ordo.db) and
 * resets the process-wide client and engine configuration around it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeClient, getClient } from "../../src/client/get-client.js";
import type { OrdoClient } from "../../src/client/ordo-client.js";
import { resetEngineConfig } from "../../src/sdk/engine-config.js";

/** Registers hooks that point ORDO_HOME at a temp folder for this file. */
export function useTempOrdoHome(): {
  readonly home: () => string;
  readonly client: () => Promise<OrdoClient>;
} {
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ordo-test-"));
    process.env.ORDO_HOME = dir;
    delete process.env.ORDO_API_URL;
    await closeClient();
    resetEngineConfig();
  });
  afterAll(async () => {
    await closeClient();
    resetEngineConfig();
    rmSync(dir, { recursive: true, force: true });
  });
  return { home: () => dir, client: () => getClient() };
}
