/**
 * Rrule schedules that started long ago: the rule restarts at its last whole period before
 * the window, and answers exactly what an expansion from its DTSTART answers; the work of
 * one call is bounded, so a schedule cannot hold the server.
 */
import fc from "fast-check";
import rrulePkg from "rrule";
import { describe, expect, it } from "vitest";
import { OrdoError } from "../../../src/errors/index.js";
import { scheduledTimes } from "../../../src/schedules/index.js";
import {
  earliestWallTimeAtOrAfter,
  MAX_RRULE_OCCURRENCES,
  periodStartBefore,
  wallClockRule,
} from "../../../src/schedules/rrule-times.js";
import { fromWallTime } from "../../../src/schedules/zoned-time.js";
import { DeploymentScheduleSchema } from "../../../src/schemas/schedule.js";
import { isoList, ms } from "./helpers.js";

const { RRule } = rrulePkg;

/** The times after `after` by walking the rule from its DTSTART, occurrence by occurrence. */
function expandedFromStart(rrule: string, timezone: string, after: number, max: number): number[] {
  const { rule, timeZone } = wallClockRule({ rrule, timezone });
  const times: number[] = [];
  rule.all((date) => {
    const time = fromWallTime(date.getTime(), timeZone);
    if (time > (times.at(-1) ?? after)) times.push(time);
    return times.length < max;
  });
  return times;
}

const FREQUENCIES = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"] as const;
/** How far before the window a rule of each frequency starts (the expansion from DTSTART stays quick). */
const SPAN_MS: Record<(typeof FREQUENCIES)[number], number> = {
  YEARLY: 40 * 365 * 86_400_000,
  MONTHLY: 8 * 365 * 86_400_000,
  WEEKLY: 3 * 365 * 86_400_000,
  DAILY: 2 * 365 * 86_400_000,
  HOURLY: 20 * 86_400_000,
  MINUTELY: 12 * 3_600_000,
  SECONDLY: 1_800_000,
};
const ZONES = [
  "UTC",
  "Europe/Berlin",
  "America/New_York",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Pacific/Apia",
];

/** `YYYYMMDDTHHMMSS` of a wall-clock time written as UTC. */
function icalTime(wall: number): string {
  return new Date(wall).toISOString().replace(/[-:]/g, "").slice(0, 15);
}

const ruleCase = fc
  .record({
    freq: fc.constantFrom(...FREQUENCIES),
    interval: fc.integer({ min: 1, max: 5 }),
    zone: fc.constantFrom(...ZONES),
    // The window: around DST changes of 2024 and 2025, and in between.
    after: fc.integer({ min: ms("2024-02-01T00:00:00Z"), max: ms("2025-12-01T00:00:00Z") }),
    startFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    byDay: fc.option(fc.subarray(["MO", "TU", "WE", "TH", "FR", "SA", "SU"], { minLength: 1 }), {
      nil: undefined,
    }),
    byHour: fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 23 }), { minLength: 1, maxLength: 3 }), {
      nil: undefined,
    }),
    byMonthDay: fc.option(fc.constantFrom(1, 15, 29, 31, -1), { nil: undefined }),
    tzid: fc.boolean(),
  })
  .map((c) => {
    const start = c.after - Math.floor(SPAN_MS[c.freq] * c.startFraction);
    const parts = [`FREQ=${c.freq}`, `INTERVAL=${c.interval}`];
    if (c.byDay !== undefined) parts.push(`BYDAY=${c.byDay.join(",")}`);
    if (c.byHour !== undefined && ["YEARLY", "MONTHLY", "WEEKLY", "DAILY"].includes(c.freq))
      parts.push(`BYHOUR=${c.byHour.join(",")}`);
    if (c.byMonthDay !== undefined && ["YEARLY", "MONTHLY"].includes(c.freq))
      parts.push(`BYMONTHDAY=${c.byMonthDay}`);
    const dtstart = c.tzid ? `DTSTART;TZID=${c.zone}:${icalTime(start)}` : `DTSTART:${icalTime(start)}`;
    return { rrule: `${dtstart}\nRRULE:${parts.join(";")}`, zone: c.zone, after: c.after };
  });

