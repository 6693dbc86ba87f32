/**
 * The REST routes of work pools, deployments, claims and cancellation: shapes, status
 * codes, and 422s that name the field, with nothing written for bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type AppHarness } from "./app-harness.js";

let h: AppHarness;
beforeAll(async () => {
  h = await openApp({});
});
afterAll(() => h.close());

describe("work pool routes", () => {
  it("creates, reads, pauses and lists pools and queues; 409 for a taken name, 404 for an unknown pool", async () => {
    expect((await h.json("POST", "/api/work_pools", { name: "local", concurrencyLimit: 2 })).status).toBe(
      201,
    );
    expect((await h.json("POST", "/api/work_pools", { name: "local" })).body).toMatchObject({
      error: { code: "ORDO_CONFLICT" },
    });
    const bad = await h.json("POST", "/api/work_pools", { name: "", concurrencyLimit: -1 });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: "ORDO_INVALID_INPUT" } });
    expect((await h.json("PATCH", "/api/work_pools/local", { paused: true })).body).toMatchObject({
      status: "PAUSED",
    });
    expect((await h.json("POST", "/api/work_pools/local/queues", { name: "fast", priority: 1 })).status).toBe(
      201,
    );
    const queues = await h.json("GET", "/api/work_pools/local/queues");
    expect((queues.body as { name: string; priority: number }[]).map((q) => [q.name, q.priority])).toEqual([
      ["default", 1],
      ["fast", 1],
    ]);
    expect((await h.json("GET", "/api/work_pools/nope")).status).toBe(404);
    expect((await h.json("POST", "/api/work_pools/local/workers/heartbeat", { name: "w1" })).status).toBe(
      204,
    );
    expect((await h.json("GET", "/api/work_pools/local/workers")).body).toMatchObject([
      { name: "w1", status: "ONLINE" },
    ]);
    expect((await h.json("POST", "/api/work_pools/filter", {})).status).toBe(200);
    expect((await h.json("POST", "/api/work_pools/summaries", { names: ["local", "nope"] })).body).toEqual([
      { name: "local", queues: 2, workersOnline: 1, workersOffline: 0 },
    ]);
    expect((await h.json("POST", "/api/work_pools/summaries", { names: "local" })).status).toBe(422);
  });
});

describe("deployment routes", () => {
  it("creates a deployment by flow and name, reads it both ways, and runs it with validated parameters", async () => {
    await h.json("POST", "/api/work_pools", { name: "runs" });
    const created = await h.json("POST", "/api/deployments", {
      flowName: "etl",
      name: "nightly",
      entrypoint: "flows/etl.ts:etl",
      workPoolName: "runs",
      parameterSchema: { type: "object", properties: { n: { type: "integer" } }, required: ["n"] },
      schedules: [{ cron: "0 3 * * *", timezone: "Europe/Berlin" }],
    });
    expect(created.status).toBe(200);
    const id = (created.body as { id: string }).id;
    expect((await h.json("GET", "/api/deployments/name/etl/nightly")).body).toMatchObject({
      id,
      flowName: "etl",
    });
    expect((await h.json("GET", `/api/deployments/${id}`)).body).toMatchObject({
      schedules: [{ description: "at 03:00 every day (Europe/Berlin)", schedule: { cron: "0 3 * * *" } }],
    });
    const invalid = await h.json("POST", `/api/deployments/${id}/create_flow_run`, {
      parameters: { n: "five" },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body).toMatchObject({
      error: { code: "ORDO_INVALID_PARAMETERS", details: { issues: [{ path: "n" }] } },
    });
    const run = await h.json("POST", `/api/deployments/${id}/create_flow_run`, {
      parameters: { n: 5 },
      id: "01a2b3c4-0000-7000-8000-000000000001",
    });
    expect(run.status).toBe(201);
    expect(run.body).toMatchObject({ deploymentId: id, parameters: { n: 5 }, state: { type: "SCHEDULED" } });
    const again = await h.json("POST", `/api/deployments/${id}/create_flow_run`, {
      parameters: { n: 5 },
      id: "01a2b3c4-0000-7000-8000-000000000001",
    });
    expect((again.body as { id: string }).id).toBe("01a2b3c4-0000-7000-8000-000000000001");
    const claimed = await h.json("POST", "/api/work_pools/runs/claim", {
      workerName: "w",
      limit: 1,
      prefetchSeconds: 0,
    });
    expect(claimed.body).toMatchObject([
      {
        flowRun: { id: "01a2b3c4-0000-7000-8000-000000000001" },
        entrypoint: "flows/etl.ts:etl",
        job: { env: {} },
      },
    ]);
    const cancelling = await h.json("POST", "/api/flow_runs/01a2b3c4-0000-7000-8000-000000000001/cancel", {});
    expect(cancelling.body).toMatchObject({ state: { name: "Cancelling" } });
    const done = await h.json(
      "POST",
      "/api/flow_runs/01a2b3c4-0000-7000-8000-000000000001/mark_cancelled",
      {},
    );
    expect(done.body).toMatchObject({ state: { type: "CANCELLED" } });
  });

  it("creates a run by FLOW/NAME, and starts it once claimed: Pending with its process, then Running", async () => {
    await h.json("POST", "/api/work_pools", { name: "starts" });
    await h.json("POST", "/api/deployments", {
      flowName: "report",
      name: "daily",
      entrypoint: "flows/report.ts:report",
      workPoolName: "starts",
    });
    const created = await h.json("POST", "/api/deployments/name/report/daily/create_flow_run", {});
    expect(created.status).toBe(201);
    const id = (created.body as { id: string }).id;
    await h.json("POST", "/api/work_pools/starts/claim", { workerName: "w", prefetchSeconds: 0 });

    const badPid = await h.json("POST", `/api/flow_runs/${id}/start`, { process: { host: "h", pid: -1 } });
    expect(badPid.status).toBe(422);
    expect(badPid.body).toMatchObject({ error: { details: { issues: [{ path: "process.pid" }] } } });
    const started = await h.json("POST", `/api/flow_runs/${id}/start`, {
      process: { host: "worker-host", pid: 4242 },
      idempotencyKey: "start-1",
    });

    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: "ACCEPT", state: { name: "Running" }, runCount: 1 });
    expect((await h.json("GET", `/api/flow_runs/${id}`)).body).toMatchObject({
      host: "worker-host",
      pid: 4242,
    });
    const names = ((await h.json("GET", `/api/flow_runs/${id}/states`)).body as { name: string }[]).map(
      (s) => s.name,
    );
    expect(names).toEqual(["Scheduled", "InfrastructurePending", "Pending", "Running"]);
    expect((await h.json("POST", "/api/deployments/name/report/nope/create_flow_run", {})).status).toBe(404);
  });

  it("rejects a bad schedule, a bad stale policy and an unknown deployment with clear errors", async () => {
    const badCron = await h.json("POST", "/api/deployments", {
      flowName: "x",
      name: "y",
      entrypoint: "x.ts:x",
      schedules: [{ cron: "61 * * * *" }],
    });
    expect(badCron.status).toBe(422);
    expect(JSON.stringify(badCron.body)).toContain("cron");
    const badTz = await h.json("POST", "/api/deployments", {
      flowName: "x",
      name: "y",
      entrypoint: "x.ts:x",
      schedules: [{ cron: "0 * * * *", timezone: "Mars/Base" }],
    });
    expect(badTz.status).toBe(422);
    const expireWithout = await h.json("POST", "/api/deployments", {
      flowName: "x",
      name: "y",
      entrypoint: "x.ts:x",
      stalePolicy: "EXPIRE",
    });
    expect(expireWithout.body).toMatchObject({
      error: { code: "ORDO_INVALID_INPUT", details: { issues: [{ path: "staleAfterSeconds" }] } },
    });
    expect((await h.json("GET", "/api/deployments/unknown-id")).status).toBe(404);
    expect((await h.json("POST", "/api/flow_runs/unknown-id/cancel", {})).status).toBe(404);
    const list = await h.json("POST", "/api/deployments/filter", {});
    expect((list.body as { name: string }[]).some((d) => d.name === "y")).toBe(false);
  });

  it("adds, changes and deletes one schedule at a time: 201, 200, 204; 422 and 404 name what is wrong", async () => {
    const created = await h.json("POST", "/api/deployments", {
      flowName: "sync",
      name: "s",
      entrypoint: "flows/sync.ts:sync",
      schedules: [{ interval: 3600, slug: "hourly" }],
    });
    const { id, schedules } = created.body as { id: string; schedules: { id: string }[] };
    const added = await h.json("POST", `/api/deployments/${id}/schedules`, [
      { cron: "0 6 * * 1-5", timezone: "America/New_York", slug: "weekday" },
    ]);
    expect(added.status).toBe(201);
    expect(added.body).toEqual([
      expect.objectContaining({
        slug: "weekday",
        active: true,
        schedule: expect.objectContaining({ cron: "0 6 * * 1-5" }),
      }),
    ]);
    const paused = await h.json("PATCH", `/api/deployments/${id}/schedules/weekday`, { active: false });
    expect(paused).toMatchObject({ status: 200, body: { slug: "weekday", active: false } });
    const listed = await h.json("GET", `/api/deployments/${id}/schedules`);
    expect((listed.body as { id: string; active: boolean }[]).map((s) => [s.id, s.active])).toEqual([
      [schedules[0]!.id, true],
      [(added.body as { id: string }[])[0]!.id, false],
    ]);
    expect((await h.json("DELETE", `/api/deployments/${id}/schedules/weekday`)).status).toBe(204);
    expect((await h.json("GET", `/api/deployments/${id}/schedules`)).body).toHaveLength(1);

    const taken = await h.json("POST", `/api/deployments/${id}/schedules`, [
      { interval: 60, slug: "hourly" },
    ]);
    expect(taken).toMatchObject({
      status: 422,
      body: { error: { code: "ORDO_INVALID_INPUT", details: { issues: [{ path: "0.slug" }] } } },
    });
    const notAList = await h.json("POST", `/api/deployments/${id}/schedules`, { interval: 60 });
    expect(notAList.status).toBe(422);
    const unknownField = await h.json("PATCH", `/api/deployments/${id}/schedules/hourly`, { paused: true });
    expect(unknownField.status).toBe(422);
    const unknown = await h.json("PATCH", `/api/deployments/${id}/schedules/nightly`, { active: false });
    expect(unknown).toMatchObject({ status: 404, body: { error: { code: "ORDO_NOT_FOUND" } } });
    expect((await h.json("DELETE", `/api/deployments/${id}/schedules/nightly`)).status).toBe(404);
    expect((await h.json("GET", "/api/deployments/unknown-id/schedules")).status).toBe(404);
    expect((await h.json("GET", `/api/deployments/${id}/schedules`)).body).toHaveLength(1);
  });

  it("lists the new routes in the OpenAPI document", async () => {
    const doc = (await h.json("GET", "/api/openapi.json")).body as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/api/deployments",
        "/api/deployments/{id}/create_flow_run",
        "/api/deployments/name/{flow}/{name}/create_flow_run",
        "/api/deployments/claim",
        "/api/flow_runs/{id}/start",
        "/api/work_pools/{name}/claim",
        "/api/work_pools/{name}/queues",
        "/api/flow_runs/{id}/cancel",
        "/api/deployments/{id}/schedules",
        "/api/deployments/{id}/schedules/{schedule}",
      ]),
    );
  });
});
