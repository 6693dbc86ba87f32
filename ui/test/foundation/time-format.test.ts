import { describe, expect, it } from "vitest";
import { formatCount, formatDuration, formatRelative } from "../../src/format/time.js";

describe("formatDuration", () => {
  it("shows milliseconds under a second, seconds under a minute", () => {
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(4200)).toBe("4.2 s");
    expect(formatDuration(42_000)).toBe("42 s");
  });

  it("shows minutes with padded seconds, hours with padded minutes, days with hours", () => {
    expect(formatDuration(185_000)).toBe("3m 05s");
    expect(formatDuration(2 * 3_600_000 + 4 * 60_000)).toBe("2h 04m");
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe("3d 4h");
  });

  it("shows a dash for negative or unknown durations", () => {
    expect(formatDuration(-1)).toBe("—");
    expect(formatDuration(Number.NaN)).toBe("—");
  });
});

describe("formatRelative", () => {
  const now = Date.UTC(2026, 10, 24, 12, 0, 0);

  it("says just now within ten seconds either way", () => {
    expect(formatRelative(now - 3000, now)).toBe("just now");
    expect(formatRelative(now + 8000, now)).toBe("just now");
  });

  it("picks the largest unit that fits, in the past and the future", () => {
    expect(formatRelative(now - 5 * 60_000, now)).toBe("5 min. ago");
    expect(formatRelative(now + 2 * 3_600_000, now)).toBe("in 2 hr.");
    expect(formatRelative(now - 3 * 86_400_000, now)).toBe("3 days ago");
  });
});

describe("formatCount", () => {
  it("groups thousands and marks capped counts", () => {
    expect(formatCount(1234)).toBe("1,234");
    expect(formatCount(10_000, true)).toBe("10,000+");
  });
});