describe("rrule schedules that started long ago", () => {
  it("answer what an expansion from DTSTART answers, for any rule, zone and window", () => {
    fc.assert(
      fc.property(ruleCase, ({ rrule, zone, after }) => {
        const fast = scheduledTimes({ rrule, timezone: zone }, { after, max: 6 });
        expect(isoList(fast)).toEqual(isoList(expandedFromStart(rrule, zone, after, 6)));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it("answer the next minutes of a MINUTELY rule that started in 2020", () => {
    const times = scheduledTimes({ rrule: "FREQ=MINUTELY" }, { after: ms("2026-11-24T14:59:30Z"), max: 3 });
    expect(isoList(times)).toEqual([
      "2026-11-24T15:00:00.000Z",
      "2026-11-24T15:01:00.000Z",
      "2026-11-24T15:02:00.000Z",
    ]);
  });

  it("answer the next seconds of a SECONDLY rule every 7 seconds, on its grid from DTSTART", () => {
    const rrule = "DTSTART:20200101T000000Z\nRRULE:FREQ=SECONDLY;INTERVAL=7";
    const after = ms("2026-11-24T15:00:00Z");
    const [first] = scheduledTimes({ rrule }, { after, max: 1 });
    expect((first! - ms("2020-01-01T00:00:00Z")) % 7_000).toBe(0);
    expect(first! - after).toBeGreaterThan(0);
    expect(first! - after).toBeLessThanOrEqual(7_000);
  });

  it("refuse a rule that needs too many occurrences to reach the window, with a clear error", () => {
    // Monthly on the 31st (not restarted: not every month has one), every minute of that day.
    const minutes = Array.from({ length: 60 }, (_, minute) => minute).join(",");
    const hours = Array.from({ length: 24 }, (_, hour) => hour).join(",");
    const rrule = `DTSTART:20100131T000000\nRRULE:FREQ=MONTHLY;BYHOUR=${hours};BYMINUTE=${minutes}`;
    const call = () => scheduledTimes({ rrule }, { after: ms("2026-11-24T00:00:00Z"), max: 3 });
    expect(call).toThrow(OrdoError);
    expect(call).toThrow(`more than ${MAX_RRULE_OCCURRENCES} occurrences`);
    expect(call).toThrow("give it a later DTSTART");
  });

  it("refuse a COUNT above 50,000 in the schema", () => {
    const parsed = DeploymentScheduleSchema.safeParse({ rrule: "FREQ=SECONDLY;COUNT=100000000" });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toContain("COUNT is at most 50000");
    expect(DeploymentScheduleSchema.safeParse({ rrule: "FREQ=DAILY;COUNT=50000" }).success).toBe(true);
  });
});

describe("periodStartBefore", () => {
  const rule = (options: ConstructorParameters<typeof RRule>[0]) => new RRule({ ...options, tzid: null });

  it("moves DTSTART forward by whole periods of INTERVAL × the frequency", () => {
    const daily = rule({ freq: RRule.DAILY, interval: 2, dtstart: new Date("2020-01-01T03:00:00Z") });
    expect(new Date(periodStartBefore(daily, ms("2026-11-24T12:00:00Z"))).toISOString()).toBe(
      "2026-11-23T03:00:00.000Z",
    );
    const monthly = rule({ freq: RRule.MONTHLY, interval: 5, dtstart: new Date("2020-01-15T08:30:00Z") });
    expect(new Date(periodStartBefore(monthly, ms("2026-11-24T00:00:00Z"))).toISOString()).toBe(
      "2026-09-15T08:30:00.000Z",
    );
  });

  it("keeps DTSTART when moving it would change the rule", () => {
    const start = new Date("2020-01-31T00:00:00Z");
    const counted = rule({ freq: RRule.DAILY, count: 10_000, dtstart: start });
    expect(periodStartBefore(counted, ms("2026-11-24T00:00:00Z"))).toBe(start.getTime());
    const onThe31st = rule({ freq: RRule.MONTHLY, dtstart: start });
    expect(periodStartBefore(onThe31st, ms("2026-11-24T00:00:00Z"))).toBe(start.getTime());
    const future = rule({ freq: RRule.DAILY, dtstart: new Date("2030-01-01T00:00:00Z") });
    expect(periodStartBefore(future, ms("2026-11-24T00:00:00Z"))).toBe(ms("2030-01-01T00:00:00Z"));
  });
});

describe("earliestWallTimeAtOrAfter", () => {
  it("is the instant on the zone's lowest clock around it", () => {
    // Berlin on the night clocks go back (CEST +2 → CET +1): the lower offset bounds.
    expect(earliestWallTimeAtOrAfter(ms("2024-10-27T00:30:00Z"), "Europe/Berlin")).toBe(
      ms("2024-10-27T01:30:00Z"),
    );
    expect(earliestWallTimeAtOrAfter(ms("2024-06-01T00:00:00Z"), "UTC")).toBe(ms("2024-06-01T00:00:00Z"));
  });
});
