/**
 * The REST API's contract, through the app's request function: shapes, status codes and
 * the error format.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type AppHarness } from "./app-harness.js";

let h: AppHarness;
beforeAll(async () => {
  h = await openApp({ jsonBytes: 64 * 1024 });
});
afterAll(() => h.close());

const now = () => Date.now();
const running = () => ({ type: "RUNNING", name: "Running", timestamp: now() });

describe("admin", () => {
  it("answers health, readiness and version", async () => {
    expect(await h.json("GET", "/api/health")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await h.json("GET", "/api/ready")).toEqual({
      status: 200,
      body: { status: "ok", database: "sqlite" },
    });
    const version = await h.json("GET", "/api/version");
    expect(version.body).toMatchObject({ api: "1", database: "sqlite", version: expect.any(String) });
  });

  it("publishes an OpenAPI 3.1 document listing every route", async () => {
    const { status, body } = await h.json("GET", "/api/openapi.json");
    expect(status).toBe(200);
    const doc = body as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/flow_runs",
        "/api/flow_runs/{id}",
        "/api/flow_runs/filter",
        "/api/flow_runs/{id}/set_state",
        "/api/task_runs/batch",
        "/api/logs/filter",
      ]),
    );
  });

  it("serves the interactive docs and their assets without network access", async () => {
    const page = await h.app.request("/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/docs/assets/swagger-ui-bundle.js");
    const init = await h.app.request("/docs/assets/docs-init.js");
    expect(await init.text()).toContain('url: "/api/openapi.json"');
    const bundle = await h.app.request("/docs/assets/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("javascript");
  });

  it("says at / that the UI is not built and links to the docs", async () => {
    const res = await h.app.request("/");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('href="/docs"');
  });
});

describe("flow runs", () => {
  it("creates, reads, filters and changes the state of a flow run", async () => {
    const created = await h.json("POST", "/api/flow_runs", { flowName: "etl", name: "first", tags: ["a"] });
    expect(created.status).toBe(201);
    const run = created.body as { id: string; state: { type: string } };
    expect(run.state.type).toBe("PENDING");
    expect((await h.json("GET", `/api/flow_runs/${run.id}`)).body).toEqual(run);

    const decision = await h.json("POST", `/api/flow_runs/${run.id}/set_state`, { state: running() });
    expect(decision).toMatchObject({ status: 200, body: { status: "ACCEPT", runCount: 1 } });

    const listed = await h.json("POST", "/api/flow_runs/filter", {
      flowName: "etl",
      stateTypes: ["RUNNING"],
    });
    expect((listed.body as { id: string }[]).map((r) => r.id)).toContain(run.id);
    const states = await h.json("GET", `/api/flow_runs/${run.id}/states`);
    expect((states.body as { name: string }[]).map((s) => s.name)).toEqual(["Pending", "Running"]);
    expect(await h.json("POST", `/api/flow_runs/${run.id}/heartbeat`)).toMatchObject({
      status: 200,
      body: { state: { type: "RUNNING", name: "Running" } },
    });
  });

  it("answers a rejected proposal with the server's decision", async () => {
    const run = (await h.json("POST", "/api/flow_runs", { flowName: "etl", name: "r" })).body as {
      id: string;
    };
    await h.json("POST", `/api/flow_runs/${run.id}/set_state`, { state: running() });
    const again = await h.json("POST", `/api/flow_runs/${run.id}/set_state`, { state: running() });
    expect(again).toMatchObject({ status: 200, body: { status: "REJECT", state: { name: "Running" } } });
  });

  it("returns the same run for a create retried with the same id", async () => {
    const id = "0190f0c0-0000-7000-8000-000000000001";
    const first = await h.json("POST", "/api/flow_runs", { id, flowName: "etl", name: "once" });
    const second = await h.json("POST", "/api/flow_runs", { id, flowName: "etl", name: "once" });
    expect(second.body).toEqual(first.body);
  });
});

describe("parameter schemas", () => {
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    properties: { table: { type: "string" }, limit: { type: "integer", minimum: 1 } },
    required: ["table"],
  };

  it("stores a flow's parameter schema and validates API-created runs against it (422 naming the field)", async () => {
    expect((await h.json("POST", "/api/flows", { name: "typed", parameterSchema: schema })).status).toBe(200);
    expect((await h.json("GET", "/api/flows/typed")).body).toMatchObject({
      name: "typed",
      parameterSchema: schema,
    });
    const bad = await h.json("POST", "/api/flow_runs", {
      flowName: "typed",
      name: "r",
      parameters: { table: 3, limit: 0 },
      validateParameters: true,
    });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({
      error: {
        code: "ORDO_INVALID_PARAMETERS",
        details: { issues: expect.arrayContaining([expect.objectContaining({ path: "table" })]) },
      },
    });
    const missing = await h.json("POST", "/api/flow_runs", {
      flowName: "typed",
      name: "r",
      parameters: {},
      validateParameters: true,
    });
    expect(missing.body).toMatchObject({ error: { details: { issues: [{ path: "table" }] } } });
    const typo = await h.json("POST", "/api/flow_runs", {
      flowName: "typed",
      name: "r",
      parameters: { table: "users", lmit: 5 },
      validateParameters: true,
    });
    expect(typo).toMatchObject({
      status: 422,
      body: {
        error: {
          code: "ORDO_INVALID_PARAMETERS",
          message:
            "invalid parameters for flow typed: lmit: is not a parameter of flow typed (its parameters: limit, table)",
          details: { issues: [{ path: "lmit" }] },
        },
      },
    });
    const good = await h.json("POST", "/api/flow_runs", {
      flowName: "typed",
      name: "r",
      parameters: { table: "users", limit: 5 },
      validateParameters: true,
    });
    expect(good.status).toBe(201);
  });

  it("keeps a schema sent again, replaces it with a changed one, and keeps it when a change is invalid", async () => {
    const changed = { ...schema, required: ["table", "limit"] };
    for (const body of [schema, schema, changed]) {
      expect((await h.json("POST", "/api/flows", { name: "evolving", parameterSchema: body })).status).toBe(
        200,
      );
      expect((await h.json("GET", "/api/flows/evolving")).body).toMatchObject({ parameterSchema: body });
    }
    const invalid = await h.json("POST", "/api/flows", {
      name: "evolving",
      parameterSchema: { type: "no-such-type" },
    });
    expect(invalid.status).toBe(422);
    expect((await h.json("GET", "/api/flows/evolving")).body).toMatchObject({ parameterSchema: changed });
  });

  it("refuses a parameter schema that is not a JSON Schema", async () => {
    const res = await h.json("POST", "/api/flows", {
      name: "broken",
      parameterSchema: { type: "no-such-type" },
    });
    expect(res).toMatchObject({ status: 422, body: { error: { code: "ORDO_INVALID_INPUT" } } });
  });
});

describe("errors", () => {
  it("answers 404 with ORDO_NOT_FOUND for an unknown id", async () => {
    const res = await h.json("GET", "/api/flow_runs/nope");
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: "ORDO_NOT_FOUND", details: { id: "nope" } } });
  });

  it("answers 422 naming the field for an invalid body", async () => {
    const res = await h.json("POST", "/api/flow_runs", { flowName: 3, name: "x" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: { code: "ORDO_INVALID_INPUT", details: { issues: [{ path: "flowName" }] } },
    });
    expect((res.body as { error: { message: string } }).error.message).toContain("flowName");
  });

  it("answers 422 for a state whose name does not belong to its type", async () => {
    const run = (await h.json("POST", "/api/flow_runs", { flowName: "etl", name: "r" })).body as {
      id: string;
    };
    const res = await h.json("POST", `/api/flow_runs/${run.id}/set_state`, {
      state: { type: "RUNNING", name: "Completed", timestamp: now() },
    });
    expect(res).toMatchObject({
      status: 422,
      body: { error: { details: { issues: [{ path: "state.name" }] } } },
    });
  });

  it("answers 400 with ORDO_MALFORMED_JSON for a body that is not JSON", async () => {
    const res = await h.app.request("/api/flow_runs", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "ORDO_MALFORMED_JSON" } });
  });

  it("answers 415 for a body sent without a JSON content type", async () => {
    const res = await h.app.request("/api/flow_runs", { method: "POST", body: "{}" });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: "ORDO_UNSUPPORTED_MEDIA_TYPE" } });
  });

  it("answers 413 for an oversized body and writes nothing", async () => {
    const before = await h.json("POST", "/api/flow_runs/filter", { flowName: "big" });
    const res = await h.json("POST", "/api/flow_runs", {
      flowName: "big",
      name: "x",
      parameters: { blob: "x".repeat(100 * 1024) },
    });
    expect(res).toMatchObject({ status: 413, body: { error: { code: "ORDO_PAYLOAD_TOO_LARGE" } } });
    expect(await h.json("POST", "/api/flow_runs/filter", { flowName: "big" })).toEqual(before);
  });

  it("answers 422 for a list cursor that was not made by the server", async () => {
    const res = await h.json("POST", "/api/flow_runs/paginate", { cursor: "not-a-cursor" });
    expect(res).toMatchObject({
      status: 422,
      body: { error: { code: "ORDO_INVALID_INPUT", details: { field: "cursor" } } },
    });
  });

  it("answers 422 naming the field for a history range that is empty or has too many buckets", async () => {
    const empty = await h.json("POST", "/api/flow_runs/history", {
      from: 10_000,
      to: 10_000,
      intervalSeconds: 60,
    });
    expect(empty).toMatchObject({ status: 422, body: { error: { details: { issues: [{ path: "to" }] } } } });
    const many = await h.json("POST", "/api/flow_runs/history", {
      from: 0,
      to: 86_400_000,
      intervalSeconds: 1,
    });
    expect(many).toMatchObject({
      status: 422,
      body: { error: { details: { issues: [{ path: "intervalSeconds" }] } } },
    });
  });

  it("answers 404 for the graph of an unknown flow run", async () => {
    expect(await h.json("GET", "/api/flow_runs/nope/graph")).toMatchObject({
      status: 404,
      body: { error: { code: "ORDO_NOT_FOUND" } },
    });
  });

  it("answers 404 with ORDO_ROUTE_NOT_FOUND for an unknown route", async () => {
    expect(await h.json("GET", "/api/nothing-here")).toMatchObject({
      status: 404,
      body: { error: { code: "ORDO_ROUTE_NOT_FOUND" } },
    });
  });
});

describe("task runs, logs and results", () => {
  it("writes a recorder batch and reads task runs, their states and logs", async () => {
    const run = (await h.json("POST", "/api/flow_runs", { flowName: "etl", name: "r" })).body as {
      id: string;
    };
    const t = now();
    const task = {
      id: "0190f0c0-0000-7000-8000-0000000000aa",
      flowRunId: run.id,
      taskKey: "extract",
      dynamicKey: "0",
      name: "extract-0",
      tags: [],
      state: { type: "COMPLETED", name: "Completed", timestamp: t },
      stateHistory: [["COMPLETED", "Completed", t]],
      runCount: 1,
      inputs: {},
      waitFor: [],
      cacheKey: "ck",
      result: { kind: "inline", serializer: "json", data: "1" },
      createdAt: t,
      updatedAt: t,
    };
    const res = await h.json("POST", "/api/task_runs/batch", {
      batchId: "b-1",
      taskRuns: [task],
      taskRunStates: [],
      logs: [{ flowRunId: run.id, level: 20, name: "t", message: "hi", timestamp: t }],
    });
    expect(res.status).toBe(204);
    expect((await h.json("GET", `/api/task_runs/${task.id}`)).body).toEqual(task);
    const filtered = await h.json("POST", "/api/task_runs/filter", { flowRunId: run.id });
    expect(filtered.body).toEqual([task]);
    const newest = await h.json("POST", "/api/task_runs/filter", { flowRunId: run.id, sort: "NEWEST" });
    expect(newest.body).toEqual([task]);
    const badSort = await h.json("POST", "/api/task_runs/filter", { sort: "LATEST" });
    expect(badSort).toMatchObject({ status: 422, body: { error: { code: "ORDO_INVALID_INPUT" } } });
    expect((badSort.body as { error: { message: string } }).error.message).toContain("sort");
    const logs = await h.json("POST", "/api/logs/filter", { flowRunId: run.id });
    expect((logs.body as { message: string }[]).map((l) => l.message)).toEqual(["hi"]);
    const hit = await h.json("POST", "/api/task_runs/cache_lookup", { cacheKey: "ck", now: t });
    expect(hit.body).toEqual({ hit: { cacheKey: "ck", sourceRunId: task.id, result: task.result } });
    const miss = await h.json("POST", "/api/task_runs/cache_lookup", { cacheKey: "none", now: t });
    expect(miss.body).toEqual({ hit: null });
  });

  it("stores and serves result bytes, and refuses unsafe keys", async () => {
    const bytes = new Uint8Array([1, 2, 3, 250]);
    const put = await h.app.request("/api/results/abc-1", {
      method: "PUT",
      headers: { "content-type": "application/octet-stream" },
      body: bytes,
    });
    expect(put.status).toBe(204);
    const got = await h.app.request("/api/results/abc-1");
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
    expect((await h.app.request("/api/results/missing")).status).toBe(404);
    const unsafe = await h.app.request("/api/results/.hidden", { method: "PUT", body: bytes });
    expect(unsafe.status).toBe(422);
  });
});

describe("flows and deleting runs", () => {
  it("lists flows by name, A to Z, optionally by prefix, with their parameter schemas", async () => {
    const schema = { type: "object", properties: { n: { type: "integer" } } };
    await h.json("POST", "/api/flows", { name: "zeta-report", parameterSchema: schema });
    await h.json("POST", "/api/flows", { name: "zeta-etl" });
    const { status, body } = await h.json("POST", "/api/flows/filter", { namePrefix: "zeta-" });
    expect(status).toBe(200);
    const flows = body as { name: string; parameterSchema?: unknown }[];
    expect(flows.map((f) => f.name)).toEqual(["zeta-etl", "zeta-report"]);
    expect(flows[1]?.parameterSchema).toEqual(schema);
    expect((await h.json("POST", "/api/flows/filter", { limit: 0 })).status).toBe(422);
  });

  it("deletes a finished run with its states and logs, and refuses one that may be executing", async () => {
    const created = await h.json("POST", "/api/flow_runs", { flowName: "doomed", name: "d1" });
    const run = created.body as { id: string };
    await h.json("POST", `/api/flow_runs/${run.id}/set_state`, { state: running() });
    const refused = await h.json("DELETE", `/api/flow_runs/${run.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: "ORDO_CONFLICT" } });
    expect((await h.json("GET", `/api/flow_runs/${run.id}`)).status).toBe(200);

    const done = { type: "COMPLETED", name: "Completed", timestamp: now() };
    await h.json("POST", `/api/flow_runs/${run.id}/set_state`, { state: done });
    expect((await h.json("DELETE", `/api/flow_runs/${run.id}`)).status).toBe(204);
    expect((await h.json("GET", `/api/flow_runs/${run.id}`)).status).toBe(404);
    expect((await h.json("GET", `/api/flow_runs/${run.id}/states`)).status).toBe(404);
    expect((await h.json("DELETE", `/api/flow_runs/${run.id}`)).status).toBe(404);
  });
});
