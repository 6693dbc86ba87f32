import { describe, expect, it } from "vitest";
import { scheduledTimes } from "../../../src/schedules/index.js";
import { isoList, ms } from "./helpers.js";

const MO_WE_BERLIN = "DTSTART;TZID=Europe/Berlin:20240318T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE";

describe("rrule schedules", () => {
  it("fire on the rule's days at DTSTART's wall time in its TZID, across DST", () => {
    const times = scheduledTimes({ rrule: MO_WE_BERLIN }, { after: ms("2024-03-19T00:00:00Z"), max: 4 });
    expect(isoList(times)).toEqual([
      "2024-03-20T08:00:00.000Z", // Wednesday 09:00 CET
      "2024-03-25T08:00:00.000Z", // Monday 09:00 CET
      "2024-03-27T08:00:00.000Z",
      "2024-04-01T07:00:00.000Z", // Monday 09:00 CEST
    ]);
  });

  it("stop when COUNT is exhausted", () => {
    const rrule = "DTSTART:20240101T120000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3";
    expect(isoList(scheduledTimes({ rrule }, { after: ms("2023-12-31T00:00:00Z"), max: 10 }))).toEqual([
      "2024-01-01T12:00:00.000Z",
      "2024-01-03T12:00:00.000Z",
      "2024-01-08T12:00:00.000Z",
    ]);
    expect(scheduledTimes({ rrule }, { after: ms("2024-01-08T12:00:00Z"), max: 10 })).toEqual([]);
  });

  it("read a DTSTART without TZID in the schedule's time zone", () => {
    const rrule = "DTSTART:20240101T090000\nRRULE:FREQ=DAILY";
    const times = scheduledTimes(
      { rrule, timezone: "America/New_York" },
      { after: ms("2024-01-01T00:00:00Z"), max: 1 },
    );
    expect(isoList(times)).toEqual(["2024-01-01T14:00:00.000Z"]);
  });

  it("read a DTSTART with Z as an instant, stepped in the schedule's wall time", () => {
    const rrule = "DTSTART:20240325T080000Z\nRRULE:FREQ=WEEKLY;BYDAY=MO";
    const times = scheduledTimes({ rrule, timezone: "Europe/Berlin" }, { after: 0, max: 2 });
    expect(isoList(times)).toEqual(["2024-03-25T08:00:00.000Z", "2024-04-01T07:00:00.000Z"]);
  });

  it("read UNTIL with Z as an instant, inclusive", () => {
    const rrule = `${MO_WE_BERLIN};UNTIL=20240401T070000Z`;
    const times = scheduledTimes({ rrule }, { after: ms("2024-03-26T00:00:00Z"), max: 10 });
    expect(isoList(times)).toEqual(["2024-03-27T08:00:00.000Z", "2024-04-01T07:00:00.000Z"]);
  });

  it("start at 2020-01-01T00:00:00 in the zone without DTSTART", () => {
    const times = scheduledTimes({ rrule: "FREQ=YEARLY;COUNT=2" }, { after: 0, max: 5 });
    expect(isoList(times)).toEqual(["2020-01-01T00:00:00.000Z", "2021-01-01T00:00:00.000Z"]);
  });

  it("respect `until` and `max`", () => {
    const times = scheduledTimes(
      { rrule: MO_WE_BERLIN },
      { after: ms("2024-03-19T00:00:00Z"), until: ms("2024-03-25T08:00:00Z"), max: 10 },
    );
    expect(isoList(times)).toEqual(["2024-03-20T08:00:00.000Z", "2024-03-25T08:00:00.000Z"]);
  });

  it("throw ORDO_INVALID_INPUT for a rule set", () => {
    expect(() =>
      scheduledTimes({ rrule: "RRULE:FREQ=DAILY\nEXDATE:20240101T000000Z" }, { after: 0, max: 1 }),
    ).toThrow(expect.objectContaining({ code: "ORDO_INVALID_INPUT" }) as Error);
  });
});
