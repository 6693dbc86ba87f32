/**
 * The HttpClient against a real server on loopback: retries, errors, idempotency, the
 * recorder outbox through an outage, spool files and result storage.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HttpClient, type HttpClientOptions } from "../../../src/client/http-client.js";
import { isOrdoError, type OrdoError } from "../../../src/errors/index.js";
import { uuid7 } from "../../../src/ids/uuid7.js";
import type { RunningServer } from "../../../src/server/start-server.js";
import { startFlakyProxy, freePort, type FlakyProxy } from "../../helpers/flaky-proxy.js";
import { startTestServer } from "../../helpers/test-server.js";
import { batch, log, state, taskRun } from "../store/suite/helpers.js";

let root = "";
let server: RunningServer;
const clients: HttpClient[] = [];
const proxies: FlakyProxy[] = [];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), "ordo-http-client-"));
  server = await startTestServer(join(root, "server"));
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(proxies.splice(0).map((p) => p.close()));
});
afterAll(async () => {
  await server.stop(1000);
  rmSync(root, { recursive: true, force: true });
});

const warnings: string[] = [];
function open(options: Partial<HttpClientOptions> & { apiUrl?: string } = {}): HttpClient {
  const client = HttpClient.open({
    apiUrl: server.apiUrl,
    home: join(root, `home-${uuid7()}`),
    onWarning: (m) => warnings.push(m),
    timeoutMs: 5_000,
    ...options,
  });
  clients.push(client);
  return client;
}

async function proxy(): Promise<FlakyProxy> {
  const p = await startFlakyProxy(server.url);
  proxies.push(p);
  return p;
}

async function rejection(promise: Promise<unknown>): Promise<OrdoError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isOrdoError(error), `expected an OrdoError, got ${String(error)}`).toBe(true);
  return error as OrdoError;
}

describe("errors", () => {
  it("rebuilds the server's error: code, message and details", async () => {
    const client = open();
    const error = await rejection(client.readFlowRun("no-such-run"));
    expect(error.code).toBe("ORDO_NOT_FOUND");
    expect(error.message).toContain("no-such-run");
  });

  it("reports invalid input as ORDO_INVALID_INPUT, naming the field", async () => {
    const error = await rejection(open().ensureFlow({ name: "" }));
    expect(error.code).toBe("ORDO_INVALID_INPUT");
    expect(JSON.stringify(error.details)).toContain("name");
  });

  it("fails with ORDO_SERVER_UNAVAILABLE naming the URL when nothing answers after the retries", async () => {
    const apiUrl = `http://127.0.0.1:${await freePort()}/api`;
    const client = open({ apiUrl, maxRetries: 2, outageMs: 0 });
    const started = Date.now();
    const error = await rejection(client.readFlowRuns());
    expect(error.code).toBe("ORDO_SERVER_UNAVAILABLE");
    expect(error.message).toContain(apiUrl);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 10_000);
});

describe("retries", () => {
  it("retries a request whose first attempts hit a closed port, until the server is up", async () => {
    const port = await freePort();
    const client = open({ apiUrl: `http://127.0.0.1:${port}/api`, maxRetries: 20 });
    const reading = client.readFlowRuns({ limit: 1 });
    await new Promise((r) => setTimeout(r, 300));
    const late = await startTestServer(join(root, "late"), port);
    try {
      expect(await reading).toEqual([]);
    } finally {
      await late.stop(1000);
    }
  }, 15_000);

  it("retries 503 answers", async () => {
    const p = await proxy();
    p.plan.push("503", "503");
    const flow = await open({ apiUrl: p.apiUrl }).ensureFlow({ name: "after-503" });
    expect(flow.name).toBe("after-503");
    expect(p.seen).toHaveLength(3);
  });

  it("never retries a 4xx answer", async () => {
    const p = await proxy();
    const error = await rejection(open({ apiUrl: p.apiUrl }).readFlowRun("missing"));
    expect(error.code).toBe("ORDO_NOT_FOUND");
    expect(p.seen).toHaveLength(1);
  });

  it("sends the bearer token when an API key is set", async () => {
    const p = await proxy();
    await open({ apiUrl: p.apiUrl, apiKey: "s3cret" }).readFlowRuns({ limit: 1 });
    await open({ apiUrl: p.apiUrl }).readFlowRuns({ limit: 1 });
    expect(p.seen.map((r) => r.authorization)).toEqual(["Bearer s3cret", undefined]);
  });
});

describe("idempotency", () => {
  it("creates one flow run when the answer to the create is lost and the request is sent again", async () => {
    const p = await proxy();
    const client = open({ apiUrl: p.apiUrl });
    p.plan.push("forward-then-drop");
    const run = await client.createFlowRun({ flowName: "lost-answer", name: "once" });
    expect(p.seen.filter((r) => r.path === "/api/flow_runs")).toHaveLength(2);
    const [first, second] = p.seen.map((r) => JSON.parse(r.body) as { id: string });
    expect(first!.id).toBe(second!.id);
    expect(await client.readFlowRuns({ flowName: "lost-answer" })).toHaveLength(1);
    expect(run.id).toBe(first!.id);
  });

  it("sends a state proposal's retries with the same idempotency key, and each proposal with a fresh one", async () => {
    const p = await proxy();
    const client = open({ apiUrl: p.apiUrl });
    const run = await client.createFlowRun({ flowName: "keys", name: "k" });
    p.plan.push("503");
    await client.setFlowRunState(run.id, state("RUNNING", "Running"));
    await client.setFlowRunState(run.id, state("COMPLETED", "Completed"));
    const keys = p.seen
      .filter((r) => r.path.endsWith("/set_state"))
      .map((r) => (JSON.parse(r.body) as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toHaveLength(3);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it("answers the first decision for a proposal whose answer was lost (needs server-side dedupe)", async () => {
    const p = await proxy();
    const client = open({ apiUrl: p.apiUrl });
    const run = await client.createFlowRun({ flowName: "dedupe", name: "d" });
    p.plan.push("forward-then-drop");
    const decision = await client.setFlowRunState(run.id, state("RUNNING", "Running"));
    expect(decision.status).toBe("ACCEPT");
    expect((await client.readFlowRunStates(run.id)).map((s) => s.name)).toEqual(["Pending", "Running"]);
  });
});

describe("the recorder outbox", () => {
  it("keeps batches through an outage in a spool file and delivers them, in order, when the server is back", async () => {
    const port = await freePort();
    const home = join(root, "outage-home");
    const client = open({ apiUrl: `http://127.0.0.1:${port}/api`, home, maxRetries: 50 });
    const first = await startTestServer(join(root, "outage-db"), port);
    const run = await client.createFlowRun({
      flowName: "outage",
      name: "o",
      state: state("RUNNING", "Running"),
    });
    await first.stop(100);

    const snapshot = taskRun(run.id);
    // The server is down: recordBatch resolves anyway, and the batches wait on disk.
    await client.recordBatch(batch({ taskRuns: [snapshot], logs: [log(run.id, "one")] }));
    await client.recordBatch(
      batch({
        taskRuns: [{ ...snapshot, state: state("COMPLETED", "Completed") }],
        logs: [log(run.id, "two")],
      }),
    );
    await client.recordBatch(batch({ logs: [log(run.id, "three")] }));
    const spool = join(home, "spool");
    const files = readdirSync(spool);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(spool, files[0]!), "utf8").trim().split("\n").length).toBeGreaterThanOrEqual(3);

    const second = await startTestServer(join(root, "outage-db"), port);
    try {
      // A terminal state waits for the run's batches.
      await client.setFlowRunState(run.id, state("COMPLETED", "Completed"));
      const [stored] = await client.readTaskRuns({ flowRunId: run.id });
      expect(stored!.state.name).toBe("Completed");
      expect((await client.readLogs({ flowRunId: run.id })).map((l) => l.message)).toEqual([
        "one",
        "two",
        "three",
      ]);
      // The file goes once its last batch is delivered, a file operation after the answer.
      await vi.waitFor(() => expect(readdirSync(spool)).toEqual([]), { timeout: 5_000, interval: 20 });
      expect(warnings.some((w) => w.includes("does not answer"))).toBe(true);
    } finally {
      await client.close();
      await second.stop(1000);
    }
  }, 30_000);

  it("spills batches to a spool file past the memory bound, says so once, and delivers them all", async () => {
    const home = join(root, "spill-home");
    const spilled: string[] = [];
    const client = open({ home, outboxMaxItems: 5, onWarning: (m) => spilled.push(m) });
    const run = await client.createFlowRun({
      flowName: "spill",
      name: "s",
      state: state("RUNNING", "Running"),
    });
    const sends = Array.from({ length: 40 }, (_, i) =>
      client.recordBatch(batch({ logs: [log(run.id, `line ${i}`)] })),
    );
    await Promise.all(sends);
    expect(spilled.filter((m) => m.includes("spooled to disk"))).toHaveLength(1);
    await client.setFlowRunState(run.id, state("COMPLETED", "Completed"));
    const messages = (await client.readLogs({ flowRunId: run.id })).map((l) => l.message);
    expect(messages).toEqual(Array.from({ length: 40 }, (_, i) => `line ${i}`));
    await client.close();
    expect(existsSync(join(home, "spool")) ? readdirSync(join(home, "spool")) : []).toEqual([]);
  });

  it("passes a refused batch's error to the waiting caller", async () => {
    const client = open();
    const error = await rejection(client.recordBatch(batch({ taskRuns: [taskRun("no-such-flow-run")] })));
    expect(error.code).toBe("ORDO_INVALID_INPUT");
  });
});

describe("server result storage", () => {
  it("writes and reads bytes, and says ORDO_RESULT_NOT_AVAILABLE for a missing key", async () => {
    const storage = open().resultStorage;
    const key = uuid7();
    await storage.write(key, new TextEncoder().encode("hello"));
    expect(new TextDecoder().decode(await storage.read(key))).toBe("hello");
    expect((await rejection(storage.read(uuid7()))).code).toBe("ORDO_RESULT_NOT_AVAILABLE");
    expect(storage.name).toBe("server");
  });
});
