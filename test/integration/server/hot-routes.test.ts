/**
 * The lighter HTTP path of `POST /api/flow_runs` and `POST /api/flow_runs/{id}/set_state`,
 * over real HTTP on loopback: it answers what the app answers, and every request it does
 * not serve itself (bad JSON, invalid bodies, other content types, query strings) still
 * gets the app's own answer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer } from "../../helpers/test-server.js";
import type { RunningServer } from "../../../src/server/start-server.js";

const root = mkdtempSync(join(tmpdir(), "ordo-hot-routes-"));
let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer(root);
});
afterAll(async () => {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
});

interface Answer {
  readonly status: number;
  readonly type: string | undefined;
  readonly body: unknown;
}

/** POSTs `body` (sent as it is when a string) to `path` of the API. */
function post(path: string, body: unknown, contentType = "application/json"): Promise<Answer> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${server.apiUrl}${path}`,
      {
        method: "POST",
        headers: { "content-type": contentType, "content-length": Buffer.byteLength(text) },
      },
      (res) => {
        let answer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (answer += chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: res.headers["content-type"],
            body: JSON.parse(answer),
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(text);
  });
}

const scheduled = () => ({
  type: "SCHEDULED",
  name: "Scheduled",
  timestamp: Date.now(),
  scheduledTime: Date.now(),
});

describe("the flow-run hot routes over HTTP", () => {
  it("creates a run and moves it through its states with the app's answers, history and events", async () => {
    const created = await post("/flow_runs", {
      flowName: "hot",
      name: "one",
      tags: ["t"],
      state: scheduled(),
    });
    expect(created).toMatchObject({
      status: 201,
      type: "application/json",
      body: { flowName: "hot", name: "one", tags: ["t"], state: { type: "SCHEDULED" }, runCount: 0 },
    });
    const { id } = created.body as { id: string };
    for (const [type, name] of [
      ["PENDING", "Pending"],
      ["RUNNING", "Running"],
      ["COMPLETED", "Completed"],
    ] as const) {
      const answer = await post(`/flow_runs/${id}/set_state`, {
        state: { type, name, timestamp: Date.now() },
      });
      expect(answer).toMatchObject({
        status: 200,
        type: "application/json",
        body: { status: "ACCEPT", state: { type } },
      });
    }
    const read = await fetch(`${server.apiUrl}/flow_runs/${id}`);
    expect(await read.json()).toMatchObject({ id, state: { type: "COMPLETED" }, runCount: 1 });
    const states = await fetch(`${server.apiUrl}/flow_runs/${id}/states`);
    expect(((await states.json()) as { type: string }[]).map((s) => s.type)).toEqual([
      "SCHEDULED",
      "PENDING",
      "RUNNING",
      "COMPLETED",
    ]);
    const events = await post("/events/filter", { resourceId: `ordo.flow-run.${id}` });
    expect((events.body as { event: string }[]).map((e) => e.event)).toEqual([
      "ordo.flow-run.Scheduled",
      "ordo.flow-run.Pending",
      "ordo.flow-run.Running",
      "ordo.flow-run.Completed",
    ]);
  });

  it("answers a refused transition with REJECT, and a repeated idempotency key with the run's state", async () => {
    const { body } = await post("/flow_runs", { flowName: "hot", name: "two", state: scheduled() });
    const { id } = body as { id: string };
    const pending = {
      state: { type: "PENDING", name: "Pending", timestamp: Date.now() },
      idempotencyKey: "k1",
    };
    expect((await post(`/flow_runs/${id}/set_state`, pending)).body).toMatchObject({ status: "ACCEPT" });
    expect((await post(`/flow_runs/${id}/set_state`, pending)).body).toMatchObject({
      status: "ACCEPT",
      state: { type: "PENDING" },
    });
    const completed = { state: { type: "COMPLETED", name: "Completed", timestamp: Date.now() } };
    await post(`/flow_runs/${id}/set_state`, {
      state: { type: "RUNNING", name: "Running", timestamp: Date.now() },
    });
    await post(`/flow_runs/${id}/set_state`, completed);
    const again = await post(`/flow_runs/${id}/set_state`, {
      state: { type: "RUNNING", name: "Running", timestamp: Date.now() },
    });
    expect(again).toMatchObject({ status: 200, body: { status: "REJECT", state: { type: "COMPLETED" } } });
  });

  it("answers a create with a known id with that run, unchanged", async () => {
    const first = await post("/flow_runs", { flowName: "hot", name: "three" });
    const { id } = first.body as { id: string };
    const again = await post("/flow_runs", { id, flowName: "hot", name: "renamed" });
    expect(again).toMatchObject({ status: 201, body: { id, name: "three" } });
  });

  it("answers the app's errors: unknown run, bad JSON, invalid body, invalid id, other content type", async () => {
    const state = { state: { type: "RUNNING", name: "Running", timestamp: Date.now() } };
    expect(await post("/flow_runs/0190b5c6-0000-7000-8000-000000000000/set_state", state)).toMatchObject({
      status: 404,
      body: { error: { code: "ORDO_NOT_FOUND" } },
    });
    expect(await post("/flow_runs", "{ not json")).toMatchObject({
      status: 400,
      body: { error: { code: "ORDO_MALFORMED_JSON" } },
    });
    expect(await post("/flow_runs", { name: "no flow" })).toMatchObject({
      status: 422,
      body: {
        error: { code: "ORDO_INVALID_INPUT", message: expect.stringContaining("flowName") as unknown },
      },
    });
    expect(await post("/flow_runs/x/set_state", { state: { type: "NOPE" } })).toMatchObject({
      status: 422,
      body: { error: { code: "ORDO_INVALID_INPUT" } },
    });
    expect(await post(`/flow_runs/${"x".repeat(65)}/set_state`, state)).toMatchObject({
      status: 422,
      body: { error: { code: "ORDO_INVALID_INPUT" } },
    });
    expect(await post("/flow_runs", { flowName: "hot", name: "typed" }, "text/plain")).toMatchObject({
      status: 415,
      body: { error: { code: "ORDO_UNSUPPORTED_MEDIA_TYPE" } },
    });
  });

  it("leaves requests with a query string or a JSON content type with parameters to the app, which serves them", async () => {
    expect(await post("/flow_runs?x=1", { flowName: "hot", name: "query" })).toMatchObject({
      status: 201,
      body: { name: "query" },
    });
    expect(
      await post("/flow_runs", { flowName: "hot", name: "charset" }, "application/json; charset=utf-8"),
    ).toMatchObject({ status: 201, body: { name: "charset" } });
  });
});
