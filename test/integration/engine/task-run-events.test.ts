import { describe, expect, it } from "vitest";
import { flow, retryFlowRun, task } from "../../../src/index.js";
import type { OrdoClient } from "../../../src/client/ordo-client.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";

// Every state becomes an event here (the default writes failures only); the test server
// and the embedded client both read the setting.
process.env.ORDO_TASK_RUN_EVENTS = "all";
const { client } = useTempOrdoHome();

/** The event names of each task run of `flowRunId`, and the state names of its history. */
async function eventsAndHistories(c: OrdoClient, flowRunId: string) {
  const runs = await c.readTaskRuns({ flowRunId });
  return Promise.all(
    runs.map(async (run) => ({
      name: run.name,
      events: (await c.readEvents({ resourceId: `ordo.task-run.${run.id}` })).map((e) => e.event),
      history: run.stateHistory.map(([, name]) => `ordo.task-run.${name}`),
    })),
  );
}

describe("task-run events", () => {
  it("are written for every state a task run enters, and found by name and by flow run", async () => {
    const ok = task({ name: "ok" }, async () => 1);
    const bad = task({ name: "bad" }, async () => {
      throw new Error("kaput");
    });
    const pipeline = flow({ name: "events-pipeline" }, async () => {
      await ok();
      await bad.state();
      return "done";
    });
    const state = await pipeline.state();
    const c = await client();

    const runs = await eventsAndHistories(c, state.flowRunId!);
    expect(runs).toHaveLength(2);
    for (const run of runs) expect(run.events, run.name).toEqual(run.history);
    const failed = await c.readEvents({ events: ["ordo.task-run.Failed"] });
    const ours = failed.filter((e) =>
      e.related.some((r) => r["ordo.resource.id"] === `ordo.flow-run.${state.flowRunId!}`),
    );
    expect(ours).toHaveLength(1);
    expect(ours[0]!.resource["ordo.resource.name"]).toBe("bad-0");
    expect(ours[0]!.payload.validatedState).toMatchObject({
      type: "FAILED",
      message: expect.stringContaining("kaput"),
    });
  });

  it("are not written again for the task runs a retried flow run reuses", async () => {
    let calls = 0;
    const steady = task({ name: "steady" }, async () => 1);
    const flaky = task({ name: "flaky" }, async () => {
      calls += 1;
      if (calls === 1) throw new Error("first time");
      return 2;
    });
    const pipeline = flow({ name: "events-retried" }, async () => (await steady()) + (await flaky()));
    const first = await pipeline.state();
    expect(first.isFailed()).toBe(true);
    const retried = await retryFlowRun(first.flowRunId!);
    expect(await retried.result()).toBe(3);

    const runs = await eventsAndHistories(await client(), first.flowRunId!);
    for (const run of runs) expect(run.events, run.name).toEqual(run.history);
    expect(runs.find((r) => r.name.startsWith("steady"))?.events).toEqual([
      "ordo.task-run.Pending",
      "ordo.task-run.Running",
      "ordo.task-run.Completed",
    ]);
  });
});
