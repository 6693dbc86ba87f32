import { describe, expect, it } from "vitest";
import { OrdoError } from "../../../src/errors/index.js";
import { State, defaultStateName, isTerminalType, stateTypeOfName } from "../../../src/states/index.js";

describe("State", () => {
  it("exposes type, name, message, ids and a Date timestamp", () => {
    const s = new State(
      { type: "FAILED", name: "TimedOut", timestamp: 1000, message: "late" },
      { flowRunId: "f", taskRunId: "t" },
    );
    expect([s.type, s.name, s.message, s.flowRunId, s.taskRunId]).toEqual([
      "FAILED",
      "TimedOut",
      "late",
      "f",
      "t",
    ]);
    expect(s.timestamp).toEqual(new Date(1000));
  });
  it("has a guard per state type", () => {
    const s = new State({ type: "COMPLETED", name: "Cached", timestamp: 0 });
    expect(s.isCompleted()).toBe(true);
    expect(s.isFailed() || s.isRunning() || s.isPending() || s.isScheduled()).toBe(false);
    expect(s.isFinal()).toBe(true);
  });
  it("loads the result through its loader", async () => {
    const s = new State<number>(
      { type: "COMPLETED", name: "Completed", timestamp: 0 },
      { load: () => Promise.resolve(42) },
    );
    await expect(s.result()).resolves.toBe(42);
  });
  it("throws ORDO_RESULT_NOT_AVAILABLE when there is no result", async () => {
    const s = new State({ type: "RUNNING", name: "Running", timestamp: 0 });
    await expect(s.result()).rejects.toBeInstanceOf(OrdoError);
    await expect(s.result()).rejects.toMatchObject({ code: "ORDO_RESULT_NOT_AVAILABLE" });
  });
});

describe("state names", () => {
  it("maps names to their types case-insensitively", () => {
    expect(stateTypeOfName("awaitingretry")).toBe("SCHEDULED");
    expect(stateTypeOfName("TimedOut")).toBe("FAILED");
    expect(stateTypeOfName("nope")).toBeUndefined();
  });
  it("knows the final types and default names", () => {
    expect(["COMPLETED", "FAILED", "CRASHED", "CANCELLED"].every((t) => isTerminalType(t as never))).toBe(
      true,
    );
    expect(isTerminalType("RUNNING")).toBe(false);
    expect(defaultStateName("PENDING")).toBe("Pending");
  });
});
