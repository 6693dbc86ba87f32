/**
 * The store conformance suite through the HttpClient: every `OrdoClient` method against
 * a real server on loopback, over a real SQLite database.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { HttpClient } from "../../../src/client/http-client.js";
import type { RunningServer } from "../../../src/server/start-server.js";
import { startTestServer } from "../../helpers/test-server.js";
import { runStoreSuite } from "../store/store-suite.js";

const root = mkdtempSync(join(tmpdir(), "ordo-store-http-"));
// The suite's servers write every task-run state as an event (the default: failures only).
process.env.ORDO_TASK_RUN_EVENTS = "all";
const servers = new Map<string, Promise<RunningServer>>();
afterAll(async () => {
  for (const server of servers.values()) await (await server).stop(1000);
  rmSync(root, { recursive: true, force: true });
});

runStoreSuite(
  "http",
  async (key) => {
    // One server per database: the same key reopens the same database through its server.
    let server = servers.get(key);
    if (server === undefined) servers.set(key, (server = startTestServer(join(root, key))));
    return HttpClient.open({
      apiUrl: (await server).apiUrl,
      home: join(root, `${key}-client`),
      onWarning: () => {},
    });
  },
  {
    // The server's crash-detection service marks them, not a client's opening.
    crashesMarkedOnOpen: false,
    // The REST API carries parameters as plain JSON: Dates arrive as strings.
    richParameters: false,
  },
);
