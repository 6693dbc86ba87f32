import { describe, expect, it } from "vitest";
import {
  countOf,
  summarizeHealth,
  workStatusColor,
  workStatusLabel,
  type PoolSummary,
} from "../../src/pages/work-pools/pool-summary.js";

describe("summarizeHealth", () => {
  it("counts pools by status and adds up their workers", () => {
    const summaries = new Map<string, PoolSummary>([
      ["a", { queues: 1, workersOnline: 2, workersOffline: 0 }],
      ["b", { queues: 1, workersOnline: 0, workersOffline: 3 }],
    ]);
    expect(
      summarizeHealth(
        [
          { name: "a", status: "READY" },
          { name: "b", status: "NOT_READY" },
          { name: "c", status: "PAUSED" },
          { name: "d", status: "READY" },
        ],
        summaries,
      ),
    ).toEqual({ pools: { READY: 2, NOT_READY: 1, PAUSED: 1 }, workersOnline: 2, workersOffline: 3 });
  });

  it("counts no workers for pools whose counts are not loaded", () => {
    expect(summarizeHealth([{ name: "a", status: "READY" }], new Map())).toMatchObject({
      workersOnline: 0,
      workersOffline: 0,
    });
  });
});

describe("work statuses", () => {
  it("are named in words", () => {
    expect(
      ["READY", "NOT_READY", "PAUSED", "ONLINE", "OFFLINE"].map((s) => workStatusLabel(s as never)),
    ).toEqual(["Ready", "Not ready", "Paused", "Online", "Offline"]);
  });

  it("take their colours from the state palette", () => {
    expect(workStatusColor("READY")).toBe("var(--state-completed)");
    expect(workStatusColor("NOT_READY")).toBe("var(--state-late)");
    expect(workStatusColor("PAUSED")).toBe("var(--state-paused)");
    expect(workStatusColor("OFFLINE")).toBe("var(--state-cancelled)");
  });
});

describe("countOf", () => {
  it("uses the singular for one only", () => {
    expect([0, 1, 2].map((n) => countOf(n, "pool"))).toEqual(["0 pools", "1 pool", "2 pools"]);
  });
});
