import { describe, expect, it } from "vitest";
import { DeploymentScheduleSchema, ScheduleSpecSchema } from "../../../src/schemas/index.js";

/** The issues of an invalid spec as `path: message`. */
function problems(
  input: unknown,
  schema: typeof ScheduleSpecSchema | typeof DeploymentScheduleSchema = ScheduleSpecSchema,
) {
  const result = schema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];
}

describe("schedule schemas", () => {
  it("apply defaults: timezone UTC and dayOr for cron; active and parameters for deployments", () => {
    expect(ScheduleSpecSchema.parse({ cron: "0 3 * * *" })).toEqual({
      cron: "0 3 * * *",
      timezone: "UTC",
      dayOr: true,
    });
    expect(DeploymentScheduleSchema.parse({ interval: 3600, slug: "hourly" })).toEqual({
      interval: 3600,
      slug: "hourly",
      active: true,
      parameters: {},
    });
  });

  it("accept 6-field cron, ISO and ms anchors, and an rrule with DTSTART and TZID", () => {
    expect(ScheduleSpecSchema.safeParse({ cron: "*/10 * * * * *" }).success).toBe(true);
    expect(ScheduleSpecSchema.safeParse({ interval: 90, anchorDate: "2024-01-01T09:00:00" }).success).toBe(
      true,
    );
    expect(
      ScheduleSpecSchema.safeParse({ interval: 90, anchorDate: "2024-01-01T09:00:00+01:00" }).success,
    ).toBe(true);
    expect(ScheduleSpecSchema.safeParse({ interval: 90, anchorDate: 1_704_067_200_000 }).success).toBe(true);
    const rrule = "DTSTART;TZID=Europe/Berlin:20240101T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE";
    expect(ScheduleSpecSchema.safeParse({ rrule }).success).toBe(true);
  });

  it("reject an invalid cron expression, naming the field", () => {
    expect(problems({ cron: "61 * * * *" })).toEqual([
      'cron: invalid cron expression "61 * * * *": Invalid value for minute: 61',
    ]);
    expect(problems({ cron: "0 0 0 1 1 * 2030" })[0]).toMatch(/^cron: invalid cron expression/);
  });

  it("reject a cron expression that never fires, naming the field", () => {
    expect(problems({ cron: "0 0 31 2 *" })).toEqual([
      'cron: invalid cron expression "0 0 31 2 *": it never fires (no date matches its day and month, such as February 30)',
    ]);
    expect(problems({ cron: "0 0 31 4 *" })).toHaveLength(1);
    // Rare is not never: February 29, and Mondays in February (day of month OR day of week).
    expect(ScheduleSpecSchema.safeParse({ cron: "0 0 29 2 *" }).success).toBe(true);
    expect(ScheduleSpecSchema.safeParse({ cron: "0 0 31 2 1" }).success).toBe(true);
  });

  it("reject a cron expression whose days never meet with dayOr false, in a deployment's schedule too", () => {
    const message =
      'cron: invalid cron expression "0 0 30 2 1": it never fires with dayOr false (no date has both its day of month and its day of week)';
    expect(problems({ cron: "0 0 30 2 1", dayOr: false })).toEqual([message]);
    expect(problems({ cron: "0 0 30 2 1", dayOr: false, parameters: {} }, DeploymentScheduleSchema)).toEqual([
      message,
    ]);
    // Rare is not never: February 29 on a Monday (2044), Friday the 13th.
    expect(ScheduleSpecSchema.safeParse({ cron: "0 0 29 2 1", dayOr: false }).success).toBe(true);
    expect(ScheduleSpecSchema.safeParse({ cron: "0 0 13 * 5", dayOr: false }).success).toBe(true);
  });

  it("reject an unknown time zone, naming the field", () => {
    expect(problems({ cron: "0 3 * * *", timezone: "Mars/Olympus" })).toEqual([
      'timezone: unknown IANA time zone "Mars/Olympus"',
    ]);
    expect(problems({ interval: 60, timezone: "Nowhere" })).toEqual([
      'timezone: unknown IANA time zone "Nowhere"',
    ]);
  });

  it("reject an unparseable rrule, a rule set and an unknown TZID", () => {
    expect(problems({ rrule: "FREQ=SOMETIMES" })[0]).toMatch(/^rrule: invalid recurrence rule/);
    expect(problems({ rrule: "RRULE:FREQ=DAILY\nEXDATE:20240101T000000Z" })).toEqual([
      "rrule: invalid recurrence rule: use one RRULE and an optional DTSTART (no RDATE, EXDATE or sets)",
    ]);
    expect(problems({ rrule: "DTSTART;TZID=Mars/Base:20240101T000000\nRRULE:FREQ=DAILY" })).toEqual([
      'rrule: invalid recurrence rule: unknown time zone "Mars/Base" in TZID',
    ]);
  });

  it("reject intervals of 0, below 0 and over a year", () => {
    expect(problems({ interval: 0 })).toEqual(["interval: must be more than 0 seconds (at least 0.001)"]);
    expect(problems({ interval: -5 })).toHaveLength(1);
    expect(problems({ interval: 366 * 86_400 })).toEqual(["interval: at most 31536000 seconds (365 days)"]);
  });

  it("reject two kinds at once", () => {
    expect(problems({ cron: "0 3 * * *", interval: 60 })).toEqual([
      ": a schedule has exactly one of cron, interval or rrule, not cron and interval",
    ]);
    expect(problems({ interval: 60, rrule: "FREQ=DAILY", active: true }, DeploymentScheduleSchema)).toEqual([
      ": a schedule has exactly one of cron, interval or rrule, not interval and rrule",
    ]);
  });

  it("reject an empty object", () => {
    expect(problems({})).toEqual([": a schedule needs one of cron, interval or rrule"]);
    expect(problems({}, DeploymentScheduleSchema)).toEqual([
      ": a schedule needs one of cron, interval or rrule",
    ]);
  });

  it("reject a misspelt field rather than ignore it", () => {
    expect(problems({ cron: "0 3 * * *", timeZone: "Europe/Berlin" })).toEqual([
      ': Unrecognized key: "timeZone"',
    ]);
  });
});
