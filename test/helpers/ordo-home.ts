/**
 * Gives a test file its own ORDO_HOME (a fresh temp folder with its own ordo.db) and
 * resets the process-wide client and engine configuration around it.
 *
 * In HTTP mode (`ORDO_TEST_CLIENT=http`, set by the `integration-http` vitest project) it
 * also starts a real server on loopback over that ordo.db and sets `ORDO_API_URL`, so
 * the same tests run through the HttpClient.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { closeClient, getClient } from "../../src/client/get-client.js";
import type { OrdoClient } from "../../src/client/ordo-client.js";
import { resetEngineConfig } from "../../src/sdk/engine-config.js";
import type { RunningServer } from "../../src/server/start-server.js";
import { startTestServer } from "./test-server.js";

/** True when the tests run against a server (the `integration-http` project). */
export const HTTP_MODE = process.env.ORDO_TEST_CLIENT === "http";

/**
 * Registers hooks that point ORDO_HOME at a temp folder for this file (or the enclosing
 * `describe`); with `http` (default: the project's mode) a server runs over it.
 */
export function useTempOrdoHome(options: { readonly http?: boolean } = {}): {
  readonly home: () => string;
  readonly client: () => Promise<OrdoClient>;
} {
  let dir = "";
  let server: RunningServer | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ordo-test-"));
    process.env.ORDO_HOME = dir;
    delete process.env.ORDO_API_URL;
    await closeClient();
    resetEngineConfig();
    if (options.http ?? HTTP_MODE) {
      server = await startTestServer(dir);
      process.env.ORDO_API_URL = server.apiUrl;
    }
  });
  afterAll(async () => {
    await closeClient();
    resetEngineConfig();
    await server?.stop(1000);
    delete process.env.ORDO_API_URL;
    rmSync(dir, { recursive: true, force: true });
  });
  return { home: () => dir, client: () => getClient() };
}
