import { describe, expect, it } from "vitest";
import { intervalAnchor, scheduledTimes } from "../../../src/schedules/index.js";
import { isoList, ms } from "./helpers.js";

describe("interval schedules", () => {
  it("are anchor + k × interval, the anchor in the past", () => {
    const times = scheduledTimes(
      { interval: 3600, anchorDate: "2024-01-01T00:15:00Z" },
      { after: ms("2024-06-01T10:00:00Z"), max: 3 },
    );
    expect(isoList(times)).toEqual([
      "2024-06-01T10:15:00.000Z",
      "2024-06-01T11:15:00.000Z",
      "2024-06-01T12:15:00.000Z",
    ]);
  });

  it("use the anchor as a phase, not a start: an anchor in the future still yields the grid before it", () => {
    const times = scheduledTimes(
      { interval: 3600, anchorDate: ms("2030-01-01T00:45:00Z") },
      { after: ms("2024-06-01T10:00:00Z"), max: 2 },
    );
    expect(isoList(times)).toEqual(["2024-06-01T10:45:00.000Z", "2024-06-01T11:45:00.000Z"]);
  });

  it("anchor by default at 2020-01-01T00:00:00Z: every 90 seconds", () => {
    const times = scheduledTimes({ interval: 90 }, { after: ms("2024-01-01T00:00:00Z"), max: 3 });
    expect(isoList(times)).toEqual([
      "2024-01-01T00:01:30.000Z",
      "2024-01-01T00:03:00.000Z",
      "2024-01-01T00:04:30.000Z",
    ]);
  });

  it("never return `after` itself, even on the grid", () => {
    const times = scheduledTimes({ interval: 60 }, { after: ms("2024-01-01T00:00:00Z"), max: 1 });
    expect(isoList(times)).toEqual(["2024-01-01T00:01:00.000Z"]);
  });

  it("read an anchor without an offset in the schedule's time zone", () => {
    expect(new Date(intervalAnchor({ interval: 60, anchorDate: "2024-07-01T09:00:00" })).toISOString()).toBe(
      "2024-07-01T09:00:00.000Z",
    );
    const berlin = intervalAnchor({
      interval: 60,
      anchorDate: "2024-07-01T09:00:00",
      timezone: "Europe/Berlin",
    });
    expect(new Date(berlin).toISOString()).toBe("2024-07-01T07:00:00.000Z");
    const offset = intervalAnchor({ interval: 60, anchorDate: "2024-07-01T09:00:00+02:00", timezone: "UTC" });
    expect(new Date(offset).toISOString()).toBe("2024-07-01T07:00:00.000Z");
  });

  it("of whole days keep the anchor's local wall time across DST (1 day at 09:00 Europe/Berlin)", () => {
    const times = scheduledTimes(
      { interval: 86_400, anchorDate: "2024-01-01T09:00:00", timezone: "Europe/Berlin" },
      { after: ms("2024-03-29T12:00:00Z"), max: 3 },
    );
    expect(isoList(times)).toEqual([
      "2024-03-30T08:00:00.000Z", // 09:00 CET
      "2024-03-31T07:00:00.000Z", // 09:00 CEST
      "2024-04-01T07:00:00.000Z",
    ]);
    const autumn = scheduledTimes(
      { interval: 2 * 86_400, anchorDate: "2024-01-01T09:00:00", timezone: "Europe/Berlin" },
      { after: ms("2024-10-24T12:00:00Z"), max: 2 },
    );
    expect(isoList(autumn)).toEqual([
      "2024-10-25T07:00:00.000Z", // 09:00 CEST
      "2024-10-27T08:00:00.000Z", // 09:00 CET, on the fall-back day
    ]);
  });

  it("of whole days move a wall time that does not exist forward by the gap (02:30 → 03:30 CEST)", () => {
    const times = scheduledTimes(
      { interval: 86_400, anchorDate: "2024-01-01T02:30:00", timezone: "Europe/Berlin" },
      { after: ms("2024-03-30T12:00:00Z"), max: 2 },
    );
    expect(isoList(times)).toEqual(["2024-03-31T01:30:00.000Z", "2024-04-01T00:30:00.000Z"]);
  });

  it("not of whole days are exact elapsed time, even with a time zone", () => {
    const times = scheduledTimes(
      { interval: 12 * 3600, anchorDate: "2024-01-01T09:00:00", timezone: "Europe/Berlin" },
      { after: ms("2024-03-30T20:00:00Z"), max: 3 },
    );
    expect(isoList(times)).toEqual([
      "2024-03-31T08:00:00.000Z", // 10:00 CEST: the grid stays in elapsed time
      "2024-03-31T20:00:00.000Z",
      "2024-04-01T08:00:00.000Z",
    ]);
  });

  it("refuse (ORDO_INVALID_INPUT) an anchor 2^53 steps or more away, instead of stepping towards it forever", () => {
    // Regression: past 2^53 ms from the anchor `k += 1` no longer moved k, and this never returned.
    const cases = [
      { anchorDate: Number.MIN_SAFE_INTEGER, after: ms("2024-01-01T00:00:00Z") },
      { anchorDate: -8.64e15, after: 8.64e15 },
    ];
    for (const { anchorDate, after } of cases) {
      expect(() => scheduledTimes({ interval: 0.001, anchorDate }, { after, max: 1 })).toThrow(
        expect.objectContaining({ code: "ORDO_INVALID_INPUT" }),
      );
    }
  });
});
