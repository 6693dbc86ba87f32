import { describe, expect, it } from "vitest";
import type { DeploymentScheduleRecord } from "../../src/api/types.js";
import { scheduleSpecText, scheduleWords, schedulesLine } from "../../src/pages/deployments/schedule-text.js";

function record(
  schedule: DeploymentScheduleRecord["schedule"],
  description: string,
  active = true,
): DeploymentScheduleRecord {
  return { id: "s", schedule, active, parameters: {}, description };
}

describe("deployment schedules in words", () => {
  const nightly = record(
    { cron: "0 3 * * *", timezone: "Europe/Berlin", dayOr: true },
    "at 03:00 every day (Europe/Berlin)",
  );
  const tenMinutes = record({ interval: 600 }, "every 10 minutes", false);

  it("uses the API's description, marking inactive schedules", () => {
    expect(scheduleWords(nightly)).toBe("at 03:00 every day (Europe/Berlin)");
    expect(scheduleWords(tenMinutes)).toBe("every 10 minutes (inactive)");
    expect(schedulesLine([nightly, tenMinutes])).toBe(
      "at 03:00 every day (Europe/Berlin); every 10 minutes (inactive)",
    );
  });

  it("shows the exact spec of each kind", () => {
    expect(scheduleSpecText(nightly)).toBe("cron 0 3 * * * (Europe/Berlin)");
    expect(scheduleSpecText(tenMinutes)).toBe("every 600 s");
    expect(scheduleSpecText(record({ rrule: "RRULE:FREQ=WEEKLY;BYDAY=MO" }, ""))).toBe(
      "rrule FREQ=WEEKLY;BYDAY=MO",
    );
  });

  it("falls back to the spec when the API gives no description", () => {
    expect(scheduleWords(record({ interval: 90, timezone: "UTC" }, ""))).toBe("every 90 s (UTC)");
  });
});
