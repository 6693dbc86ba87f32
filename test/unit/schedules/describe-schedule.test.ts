import { describe, expect, it } from "vitest";
import { describeSchedule } from "../../../src/schedules/index.js";

describe("describeSchedule", () => {
  it.each([
    [{ cron: "0 3 * * *", timezone: "Europe/Berlin" }, "at 03:00 every day (Europe/Berlin)"],
    [{ cron: "30 9 * * 1,3" }, "at 09:30 on Monday and Wednesday (UTC)"],
    [{ cron: "0 9 * * 1-5", timezone: "America/New_York" }, "at 09:00 on weekdays (America/New_York)"],
    [{ cron: "0 0 1 * *" }, "at 00:00 on day 1 of every month (UTC)"],
    [{ cron: "15 * * * *" }, "at minute 15 of every hour (UTC)"],
    [{ cron: "*/15 * * * *" }, "every 15 minutes (UTC)"],
    [{ cron: "* * * * *" }, "every minute (UTC)"],
    [{ cron: "0 0 3 * * *" }, "at 03:00 every day (UTC)"],
    [{ cron: "0 0 1 7 *", timezone: "Asia/Kolkata" }, 'cron "0 0 1 7 *" (Asia/Kolkata)'],
    [{ cron: "*/10 * * * * *" }, 'cron "*/10 * * * * *" (UTC)'],
  ])("describes cron %j as %s", (spec, text) => {
    expect(describeSchedule(spec)).toBe(text);
  });

  it.each([
    [{ interval: 3600 }, "every 1 hour"],
    [{ interval: 7200 }, "every 2 hours"],
    [{ interval: 90 }, "every 90 seconds"],
    [{ interval: 300 }, "every 5 minutes"],
    [{ interval: 1 }, "every 1 second"],
    [{ interval: 86_400, timezone: "Europe/Berlin" }, "every 1 day (Europe/Berlin)"],
    [{ interval: 3600, anchorDate: "2026-01-01T00:15:00Z" }, "every 1 hour from 2026-01-01T00:15:00Z"],
    [{ interval: 3600, anchorDate: "2026-03-01T07:00:00Z" }, "every 1 hour"],
    [{ interval: 600, anchorDate: 1_767_226_200_000 }, "every 10 minutes"],
    [{ interval: 600, anchorDate: 1_767_226_020_000 }, "every 10 minutes from 2026-01-01T00:07:00Z"],
    [
      { interval: 86_400, anchorDate: "2026-01-05T09:30:00", timezone: "Europe/Berlin" },
      "every 1 day at 09:30 (Europe/Berlin)",
    ],
    [{ interval: 172_800, anchorDate: "2026-01-05T00:00:00Z" }, "every 2 days"],
    [{ interval: 86_400, anchorDate: "2026-01-05T06:00:00Z" }, "every 1 day at 06:00"],
  ])("describes interval %j as %s", (spec, text) => {
    expect(describeSchedule(spec)).toBe(text);
  });

  it("describes an rrule by its own text and its time zone", () => {
    expect(
      describeSchedule({ rrule: "DTSTART:20240101T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=3" }),
    ).toBe("every week on Monday, Wednesday for 3 times (UTC)");
    expect(describeSchedule({ rrule: "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9", timezone: "America/New_York" })).toBe(
      "every week on Monday at 9 (America/New_York)",
    );
    expect(describeSchedule({ rrule: "DTSTART;TZID=Asia/Tokyo:20240101T090000\nRRULE:FREQ=DAILY" })).toBe(
      "every day (Asia/Tokyo)",
    );
  });
});
