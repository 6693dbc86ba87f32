import { describe, expect, it } from "vitest";
import { runTimesAfter } from "../../../src/api/run-times.js";
import type { StateData } from "../../../src/states/index.js";

const at = (type: StateData["type"], name: StateData["name"], timestamp: number): StateData => ({
  type,
  name,
  timestamp,
});
const fresh = { runCount: 0, totalRunTimeMs: 0 };

describe("flow-run counters and times", () => {
  it("counts a run and sets the start time when RUNNING is entered", () => {
    const times = runTimesAfter(fresh, at("PENDING", "Pending", 100), at("RUNNING", "Running", 200));
    expect(times).toEqual({
      runCount: 1,
      suspensions: 0,
      startTime: 200,
      endTime: undefined,
      totalRunTimeMs: 0,
    });
  });

  it("keeps the first start time on a later attempt", () => {
    const before = { runCount: 1, startTime: 200, totalRunTimeMs: 50 };
    const times = runTimesAfter(
      before,
      at("SCHEDULED", "AwaitingRetry", 250),
      at("RUNNING", "Retrying", 900),
    );
    expect(times.runCount).toBe(2);
    expect(times.startTime).toBe(200);
  });

  it("counts a suspension when a running attempt is Suspended (not when it is Paused)", () => {
    const before = { runCount: 1, startTime: 200, totalRunTimeMs: 0 };
    const suspended = runTimesAfter(before, at("RUNNING", "Running", 250), at("PAUSED", "Suspended", 300));
    expect(suspended).toMatchObject({ runCount: 1, suspensions: 1 });
    const paused = runTimesAfter(before, at("RUNNING", "Running", 250), at("PAUSED", "Paused", 300));
    expect(paused.suspensions).toBe(0);
    const resumed = runTimesAfter(
      { ...before, suspensions: 1 },
      at("PENDING", "Pending", 400),
      at("RUNNING", "Running", 401),
    );
    expect(resumed).toMatchObject({ runCount: 2, suspensions: 1 });
  });

  it("does not count a resume from PAUSED as a new run", () => {
    const before = { runCount: 1, startTime: 200, totalRunTimeMs: 0 };
    expect(runTimesAfter(before, at("PAUSED", "Paused", 300), at("RUNNING", "Running", 400)).runCount).toBe(
      1,
    );
  });

  it("adds the time spent running when RUNNING is left", () => {
    const before = { runCount: 1, startTime: 200, totalRunTimeMs: 100 };
    const times = runTimesAfter(
      before,
      at("RUNNING", "Running", 1_000),
      at("SCHEDULED", "AwaitingRetry", 1_750),
    );
    expect(times.totalRunTimeMs).toBe(850);
    expect(times.endTime).toBeUndefined();
  });

  it("sets the end time when a final state is entered", () => {
    const before = { runCount: 1, startTime: 200, totalRunTimeMs: 0 };
    const times = runTimesAfter(before, at("RUNNING", "Running", 200), at("COMPLETED", "Completed", 1_200));
    expect(times).toEqual({
      runCount: 1,
      suspensions: 0,
      startTime: 200,
      endTime: 1_200,
      totalRunTimeMs: 1_000,
    });
  });

  it("clears the end time when a final state is left (a re-run)", () => {
    const before = { runCount: 1, startTime: 200, endTime: 500, totalRunTimeMs: 300 };
    const times = runTimesAfter(before, at("FAILED", "Failed", 500), at("RUNNING", "Retrying", 900));
    expect(times.endTime).toBeUndefined();
    expect(times.runCount).toBe(2);
  });

  it("counts a run created directly in RUNNING", () => {
    expect(runTimesAfter(fresh, undefined, at("RUNNING", "Running", 5))).toEqual({
      runCount: 1,
      suspensions: 0,
      startTime: 5,
      endTime: undefined,
      totalRunTimeMs: 0,
    });
  });
});
