import { describe, expect, it } from "vitest";
import type { FlowRun } from "../../../src/schemas/index.js";
import { isAttemptOf } from "../../../src/worker/attempt-owner.js";

const claimedAt = 1_000;

/** A run as a claim answers it: InfrastructurePending, no process. */
const claimed: FlowRun = {
  id: "run-1",
  flowId: "flow-1",
  flowName: "f",
  name: "r",
  state: { type: "PENDING", name: "InfrastructurePending", timestamp: claimedAt },
  parameters: {},
  tags: [],
  runCount: 0,
  retries: 0,
  totalRunTimeMs: 0,
  createdAt: 0,
  updatedAt: claimedAt,
};
const mine = { host: "h", pid: 42, viaCommand: false };
const running = { type: "RUNNING", name: "Running", timestamp: 2_000 } as const;

describe("isAttemptOf: is the run still in the attempt of the process that exited", () => {
  it("is, while the run is still as the claim left it (the process never started it)", () => {
    expect(isAttemptOf(claimed, claimed, mine)).toBe(true);
  });

  it("is, when the run records that process", () => {
    expect(isAttemptOf({ ...claimed, state: running, host: "h", pid: 42 }, claimed, mine)).toBe(true);
  });

  it("is not, once another process or host took the run", () => {
    expect(isAttemptOf({ ...claimed, state: running, host: "h", pid: 43 }, claimed, mine)).toBe(false);
    expect(isAttemptOf({ ...claimed, state: running, host: "other", pid: 42 }, claimed, mine)).toBe(false);
  });

  it("is not, once a later claim took the run (no process recorded yet, another claim's state)", () => {
    const reclaimed = { ...claimed, state: { ...claimed.state, timestamp: claimedAt + 500 } };
    expect(isAttemptOf(reclaimed, claimed, mine)).toBe(false);
  });

  it("is not, once the run was suspended since the claim, whatever it records", () => {
    expect(isAttemptOf({ ...claimed, runCount: 1, suspensions: 1 }, claimed, mine)).toBe(false);
  });

  it("trusts a recorded process below a job's shell command", () => {
    const started = { ...claimed, state: running, host: "h", pid: 99 };
    expect(isAttemptOf(started, claimed, { ...mine, viaCommand: true })).toBe(true);
  });
});
