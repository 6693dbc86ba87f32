import { describe, expect, it } from "vitest";
import { headlines } from "../../src/pages/dashboard/headline-counts.js";
import { parseRange, RANGE_KEYS, RANGES, rangeWindow } from "../../src/pages/dashboard/time-range.js";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("parseRange", () => {
  it("reads the ranges the dashboard offers", () => {
    for (const key of RANGE_KEYS) expect(parseRange(key)).toBe(key);
  });

  it("falls back to the last 24 hours for a missing or unknown range", () => {
    expect(parseRange(null)).toBe("24h");
    expect(parseRange("")).toBe("24h");
    expect(parseRange("2y")).toBe("24h");
  });
});

describe("rangeWindow", () => {
  const now = Date.UTC(2026, 10, 24, 12, 5, 30);

  it("ends at the bucket boundary after now and spans the range", () => {
    expect(rangeWindow("1h", now)).toMatchObject({
      from: Date.UTC(2026, 10, 24, 11, 6),
      to: Date.UTC(2026, 10, 24, 12, 6),
      intervalSeconds: 120,
    });
    expect(rangeWindow("24h", now)).toMatchObject({
      from: Date.UTC(2026, 10, 23, 12, 30),
      to: Date.UTC(2026, 10, 24, 12, 30),
      intervalSeconds: 1800,
    });
  });

  it("starts day buckets at midnight UTC", () => {
    expect(rangeWindow("30d", now)).toMatchObject({
      from: Date.UTC(2026, 9, 26),
      to: Date.UTC(2026, 10, 25),
      intervalSeconds: 86_400,
    });
  });

  it("counts up to the end of the current minute, leaving out upcoming scheduled runs", () => {
    expect(rangeWindow("24h", now).until).toBe(Date.UTC(2026, 10, 24, 12, 6));
    expect(rangeWindow("30d", now).until).toBe(Date.UTC(2026, 10, 24, 12, 6));
  });

  it("never counts past the window's end", () => {
    expect(rangeWindow("1h", Date.UTC(2026, 10, 24, 12, 1, 30)).until).toBe(Date.UTC(2026, 10, 24, 12, 2));
  });

  it("keeps its buckets within a bucket's time, and its end within a minute, so query keys change rarely", () => {
    const a = rangeWindow("24h", Date.UTC(2026, 10, 24, 12, 0, 1));
    const b = rangeWindow("24h", Date.UTC(2026, 10, 24, 12, 29, 59));
    expect([a.from, a.to]).toEqual([b.from, b.to]);
    expect(rangeWindow("24h", Date.UTC(2026, 10, 24, 12, 7, 59)).until).toBe(
      rangeWindow("24h", Date.UTC(2026, 10, 24, 12, 7, 0)).until,
    );
    expect(rangeWindow("24h", Date.UTC(2026, 10, 24, 12, 30)).to).toBe(Date.UTC(2026, 10, 24, 13, 0));
  });

  it("holds a whole number of buckets, within the API's 500-bucket limit", () => {
    for (const key of RANGE_KEYS) {
      const w = rangeWindow(key, now);
      const buckets = (w.to - w.from) / (w.intervalSeconds * 1000);
      expect(Number.isInteger(buckets)).toBe(true);
      expect(buckets).toBeLessThanOrEqual(500);
      expect(w.to - w.from).toBe(RANGES[key].seconds * 1000);
    }
    expect((rangeWindow("7d", now).to - rangeWindow("7d", now).from) / DAY).toBe(7);
  });
});

describe("headlines", () => {
  const span = { from: 1000, to: 3000, intervalSeconds: 1, until: 2000 };

  it("counts total, completed and failed-or-crashed runs expected in the range up to now", () => {
    const [total, completed, failed] = headlines(span);
    expect(total?.filter).toEqual({ expectedStartTime: { after: 1000, before: 2000 } });
    expect(completed?.filter.stateTypes).toEqual(["COMPLETED"]);
    expect(failed?.filter.stateTypes).toEqual(["FAILED", "CRASHED"]);
    expect(failed?.filter.expectedStartTime).toEqual({ after: 1000, before: 2000 });
  });

  it("counts runs running and late now, whatever the range", () => {
    const byKey = new Map(headlines(span).map((h) => [h.key, h.filter]));
    expect(byKey.get("running")).toEqual({ stateTypes: ["RUNNING"] });
    expect(byKey.get("late")).toEqual({ stateNames: ["Late"] });
  });
});
