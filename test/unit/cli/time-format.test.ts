import { describe, expect, it } from "vitest";
import { formatDuration, runDuration } from "../../../src/cli/output/duration.js";
import { formatRelativeTime, formatTimestamp } from "../../../src/cli/output/relative-time.js";

describe("formatDuration", () => {
  it.each([
    [0, "0ms"],
    [850, "850ms"],
    [1234, "1.2s"],
    [59_999, "59.9s"],
    [60_000, "1m 00s"],
    [303_000, "5m 03s"],
    [3_600_000, "1h 00m"],
    [7_500_000, "2h 05m"],
    [86_400_000 * 3 + 3_600_000 * 4, "3d 4h"],
  ])("formats %i ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("shows - for a negative or missing duration", () => {
    expect(formatDuration(-5)).toBe("-");
    expect(formatDuration(Number.NaN)).toBe("-");
  });
});

describe("runDuration", () => {
  it("is end − start for an ended run, now − start for a running one, - before start", () => {
    expect(runDuration({ startTime: 1000, endTime: 2500 }, 99_999)).toBe("1.5s");
    expect(runDuration({ startTime: 1000 }, 3000)).toBe("2.0s");
    expect(runDuration({}, 3000)).toBe("-");
  });
});

describe("formatRelativeTime", () => {
  const now = 1_700_000_000_000;
  it.each([
    [now, "just now"],
    [now - 999, "just now"],
    [now - 42_000, "42s ago"],
    [now - 90_000, "1m ago"],
    [now - 3 * 3_600_000, "3h ago"],
    [now - 2 * 86_400_000, "2d ago"],
    [now + 5 * 60_000, "in 5m"],
  ])("formats %i relative to now as %s", (time, text) => {
    expect(formatRelativeTime(time, now)).toBe(text);
  });

  it("shows - for no time", () => {
    expect(formatRelativeTime(undefined, now)).toBe("-");
  });
});

describe("formatTimestamp", () => {
  it("formats ms since the epoch as ISO 8601 UTC", () => {
    expect(formatTimestamp(0)).toBe("1970-01-01T00:00:00.000Z");
    expect(formatTimestamp(undefined)).toBeUndefined();
  });
});
