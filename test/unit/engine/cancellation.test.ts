import { describe, expect, it } from "vitest";
import {
  cancelledError,
  isCancelRequest,
  settledWithin,
  untilAborted,
} from "../../../src/engine/cancellation.js";
import { StateType } from "../../../src/states/index.js";

describe("isCancelRequest", () => {
  it("is true for Cancelling and Cancelled answers only", () => {
    const asked = Object.values(StateType).filter(isCancelRequest);
    expect(asked.sort()).toEqual([StateType.CANCELLED, StateType.CANCELLING]);
  });
});

describe("cancelledError", () => {
  it("carries ORDO_CANCELLED, the run and the reason", () => {
    const error = cancelledError("run-1", "the server has it Cancelling");
    expect(error.code).toBe("ORDO_CANCELLED");
    expect(error.message).toBe("flow run run-1 was cancelled: the server has it Cancelling");
    expect(error.details).toEqual({ flowRunId: "run-1" });
  });
});

describe("untilAborted", () => {
  it("resolves once the signal aborts, and at once for an aborted signal", async () => {
    const controller = new AbortController();
    let done = false;
    const waiting = untilAborted(controller.signal).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    controller.abort();
    await waiting;
    expect(done).toBe(true);
    await untilAborted(controller.signal);
  });
});

describe("settledWithin", () => {
  it("returns when the promise settles first", async () => {
    const begin = Date.now();
    await settledWithin(Promise.resolve(), 5000);
    expect(Date.now() - begin).toBeLessThan(1000);
  });

  it("gives up after the limit", async () => {
    const begin = Date.now();
    await settledWithin(new Promise<void>(() => undefined), 50);
    expect(Date.now() - begin).toBeGreaterThanOrEqual(45);
  });
});
