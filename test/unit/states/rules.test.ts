import { describe, expect, it } from "vitest";
import {
  FLOW_RULES,
  StateType,
  TASK_RULES,
  applyRules,
  baseRetryDelaySeconds,
  exponentialBackoff,
  retryDelayMs,
  type RunFacts,
  type StateData,
  type TransitionContext,
} from "../../../src/states/index.js";

const NOW = 1_700_000_000_000;
const facts = (runCount: number, retries: number, delayMs = 1000): RunFacts => ({
  runCount,
  retries,
  retryDelayMs: () => delayMs,
});
const st = (type: StateData["type"], name: StateData["name"], extra: Partial<StateData> = {}): StateData => ({
  type,
  name,
  timestamp: NOW - 1,
  ...extra,
});
const ctx = (over: Partial<TransitionContext> & Pick<TransitionContext, "proposed">): TransitionContext => ({
  initial: undefined,
  now: NOW,
  run: facts(0, 0),
  ...over,
});

describe("task rules: terminal-state protection", () => {
  it("rejects leaving Completed", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({ initial: st("COMPLETED", "Completed"), proposed: st("RUNNING", "Running") }),
    );
    expect(d.kind).toBe("reject");
    if (d.kind === "reject") expect(d.state?.name).toBe("Completed");
  });
  it("rejects leaving Completed even for a re-run", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({ initial: st("COMPLETED", "Completed"), proposed: st("PENDING", "Pending"), rerun: true }),
    );
    expect(d.kind).toBe("reject");
  });
  it("lets a re-run leave Failed, Crashed and Cancelled", () => {
    for (const initial of [st("FAILED", "Failed"), st("CRASHED", "Crashed"), st("CANCELLED", "Cancelled")]) {
      const d = applyRules(TASK_RULES, ctx({ initial, proposed: st("PENDING", "Pending"), rerun: true }));
      expect(d.kind).toBe("accept");
    }
  });
  it("rejects leaving Failed without a re-run", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({ initial: st("FAILED", "Failed"), proposed: st("RUNNING", "Running") }),
    );
    expect(d.kind).toBe("reject");
  });
  it("steps aside when forced", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({ initial: st("COMPLETED", "Completed"), proposed: st("PENDING", "Pending"), force: true }),
    );
    expect(d.kind).toBe("accept");
  });
});

describe("task rules: retries", () => {
  it("turns a failure with retries left into AwaitingRetry scheduled after the delay", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({
        initial: st("RUNNING", "Running"),
        proposed: st("FAILED", "Failed", { message: "boom" }),
        run: facts(1, 2, 5000),
      }),
    );
    expect(d.kind).toBe("accept");
    if (d.kind !== "accept") return;
    expect(d.state).toMatchObject({ type: "SCHEDULED", name: "AwaitingRetry", scheduledTime: NOW + 5000 });
    expect(d.state.message).toContain("boom");
  });
  it("lets the failure stand when retries are used up", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({ initial: st("RUNNING", "Retrying"), proposed: st("FAILED", "Failed"), run: facts(3, 2) }),
    );
    expect(d.kind === "accept" && d.state.name).toBe("Failed");
  });
  it("lets the failure stand when it is not retryable", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({
        initial: st("RUNNING", "Running"),
        proposed: st("FAILED", "Failed"),
        run: facts(1, 3),
        retryable: false,
      }),
    );
    expect(d.kind === "accept" && d.state.name).toBe("Failed");
  });
  it("retries a TimedOut run like any failure", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({ initial: st("RUNNING", "Running"), proposed: st("FAILED", "TimedOut"), run: facts(1, 1) }),
    );
    expect(d.kind === "accept" && d.state.name).toBe("AwaitingRetry");
  });
  it("waits until the scheduled time before the retry starts", () => {
    const initial = st("SCHEDULED", "AwaitingRetry", { scheduledTime: NOW + 250 });
    const d = applyRules(TASK_RULES, ctx({ initial, proposed: st("RUNNING", "Running"), run: facts(1, 2) }));
    expect(d).toMatchObject({ kind: "wait", delayMs: 250 });
  });
  it("names a rerun Retrying once the scheduled time has come", () => {
    const initial = st("SCHEDULED", "AwaitingRetry", { scheduledTime: NOW - 1 });
    const d = applyRules(TASK_RULES, ctx({ initial, proposed: st("RUNNING", "Running"), run: facts(1, 2) }));
    expect(d.kind === "accept" && d.state.name).toBe("Retrying");
  });
  it("keeps the name Running on the first attempt", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({ initial: st("PENDING", "Pending"), proposed: st("RUNNING", "Running") }),
    );
    expect(d.kind === "accept" && d.state.name).toBe("Running");
  });
  it("keeps the name Running when a paused flow run is resumed (the same attempt)", () => {
    const d = applyRules(
      FLOW_RULES,
      ctx({ initial: st("PAUSED", "Paused"), proposed: st("RUNNING", "Running"), run: facts(1, 0) }),
    );
    expect(d.kind === "accept" && d.state.name).toBe("Running");
  });
});

