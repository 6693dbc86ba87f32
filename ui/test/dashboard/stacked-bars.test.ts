import { describe, expect, it } from "vitest";
import {
  labelIndices,
  layoutStackedBars,
  niceScale,
  seriesKeys,
  type ChartBox,
  type CountBucket,
} from "../../src/components/charts/stacked-bars.js";

const BOX: ChartBox = { width: 140, height: 120, padding: { top: 10, right: 0, bottom: 10, left: 40 } };
// Plot: x 40..140 (width 100), y 10..110 (height 100).

function bucket(i: number, counts: Record<string, number>): CountBucket {
  return { start: i * 1000, end: (i + 1) * 1000, counts };
}

describe("niceScale", () => {
  it("rounds the top up to a multiple of a 1, 2 or 5 step", () => {
    expect(niceScale(37, 4)).toEqual({ max: 40, step: 10 });
    expect(niceScale(7, 4)).toEqual({ max: 8, step: 2 });
    expect(niceScale(1234, 4)).toEqual({ max: 1500, step: 500 });
  });

  it("never steps below one, as counts are whole", () => {
    expect(niceScale(3, 4)).toEqual({ max: 3, step: 1 });
  });

  it("gives an empty chart a 0–1 scale", () => {
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
  });
});

describe("seriesKeys", () => {
  it("keeps the given order for keys that occur, and puts unknown keys after, alphabetically", () => {
    const buckets = [bucket(0, { FAILED: 1, ZED: 2, COMPLETED: 0 }), bucket(1, { RUNNING: 1, ALPHA: 1 })];
    expect(seriesKeys(buckets, ["COMPLETED", "FAILED", "RUNNING"])).toEqual([
      "FAILED",
      "RUNNING",
      "ALPHA",
      "ZED",
    ]);
  });
});

describe("layoutStackedBars", () => {
  it("gives every bucket an equal slot across the plot, the bar centred with a gap", () => {
    const layout = layoutStackedBars([bucket(0, { A: 1 }), bucket(1, { A: 1 })], BOX, {
      order: ["A"],
      gapRatio: 0.2,
    });
    expect(layout.plot).toEqual({ left: 40, top: 10, width: 100, height: 100 });
    expect(layout.bars.map((b) => [b.slotX, b.slotWidth, b.x, b.width])).toEqual([
      [40, 50, 45, 40],
      [90, 50, 95, 40],
    ]);
  });

  it("stacks segments bottom-up in the given order, heights proportional to counts", () => {
    const layout = layoutStackedBars([bucket(0, { FAILED: 1, COMPLETED: 3 })], BOX, {
      order: ["COMPLETED", "FAILED"],
      tickCount: 4,
    });
    expect(layout.max).toBe(4);
    const [bar] = layout.bars;
    expect(bar?.total).toBe(4);
    expect(bar?.segments).toEqual([
      { key: "COMPLETED", count: 3, y: 35, height: 75 },
      { key: "FAILED", count: 1, y: 10, height: 25 },
    ]);
  });

  it("scales every bar against the tallest, which reaches at most the top of the scale", () => {
    const layout = layoutStackedBars([bucket(0, { A: 10 }), bucket(1, { A: 5 })], BOX, {
      order: ["A"],
      tickCount: 2,
    });
    expect(layout.max).toBe(10);
    expect(layout.bars.map((b) => b.segments[0]?.height)).toEqual([100, 50]);
  });

  it("draws ticks from zero at the bottom to the top of the scale", () => {
    const layout = layoutStackedBars([bucket(0, { A: 37 })], BOX, { order: ["A"], tickCount: 4 });
    expect(layout.ticks).toEqual([
      { value: 0, y: 110 },
      { value: 10, y: 85 },
      { value: 20, y: 60 },
      { value: 30, y: 35 },
      { value: 40, y: 10 },
    ]);
  });

  it("keeps empty buckets as bars without segments, and leaves out zero counts", () => {
    const layout = layoutStackedBars([bucket(0, {}), bucket(1, { A: 2, B: 0 })], BOX, { order: ["A", "B"] });
    expect(layout.bars[0]?.segments).toEqual([]);
    expect(layout.bars[0]?.total).toBe(0);
    expect(layout.bars[1]?.segments.map((s) => s.key)).toEqual(["A"]);
    expect(layout.keys).toEqual(["A"]);
  });

  it("lays out a chart of only empty buckets on a 0–1 scale without dividing by zero", () => {
    const layout = layoutStackedBars([bucket(0, {}), bucket(1, {})], BOX, { order: ["A"] });
    expect(layout.max).toBe(1);
    expect(layout.bars.every((b) => b.segments.length === 0)).toBe(true);
    expect(layout.ticks.map((t) => t.value)).toEqual([0, 1]);
  });

  it("keeps the bucket times on the bars, and has no bars for no buckets", () => {
    const layout = layoutStackedBars([bucket(3, { A: 1 })], BOX, { order: ["A"] });
    expect(layout.bars[0]).toMatchObject({ index: 0, start: 3000, end: 4000 });
    expect(layoutStackedBars([], BOX, { order: [] }).bars).toEqual([]);
  });
});

describe("labelIndices", () => {
  it("labels every bar when they fit", () => {
    expect(labelIndices(4, 6)).toEqual([0, 1, 2, 3]);
  });

  it("spaces at most the allowed number of labels evenly, from the first bar", () => {
    expect(labelIndices(48, 6)).toEqual([0, 8, 16, 24, 32, 40]);
    expect(labelIndices(30, 6)).toEqual([0, 5, 10, 15, 20, 25]);
  });

  it("labels nothing without bars", () => {
    expect(labelIndices(0, 6)).toEqual([]);
  });
});
