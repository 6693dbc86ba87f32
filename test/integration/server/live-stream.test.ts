/**
 * The live stream over a real socket: `GET /api/stream` (server-sent events) as the CLI
 * and the UI read it, through `liveMessages` with a server URL.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpClient } from "../../../src/client/http-client.js";
import { liveMessages, type LiveMessage } from "../../../src/client/live-stream.js";
import type { RunningServer } from "../../../src/server/start-server.js";
import { startTestServer } from "../../helpers/test-server.js";

let server: RunningServer;
let client: HttpClient;
const dir = mkdtempSync(join(tmpdir(), "ordo-stream-"));

beforeAll(async () => {
  server = await startTestServer(dir);
  client = HttpClient.open({ apiUrl: server.apiUrl, home: dir });
});
afterAll(async () => {
  await client.close();
  await server.stop(1000);
  rmSync(dir, { recursive: true, force: true });
});

/** Collects messages until `until` says so (or 10 s pass). */
async function collect(
  stream: AsyncGenerator<LiveMessage>,
  until: (seen: LiveMessage[]) => boolean,
  controller: AbortController,
): Promise<LiveMessage[]> {
  const seen: LiveMessage[] = [];
  const timer = setTimeout(() => controller.abort(), 10_000);
  try {
    for await (const message of stream) {
      seen.push(message);
      if (until(seen)) break;
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return seen;
}

const now = () => Date.now();

describe("GET /api/stream", () => {
  it("streams flow-run state events and a run's log lines as they are written", async () => {
    const run = await client.createFlowRun({ flowName: "live", name: "r" });
    const controller = new AbortController();
    const stream = liveMessages(
      { client, apiUrl: server.apiUrl, signal: controller.signal },
      { flowRunId: run.id },
    );
    const done = collect(
      stream,
      (seen) =>
        seen.some((m) => m.kind === "event" && m.event.event === "ordo.flow-run.Completed") &&
        seen.some((m) => m.kind === "log" && m.log.message === "working"),
      controller,
    );
    await new Promise((r) => setTimeout(r, 300));
    await client.setFlowRunState(run.id, { type: "RUNNING", name: "Running", timestamp: now() });
    await client.recordBatch({
      taskRuns: [],
      taskRunStates: [],
      logs: [{ flowRunId: run.id, level: 20, name: "t", message: "working", timestamp: now() }],
    });
    await client.setFlowRunState(run.id, { type: "COMPLETED", name: "Completed", timestamp: now() });
    const seen = await done;
    const events = seen.flatMap((m) => (m.kind === "event" ? [m.event.event] : []));
    expect(events).toEqual(expect.arrayContaining(["ordo.flow-run.Running", "ordo.flow-run.Completed"]));
    expect(seen.some((m) => m.kind === "log" && m.log.message === "working")).toBe(true);
  });

  it("filters events by name prefix and sends only what happens after it starts", async () => {
    await client.emitEvents([{ event: "shop.before", resource: { "ordo.resource.id": "o.1" } }]);
    const controller = new AbortController();
    const stream = liveMessages(
      { client, apiUrl: server.apiUrl, signal: controller.signal },
      { events: ["shop.*"], topics: ["events"] },
    );
    const done = collect(stream, (seen) => seen.length >= 1, controller);
    await new Promise((r) => setTimeout(r, 300));
    await client.emitEvents([
      { event: "other.thing", resource: { "ordo.resource.id": "o.2" } },
      { event: "shop.after", resource: { "ordo.resource.id": "o.3" } },
    ]);
    const seen = await done;
    expect(seen.map((m) => (m.kind === "event" ? m.event.event : "log"))).toEqual(["shop.after"]);
  });

  it("answers 422 for an unknown topic", async () => {
    const res = await fetch(`${server.apiUrl}/stream?topics=nope`);
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ error: { code: "ORDO_INVALID_INPUT" } });
  });
});
