/**
 * `ordo flow-run inspect`: a deployment run shows where it came from and what ran it,
 * each as a plain value.
 */
import { describe, expect, it } from "vitest";
import { flowRunDetails } from "../../../src/cli/flow-run-view.js";
import type { FlowRun } from "../../../src/schemas/index.js";

const NOW = Date.parse("2026-11-25T12:00:00Z");
const run: FlowRun = {
  id: "run-1",
  flowId: "flow-1",
  flowName: "etl",
  name: "brisk-otter",
  state: { type: "COMPLETED", name: "Completed", timestamp: NOW - 1000 },
  parameters: { table: "users" },
  tags: [],
  runCount: 2,
  suspensions: 1,
  retries: 0,
  totalRunTimeMs: 1500,
  createdAt: NOW - 60_000,
  updatedAt: NOW - 1000,
  deploymentId: "dep-1",
  scheduleId: "sched-1",
  workQueueId: "queue-1",
  workerName: "vm-42",
  jobVariables: { env: { LOG_LEVEL: "debug" } },
};

describe("flowRunDetails", () => {
  it("names a deployment run's deployment, schedule, queue, worker, job variables and suspensions", () => {
    const text = flowRunDetails(run, [], NOW);
    expect(text).toMatch(/^suspensions: +1$/m);
    expect(text).toMatch(/^deployment: +dep-1$/m);
    expect(text).toMatch(/^schedule: +sched-1$/m);
    expect(text).toMatch(/^work queue: +queue-1$/m);
    expect(text).toMatch(/^worker: +vm-42$/m);
    expect(text).toMatch(/^job variables: +\{"env":\{"LOG_LEVEL":"debug"\}\}$/m);
    expect(text).not.toContain("deploymentId");
  });

  it("leaves out what a run started by `ordo run` does not have", () => {
    const plain: FlowRun = { ...run };
    for (const key of [
      "suspensions",
      "deploymentId",
      "scheduleId",
      "workQueueId",
      "workerName",
      "jobVariables",
    ]) {
      delete (plain as unknown as Record<string, unknown>)[key];
    }
    const text = flowRunDetails(plain, [], NOW);
    expect(text).not.toMatch(/^(deployment|schedule|work queue|worker|job variables|suspensions):/m);
  });
});

describe("flowRunDetails with the run's origin", () => {
  it("shows the deployment, schedule and work queue by name, each with its id", () => {
    const text = flowRunDetails(run, [], NOW, {
      deployment: "etl/nightly",
      schedule: "every hour",
      workQueue: "local/default",
    });
    expect(text).toMatch(/^deployment: +etl\/nightly \(dep-1\)$/m);
    expect(text).toMatch(/^schedule: +every hour \(sched-1\)$/m);
    expect(text).toMatch(/^work queue: +local\/default \(queue-1\)$/m);
  });
});
