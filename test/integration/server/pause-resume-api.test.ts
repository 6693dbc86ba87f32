/**
 * `POST /api/flow_runs/{id}/resume` through the app's request function: status codes,
 * the error format and what is (not) written.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, type AppHarness } from "./app-harness.js";

let h: AppHarness;
beforeAll(async () => {
  h = await openApp();
});
afterAll(() => h.close());

const SCHEMA = {
  type: "object",
  properties: {
    approved: { type: "boolean" },
    limits: { type: "object", properties: { max: { type: "integer" } }, required: ["max"] },
  },
  required: ["approved", "limits"],
};

async function pausedRun(name: "Paused" | "Suspended", timeoutAt = Date.now() + 60_000): Promise<string> {
  const created = await h.json("POST", "/api/flow_runs", { flowName: "approvals", name: "r" });
  const id = (created.body as { id: string }).id;
  await h.json("POST", `/api/flow_runs/${id}/set_state`, {
    state: { type: "RUNNING", name: "Running", timestamp: Date.now() },
  });
  const paused = await h.json("POST", `/api/flow_runs/${id}/set_state`, {
    state: { type: "PAUSED", name, timestamp: Date.now() },
    pause: { key: "pause-0", timeoutAt, inputSchema: SCHEMA },
  });
  expect(paused.body).toMatchObject({ status: "ACCEPT" });
  return id;
}

describe("POST /api/flow_runs/{id}/resume", () => {
  it("is in the OpenAPI document", async () => {
    const { body } = await h.json("GET", "/api/openapi.json");
    expect(Object.keys((body as { paths: Record<string, unknown> }).paths)).toContain(
      "/api/flow_runs/{id}/resume",
    );
  });

  it("shows the pause on the paused run", async () => {
    const id = await pausedRun("Paused");
    const { body } = await h.json("GET", `/api/flow_runs/${id}`);
    expect(body).toMatchObject({ state: { name: "Paused" }, pause: { key: "pause-0", inputSchema: SCHEMA } });
  });

  it("answers 422 naming each invalid field, and writes nothing", async () => {
    const id = await pausedRun("Paused");
    const bad = await h.json("POST", `/api/flow_runs/${id}/resume`, {
      input: { approved: "yes", limits: {} },
    });
    expect(bad.status).toBe(422);
    const error = (bad.body as { error: { code: string; message: string; details: { issues: unknown[] } } })
      .error;
    expect(error.code).toBe("ORDO_INVALID_INPUT");
    expect(error.details.issues).toEqual(
      expect.arrayContaining([
        { path: "input.approved", message: "must be boolean" },
        { path: "input.limits.max", message: "must have required property 'max'" },
      ]),
    );
    expect(error.message).toContain("input.approved");
    expect(error.message).toContain("input.limits.max");
    const missing = await h.json("POST", `/api/flow_runs/${id}/resume`, {});
    expect(missing.status).toBe(422);
    const { body } = await h.json("GET", `/api/flow_runs/${id}`);
    expect(body).toMatchObject({ state: { name: "Paused" } });
    expect((body as { resumeInputs?: unknown }).resumeInputs).toBeUndefined();
    const states = await h.json("GET", `/api/flow_runs/${id}/states`);
    expect((states.body as unknown[]).length).toBe(3);
  });

  it("resumes a Paused run to Running and a Suspended one to Scheduled, keeping the input", async () => {
    const input = { approved: true, limits: { max: 3 } };
    const paused = await pausedRun("Paused");
    const a = await h.json("POST", `/api/flow_runs/${paused}/resume`, { input });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ state: { name: "Running" }, resumeInputs: { "pause-0": input } });
    const suspended = await pausedRun("Suspended");
    const b = await h.json("POST", `/api/flow_runs/${suspended}/resume`, { input });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ state: { type: "SCHEDULED", name: "Scheduled" } });
  });

  it("answers 409 ORDO_NOT_PAUSED for a run that is not paused or whose pause timed out, 404 for an unknown id", async () => {
    const created = await h.json("POST", "/api/flow_runs", { flowName: "approvals", name: "r" });
    const id = (created.body as { id: string }).id;
    const notPaused = await h.json("POST", `/api/flow_runs/${id}/resume`, {});
    expect(notPaused.status).toBe(409);
    expect(notPaused.body).toMatchObject({ error: { code: "ORDO_NOT_PAUSED" } });
    const late = await pausedRun("Paused", Date.now() - 1);
    const expired = await h.json("POST", `/api/flow_runs/${late}/resume`, {
      input: { approved: true, limits: { max: 1 } },
    });
    expect(expired.status).toBe(409);
    expect((expired.body as { error: { message: string } }).error.message).toContain("timed out");
    const unknown = await h.json("POST", "/api/flow_runs/nope/resume", {});
    expect(unknown.status).toBe(404);
  });
});
