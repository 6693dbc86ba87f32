import { describe, expect, it } from "vitest";
import type { FlowRun } from "../../src/api/types.js";
import { whyWaiting } from "../../src/pages/flow-run/why-waiting.js";

const NOW = Date.parse("2026-11-24T12:00:00.000Z");
const MIN = 60_000;

function run(overrides: Partial<FlowRun>): FlowRun {
  return {
    id: "run-1",
    flowId: "flow-1",
    flowName: "etl",
    name: "brisk-ibis",
    state: { type: "SCHEDULED", name: "Scheduled", timestamp: NOW - MIN },
    parameters: {},
    tags: [],
    runCount: 0,
    retries: 0,
    totalRunTimeMs: 0,
    createdAt: NOW - MIN,
    updatedAt: NOW - MIN,
    ...overrides,
  };
}

describe("why a flow run is not running yet", () => {
  it("says nothing about a running or finished run", () => {
    expect(
      whyWaiting(run({ state: { type: "RUNNING", name: "Running", timestamp: NOW } }), { now: NOW }),
    ).toBe(undefined);
    expect(
      whyWaiting(run({ state: { type: "COMPLETED", name: "Completed", timestamp: NOW } }), { now: NOW }),
    ).toBeUndefined();
  });

  it("says when a scheduled run will start", () => {
    const reason = whyWaiting(
      run({ state: { type: "SCHEDULED", name: "Scheduled", timestamp: NOW, scheduledTime: NOW + 5 * MIN } }),
      { now: NOW },
    );
    expect(reason?.title).toBe("Scheduled to start in 5 min.");
    expect(reason?.detail).toContain("24 Nov 2026");
  });

  it("names the work pool whose worker should pick up a late deployment run, with the command", () => {
    const reason = whyWaiting(
      run({
        deploymentId: "dep-1",
        state: { type: "SCHEDULED", name: "Late", timestamp: NOW, scheduledTime: NOW - 10 * MIN },
      }),
      { now: NOW, poolName: "nightly" },
    );
    expect(reason?.title).toBe("Late: it should have started 10 min. ago");
    expect(reason?.detail).toContain('work pool "nightly"');
    expect(reason?.command).toBe("ordo worker start --pool nightly");
  });

  it("says a due run of code waits for the process that created it, without a worker command", () => {
    const reason = whyWaiting(
      run({ state: { type: "SCHEDULED", name: "Scheduled", timestamp: NOW, scheduledTime: NOW - 2 * MIN } }),
      { now: NOW },
    );
    expect(reason?.title).toBe("Due 2 min. ago, not picked up yet");
    expect(reason?.command).toBeUndefined();
  });

  it("counts the attempt of a run awaiting its retry and keeps the state's message", () => {
    const reason = whyWaiting(
      run({
        runCount: 1,
        retries: 2,
        state: {
          type: "SCHEDULED",
          name: "AwaitingRetry",
          timestamp: NOW,
          scheduledTime: NOW + 30_000,
          message: "retry 1 of 2 in 30s after: boom",
        },
      }),
      { now: NOW },
    );
    expect(reason?.title).toBe("Waiting to retry (attempt 2 of 3)");
    expect(reason?.detail).toMatch(/^retry 1 of 2 in 30s after: boom\. The next attempt is due in 30 sec\./);
  });

  it("says a run waits for a concurrency slot, with the limit's message", () => {
    const reason = whyWaiting(
      run({
        state: {
          type: "SCHEDULED",
          name: "AwaitingConcurrencySlot",
          timestamp: NOW,
          message: "the deployment's concurrency limit (1) is full",
        },
      }),
      { now: NOW },
    );
    expect(reason?.title).toBe("Waiting for a concurrency slot");
    expect(reason?.detail).toContain("concurrency limit (1) is full");
  });

  it("says a paused run waits to be resumed with input, until its deadline, and how to resume it", () => {
    const reason = whyWaiting(
      run({
        state: { type: "PAUSED", name: "Paused", timestamp: NOW },
        pause: { key: "pause-0", timeoutAt: NOW + 60 * MIN, inputSchema: { type: "object" } },
      }),
      { now: NOW },
    );
    expect(reason?.title).toBe("Paused: waiting to be resumed with input");
    expect(reason?.detail).toContain("It fails unless resumed in 1 hr.");
    expect(reason?.command).toBe("ordo flow-run resume run-1 --input '{…}'");
  });

  it("says a suspended run is run again by a worker once resumed", () => {
    const reason = whyWaiting(run({ state: { type: "PAUSED", name: "Suspended", timestamp: NOW } }), {
      now: NOW,
    });
    expect(reason?.title).toBe("Suspended: waiting to be resumed");
    expect(reason?.detail).toContain("a worker runs it again");
    expect(reason?.command).toBe("ordo flow-run resume run-1");
  });

  it("names the worker starting a pending run and the one stopping a cancelling run", () => {
    const pending = whyWaiting(
      run({ workerName: "w-1", state: { type: "PENDING", name: "InfrastructurePending", timestamp: NOW } }),
      { now: NOW },
    );
    expect(pending?.detail).toContain('The worker "w-1" claimed it');
    const cancelling = whyWaiting(
      run({ workerName: "w-1", state: { type: "CANCELLING", name: "Cancelling", timestamp: NOW } }),
      { now: NOW },
    );
    expect(cancelling?.title).toBe("Cancelling");
    expect(cancelling?.detail).toContain('"w-1" stops its process');
  });
});

describe("why an overdue retry is not running", () => {
  it("says since when it is due and which pool's worker should take it", () => {
    const reason = whyWaiting(
      run({
        deploymentId: "dep-1",
        runCount: 1,
        state: {
          type: "SCHEDULED",
          name: "AwaitingRetry",
          timestamp: NOW - 15 * MIN,
          scheduledTime: NOW - 15 * MIN,
          message: "its worker shut down; it runs again on another worker",
        },
      }),
      { now: NOW, poolName: "local" },
    );
    expect(reason?.title).toBe("Waiting to retry (attempt 2)");
    expect(reason?.detail).toBe(
      'its worker shut down; it runs again on another worker. It is due since 15 min. ago. It waits for a worker of the work pool "local" to pick it up. Is one running?',
    );
    expect(reason?.command).toBe("ordo worker start --pool local");
  });
});
