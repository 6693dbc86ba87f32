/**
 * Task-run events over the REST API, through the app's request function: the batch
 * endpoint writes them, `ORDO_TASK_RUN_EVENTS` selects them, `/api/events/filter` reads
 * them newest first.
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { OrdoEvent, TaskRun, TaskRunEvents } from "../../../src/schemas/index.js";
import { openApp, type AppHarness } from "./app-harness.js";

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const opened: AppHarness[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((h) => h.close()));
});

async function app(taskRunEvents?: TaskRunEvents): Promise<AppHarness> {
  const h = await openApp(undefined, undefined, { taskRunEvents });
  opened.push(h);
  return h;
}

async function flowRun(h: AppHarness): Promise<string> {
  const res = await h.json("POST", "/api/flow_runs", { flowName: "etl", name: "r" });
  return (res.body as { id: string }).id;
}

/** A task run that went Pending → Running → Failed. */
function failedRun(flowRunId: string): TaskRun {
  return {
    id: randomUUID(),
    flowRunId,
    taskKey: "load",
    dynamicKey: "0",
    name: "load-0",
    tags: [],
    state: { type: "FAILED", name: "Failed", timestamp: T0 + 2, message: "Error: boom" },
    stateHistory: [
      ["PENDING", "Pending", T0],
      ["RUNNING", "Running", T0 + 1],
      ["FAILED", "Failed", T0 + 2, "Error: boom"],
    ],
    runCount: 1,
    inputs: {},
    waitFor: [],
    createdAt: T0,
    updatedAt: T0 + 2,
  };
}

async function taskRunEvents(h: AppHarness): Promise<string[]> {
  const res = await h.json("POST", "/api/events/filter", { events: ["ordo.task-run.*"] });
  return (res.body as OrdoEvent[]).map((e) => e.event);
}

describe("POST /api/task_runs/batch writes task-run events", () => {
  it("writes one event per new state, and none again for the same batchId", async () => {
    const h = await app("all");
    const run = failedRun(await flowRun(h));
    const body = {
      batchId: randomUUID(),
      taskRuns: [run],
      taskRunStates: [],
      logs: [],
      newStates: [[run.id, 0, 3]],
    };
    expect((await h.json("POST", "/api/task_runs/batch", body)).status).toBe(204);
    expect((await h.json("POST", "/api/task_runs/batch", body)).status).toBe(204);
    expect(await taskRunEvents(h)).toEqual([
      "ordo.task-run.Pending",
      "ordo.task-run.Running",
      "ordo.task-run.Failed",
    ]);
  });

  it("writes the events ORDO_TASK_RUN_EVENTS selects: failures by default, terminal, all, off", async () => {
    const completed = (run: TaskRun): TaskRun => ({
      ...run,
      id: randomUUID(),
      dynamicKey: "1",
      state: { type: "COMPLETED", name: "Completed", timestamp: T0 + 2 },
      stateHistory: [...run.stateHistory.slice(0, 2), ["COMPLETED", "Completed", T0 + 2]],
    });
    for (const [mode, expected] of [
      [undefined, ["ordo.task-run.Failed"]],
      ["failures", ["ordo.task-run.Failed"]],
      ["terminal", ["ordo.task-run.Failed", "ordo.task-run.Completed"]],
      [
        "all",
        ["Pending", "Running", "Failed", "Pending", "Running", "Completed"].map((n) => `ordo.task-run.${n}`),
      ],
      ["off", []],
    ] as const) {
      const h = await app(mode);
      const failed = failedRun(await flowRun(h));
      const done = completed(failed);
      await h.json("POST", "/api/task_runs/batch", {
        taskRuns: [failed, done],
        taskRunStates: [],
        logs: [],
        newStates: [
          [failed.id, 0, 3],
          [done.id, 0, 3],
        ],
      });
      expect(await taskRunEvents(h), mode ?? "default").toEqual(expected);
    }
  });

  it("answers 422 naming newStates for a range outside the task run's states, or of a task run not in the batch", async () => {
    const h = await app();
    const run = failedRun(await flowRun(h));
    for (const newStates of [[[run.id, 0, 4]], [[run.id, 2, 2]], [[randomUUID(), 0, 1]], [[run.id, -1, 1]]]) {
      const res = await h.json("POST", "/api/task_runs/batch", {
        taskRuns: [run],
        taskRunStates: [],
        logs: [],
        newStates,
      });
      expect(res.status, JSON.stringify(newStates)).toBe(422);
      expect(res.body).toMatchObject({ error: { code: "ORDO_INVALID_INPUT" } });
      expect((res.body as { error: { message: string } }).error.message).toContain("newStates");
    }
    expect(await taskRunEvents(h)).toEqual([]);
  });
});

describe("POST /api/events/filter", () => {
  it("answers newest first with sort NEWEST and pages older with beforeId", async () => {
    const h = await app("all");
    const run = failedRun(await flowRun(h));
    await h.json("POST", "/api/task_runs/batch", {
      taskRuns: [run],
      taskRunStates: [],
      logs: [],
      newStates: [[run.id, 0, 3]],
    });
    const filter = { events: ["ordo.task-run.*"], sort: "NEWEST", limit: 2 };
    const first = (await h.json("POST", "/api/events/filter", filter)).body as OrdoEvent[];
    expect(first.map((e) => e.event)).toEqual(["ordo.task-run.Failed", "ordo.task-run.Running"]);
    const next = await h.json("POST", "/api/events/filter", { ...filter, beforeId: first[1]!.id });
    expect((next.body as OrdoEvent[]).map((e) => e.event)).toEqual(["ordo.task-run.Pending"]);
  });

  it("answers 422 naming the field for an unknown sort", async () => {
    const h = await app();
    const res = await h.json("POST", "/api/events/filter", { sort: "LATEST" });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: { code: "ORDO_INVALID_INPUT", details: { issues: [{ path: "sort" }] } },
    });
  });
});
