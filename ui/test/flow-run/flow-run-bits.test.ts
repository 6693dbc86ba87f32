import { describe, expect, it } from "vitest";
import { describeResult, readJsonResult, resultUrl } from "../../src/components/runs/result-ref.js";
import { canCancel, isTerminal, retryMode, retryProposal } from "../../src/components/runs/run-states.js";
import { flowRunTabParams, parseFlowRunTab } from "../../src/pages/flow-run/flow-run-tabs.js";
import { runOrigin } from "../../src/pages/flow-run/run-origin.js";

describe("flow run page tabs in the URL", () => {
  it("opens the graph unless the URL names a known tab", () => {
    expect(parseFlowRunTab(new URLSearchParams(""))).toBe("graph");
    expect(parseFlowRunTab(new URLSearchParams("tab=logs"))).toBe("logs");
    expect(parseFlowRunTab(new URLSearchParams("tab=nope"))).toBe("graph");
  });

  it("leaves the default tab out of the URL and keeps other keys", () => {
    expect(flowRunTabParams("graph", new URLSearchParams("tab=logs&level=error")).toString()).toBe(
      "level=error",
    );
    expect(flowRunTabParams("states").toString()).toBe("tab=states");
  });
});

describe("what a run's state allows", () => {
  it("knows the final states", () => {
    expect(["COMPLETED", "FAILED", "CRASHED", "CANCELLED"].every((t) => isTerminal(t as never))).toBe(true);
    expect(isTerminal("PAUSED")).toBe(false);
  });

  it("cancels runs that are not over and not already cancelling", () => {
    expect(canCancel("SCHEDULED")).toBe(true);
    expect(canCancel("PAUSED")).toBe(true);
    expect(canCancel("CANCELLING")).toBe(false);
    expect(canCancel("COMPLETED")).toBe(false);
  });

  it("retries a deployment's failed run through its queue and a run of code from the CLI", () => {
    const failed = { type: "FAILED", name: "Failed", timestamp: 1 } as const;
    expect(retryMode({ state: failed, deploymentId: "d" })).toBe("queue");
    expect(retryMode({ state: failed, deploymentId: undefined })).toBe("cli");
    expect(
      retryMode({ state: { type: "COMPLETED", name: "Completed", timestamp: 1 }, deploymentId: "d" }),
    ).toBe("none");
  });

  it("proposes AwaitingRetry, due now, to retry", () => {
    expect(retryProposal(42)).toMatchObject({ type: "SCHEDULED", name: "AwaitingRetry", scheduledTime: 42 });
  });
});

describe("who started a run", () => {
  it("names the parent run of a subflow first", () => {
    expect(runOrigin({ parentFlowRunId: "p", deploymentId: "d" })).toEqual({
      kind: "subflow",
      parentFlowRunId: "p",
      parentTaskRunId: undefined,
    });
  });

  it("tells a scheduled deployment run from one started by hand, and both from code", () => {
    expect(runOrigin({ deploymentId: "d", scheduleId: "s" })).toEqual({
      kind: "schedule",
      deploymentId: "d",
      scheduleId: "s",
    });
    expect(runOrigin({ deploymentId: "d" })).toEqual({ kind: "deployment", deploymentId: "d" });
    expect(runOrigin({ host: "box" })).toEqual({ kind: "code", host: "box" });
  });
});

describe("showing a result", () => {
  it("shows inline JSON results as pretty JSON", () => {
    expect(describeResult({ kind: "inline", serializer: "json", data: '{"json":{"rows":5}}' })).toEqual({
      kind: "json",
      text: '{\n  "rows": 5\n}',
      annotated: false,
    });
  });

  it("says when a JSON result had types JSON cannot hold", () => {
    expect(readJsonResult('{"json":"2026-01-01T00:00:00.000Z","meta":{"values":["Date"]}}').annotated).toBe(
      true,
    );
  });

  it("shows unreadable text as it is", () => {
    expect(readJsonResult("not json")).toEqual({ text: "not json", annotated: false });
  });

  it("gives the size of inline bytes", () => {
    expect(describeResult({ kind: "inline", serializer: "bytes", data: "AAECAw==" })).toEqual({
      kind: "bytes",
      bytes: 4,
    });
  });

  it("links a stored result to the API's result storage", () => {
    expect(describeResult({ kind: "storage", serializer: "json", storage: "local", key: "ab/c d" })).toEqual({
      kind: "stored",
      key: "ab/c d",
      url: "/api/results/ab%2Fc%20d",
      serializer: "json",
    });
    expect(resultUrl("k")).toBe("/api/results/k");
  });
});
