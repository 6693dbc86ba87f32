import { describe, expect, it } from "vitest";
import { isOrdoError } from "../../../src/errors/index.js";
import { scheduledTimes } from "../../../src/schedules/index.js";
import { isoList, ms } from "./helpers.js";

describe("cron schedules", () => {
  it("fires strictly after `after`, ascending, at most `max`", () => {
    const times = scheduledTimes({ cron: "0 3 * * *" }, { after: ms("2024-01-01T03:00:00Z"), max: 2 });
    expect(isoList(times)).toEqual(["2024-01-02T03:00:00.000Z", "2024-01-03T03:00:00.000Z"]);
  });

  it("stops at `until`, inclusive", () => {
    const times = scheduledTimes(
      { cron: "0 * * * *" },
      { after: ms("2024-01-01T00:00:00Z"), until: ms("2024-01-01T03:00:00Z"), max: 100 },
    );
    expect(isoList(times)).toEqual([
      "2024-01-01T01:00:00.000Z",
      "2024-01-01T02:00:00.000Z",
      "2024-01-01T03:00:00.000Z",
    ]);
  });

  it("reads the expression in the schedule's time zone, including a +05:30 zone (Asia/Kolkata)", () => {
    const times = scheduledTimes(
      { cron: "30 9 * * *", timezone: "Asia/Kolkata" },
      { after: ms("2024-01-01T00:00:00Z"), max: 2 },
    );
    expect(isoList(times)).toEqual(["2024-01-01T04:00:00.000Z", "2024-01-02T04:00:00.000Z"]);
  });

  it("accepts 6 fields, seconds first", () => {
    const times = scheduledTimes(
      { cron: "*/20 * * * * *" },
      { after: ms("2024-01-01T00:00:00.500Z"), max: 3 },
    );
    expect(isoList(times)).toEqual([
      "2024-01-01T00:00:20.000Z",
      "2024-01-01T00:00:40.000Z",
      "2024-01-01T00:01:00.000Z",
    ]);
  });

  it("with dayOr (default) fires on the day of month OR the weekday; without, on both", () => {
    const after = ms("2024-01-01T00:00:00Z"); // a Monday
    const or = scheduledTimes({ cron: "0 12 13 * 5" }, { after, max: 3 });
    expect(isoList(or)).toEqual([
      "2024-01-05T12:00:00.000Z",
      "2024-01-12T12:00:00.000Z",
      "2024-01-13T12:00:00.000Z",
    ]);
    const and = scheduledTimes({ cron: "0 12 13 * 5", dayOr: false }, { after, max: 2 });
    expect(isoList(and)).toEqual(["2024-09-13T12:00:00.000Z", "2024-12-13T12:00:00.000Z"]);
  });

  it("throws ORDO_INVALID_INPUT for an invalid expression", () => {
    expect(() => scheduledTimes({ cron: "61 * * * *" }, { after: 0, max: 1 })).toThrow(
      expect.objectContaining({ code: "ORDO_INVALID_INPUT" }) as Error,
    );
    try {
      scheduledTimes({ cron: "0 0 0 1 1 * 2030" }, { after: 0, max: 1 });
      expect.unreachable();
    } catch (error) {
      expect(isOrdoError(error, "ORDO_INVALID_INPUT")).toBe(true);
    }
  });
});

describe("cron schedules across DST (croner's fixed-time and interval rules)", () => {
  it("Europe/Berlin spring forward: a daily 02:30 fires once, at 03:00 CEST, the first time after the gap", () => {
    const times = scheduledTimes(
      { cron: "30 2 * * *", timezone: "Europe/Berlin" },
      { after: ms("2024-03-30T00:00:00Z"), max: 3 },
    );
    expect(isoList(times)).toEqual([
      "2024-03-30T01:30:00.000Z", // 02:30 CET
      "2024-03-31T01:00:00.000Z", // 03:00 CEST: 02:30 does not exist
      "2024-04-01T00:30:00.000Z", // 02:30 CEST
    ]);
  });

  it("Europe/Berlin fall back: a daily 02:30 fires once, at the first occurrence (CEST)", () => {
    const times = scheduledTimes(
      { cron: "30 2 * * *", timezone: "Europe/Berlin" },
      { after: ms("2024-10-26T00:00:00Z"), max: 3 },
    );
    expect(isoList(times)).toEqual([
      "2024-10-26T00:30:00.000Z", // 02:30 CEST
      "2024-10-27T00:30:00.000Z", // 02:30 CEST, not again at 02:30 CET (01:30Z)
      "2024-10-28T01:30:00.000Z", // 02:30 CET
    ]);
  });

  it("America/New_York spring forward: a daily 02:30 fires at 03:00 EDT", () => {
    const times = scheduledTimes(
      { cron: "30 2 * * *", timezone: "America/New_York" },
      { after: ms("2024-03-09T00:00:00Z"), max: 3 },
    );
    expect(isoList(times)).toEqual([
      "2024-03-09T07:30:00.000Z", // 02:30 EST
      "2024-03-10T07:00:00.000Z", // 03:00 EDT
      "2024-03-11T06:30:00.000Z", // 02:30 EDT
    ]);
  });

  it("America/New_York fall back: a daily 01:30 fires once, at 01:30 EDT", () => {
    const times = scheduledTimes(
      { cron: "30 1 * * *", timezone: "America/New_York" },
      { after: ms("2024-11-02T00:00:00Z"), max: 3 },
    );
    expect(isoList(times)).toEqual([
      "2024-11-02T05:30:00.000Z", // 01:30 EDT
      "2024-11-03T05:30:00.000Z", // 01:30 EDT, not again at 01:30 EST (06:30Z)
      "2024-11-04T06:30:00.000Z", // 01:30 EST
    ]);
  });

  it("an every-30-minutes cron keeps elapsed rhythm: skips the gap, fires in both repeated hours", () => {
    const spring = scheduledTimes(
      { cron: "*/30 * * * *", timezone: "Europe/Berlin" },
      { after: ms("2024-03-31T00:00:00Z"), max: 3 },
    );
    expect(isoList(spring)).toEqual([
      "2024-03-31T00:30:00.000Z", // 01:30 CET
      "2024-03-31T01:00:00.000Z", // 03:00 CEST
      "2024-03-31T01:30:00.000Z", // 03:30 CEST
    ]);
    const fall = scheduledTimes(
      { cron: "*/30 * * * *", timezone: "Europe/Berlin" },
      { after: ms("2024-10-26T23:59:00Z"), max: 5 },
    );
    expect(isoList(fall)).toEqual([
      "2024-10-27T00:00:00.000Z", // 02:00 CEST
      "2024-10-27T00:30:00.000Z", // 02:30 CEST
      "2024-10-27T01:00:00.000Z", // 02:00 CET
      "2024-10-27T01:30:00.000Z", // 02:30 CET
      "2024-10-27T02:00:00.000Z", // 03:00 CET
    ]);
  });
});