describe("task rules: cache retrieval", () => {
  const hit = {
    cacheKey: "k",
    sourceRunId: "r1",
    result: { kind: "inline", serializer: "json", data: "1" } as const,
  };
  it("completes a run about to start as Cached when a cache hit exists", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({ initial: st("PENDING", "Pending"), proposed: st("RUNNING", "Running"), cacheHit: hit }),
    );
    expect(d.kind).toBe("accept");
    if (d.kind !== "accept") return;
    expect(d.state).toMatchObject({ type: "COMPLETED", name: "Cached" });
    expect(d.cacheHit).toEqual(hit);
  });
  it("ignores cache hits for other transitions", () => {
    const d = applyRules(
      TASK_RULES,
      ctx({ initial: st("RUNNING", "Running"), proposed: st("COMPLETED", "Completed"), cacheHit: hit }),
    );
    expect(d.kind === "accept" && d.state.name).toBe("Completed");
  });
});

describe("flow rules", () => {
  it("rejects a duplicate transition", () => {
    const d = applyRules(
      FLOW_RULES,
      ctx({ initial: st("RUNNING", "Running"), proposed: st("RUNNING", "Running") }),
    );
    expect(d.kind).toBe("reject");
  });
  it("retries a failed flow run with retries left", () => {
    const d = applyRules(
      FLOW_RULES,
      ctx({ initial: st("RUNNING", "Running"), proposed: st("FAILED", "Failed"), run: facts(1, 1, 0) }),
    );
    expect(d.kind === "accept" && d.state.name).toBe("AwaitingRetry");
  });
  it("counts attempts, not entries into RUNNING: a suspended attempt resumed later is the same attempt", () => {
    // Entered RUNNING twice (before and after a suspension): one attempt, one retry left.
    const resumed = { ...facts(2, 1, 0), suspensions: 1 };
    const failed = applyRules(
      FLOW_RULES,
      ctx({ initial: st("RUNNING", "Running"), proposed: st("FAILED", "Failed"), run: resumed }),
    );
    expect(failed.kind === "accept" && [failed.state.name, failed.state.message]).toEqual([
      "AwaitingRetry",
      "retry 1 of 1 in 0s after: Failed",
    ]);
    const start = (run: RunFacts) =>
      applyRules(
        FLOW_RULES,
        ctx({ initial: st("PENDING", "Pending"), proposed: st("RUNNING", "Running"), run }),
      );
    const goesOn = start({ ...facts(1, 1), suspensions: 1 });
    expect(goesOn.kind === "accept" && goesOn.state.name).toBe("Running");
    const retried = start({ ...facts(2, 1), suspensions: 1 });
    expect(retried.kind === "accept" && retried.state.name).toBe("Retrying");
    const spent = applyRules(
      FLOW_RULES,
      ctx({
        initial: st("RUNNING", "Retrying"),
        proposed: st("FAILED", "Failed"),
        run: { ...facts(3, 1), suspensions: 1 },
      }),
    );
    expect(spent.kind === "accept" && spent.state.name).toBe("Failed");
  });
  it("protects a completed flow run", () => {
    const d = applyRules(
      FLOW_RULES,
      ctx({ initial: st("COMPLETED", "Completed"), proposed: st("FAILED", "Failed") }),
    );
    expect(d.kind).toBe("reject");
  });
  it("accepts the first state of a new run", () => {
    const d = applyRules(FLOW_RULES, ctx({ proposed: st("PENDING", "Pending") }));
    expect(d.kind === "accept" && d.state.type).toBe(StateType.PENDING);
  });
});

describe("retry delays", () => {
  it("uses a number for every retry", () => {
    expect(baseRetryDelaySeconds(3, 1)).toBe(3);
    expect(baseRetryDelaySeconds(3, 5)).toBe(3);
  });
  it("uses list entries in order, repeating the last", () => {
    expect([1, 2, 3, 4].map((n) => baseRetryDelaySeconds([1, 10, 60], n))).toEqual([1, 10, 60, 60]);
  });
  it("calls a function with the retry number", () => {
    expect(baseRetryDelaySeconds((n) => n * 7, 3)).toBe(21);
  });
  it("doubles with exponentialBackoff", () => {
    const f = exponentialBackoff(2);
    expect([1, 2, 3, 4].map(f)).toEqual([2, 4, 8, 16]);
  });
  it("spreads delays by the jitter factor", () => {
    expect(retryDelayMs(10, 1, 0.5, 0)).toBe(5000);
    expect(retryDelayMs(10, 1, 0.5, 0.5)).toBe(10000);
    expect(retryDelayMs(10, 1, 0.5, 0.999999)).toBeCloseTo(15000, -1);
    expect(retryDelayMs(10, 1, undefined, 0.9)).toBe(10000);
  });
  it("rejects a negative back-off factor", () => {
    expect(() => exponentialBackoff(-1)).toThrow(RangeError);
  });
});
