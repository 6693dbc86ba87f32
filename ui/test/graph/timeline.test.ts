import { describe, expect, it } from "vitest";
import type { GraphNode } from "../../src/graph/graph-model.js";
import { formatOffset, tickStep, ticksBetween } from "../../src/graph/time-axis.js";
import {
  barOf,
  buildTimeline,
  TIMELINE,
  timelineRowAt,
  timelineRows,
} from "../../src/graph/timeline-model.js";

function node(id: string, start: number | null, end: number | null): GraphNode {
  return {
    id,
    kind: "task",
    name: id,
    stateType: "COMPLETED",
    stateName: "Completed",
    start,
    end,
    parentTaskRunId: null,
  };
}

describe("the timeline's rows", () => {
  const nodes = [
    node("late", 300, 400),
    node("waiting", null, null),
    node("first", 100, 200),
    node("running", 250, null),
  ];
  const timeline = buildTimeline(nodes, 1000);

  it("orders rows by start time, the runs that have not started last", () => {
    expect(Array.from(timeline.order)).toEqual([2, 3, 0, 1]);
    expect(timeline.started).toBe(3);
  });

  it("starts the time axis at the first start and ends it at the latest end or now", () => {
    expect(timeline.t0).toBe(100);
    expect(timeline.span).toBe(900); // the running bar reaches now (1000)
  });

  it("draws a bar from start to end, a running one to now, none before the start", () => {
    expect(barOf(nodes[2]!, 100, 1000)).toEqual({ x0: 0, x1: 100 });
    expect(barOf(nodes[3]!, 100, 1000)).toEqual({ x0: 150, x1: 900 });
    expect(barOf(nodes[1]!, 100, 1000)).toBeUndefined();
  });

  it("finds the rows on screen and the row under the pointer", () => {
    const h = TIMELINE.rowHeight;
    expect(timelineRows(10_000, 5 * h + 1, 30 * h)).toEqual({ first: 5, last: 30 });
    expect(timelineRows(10, -100, 100 * h)).toEqual({ first: 0, last: 9 });
    expect(timelineRowAt(10, 3 * h + 2)).toBe(3);
    expect(timelineRowAt(10, -1)).toBe(-1);
    expect(timelineRowAt(10, 10 * h)).toBe(-1);
  });

  it("has one row at now when nothing started yet", () => {
    const empty = buildTimeline([node("a", null, null)], 5000);
    expect(empty.t0).toBe(5000);
    expect(empty.span).toBe(1);
  });
});

describe("the time axis", () => {
  it("picks the smallest nice step at least 90 px apart", () => {
    expect(tickStep(1)).toBe(100); // 1 px/ms: 100 ms = 100 px
    expect(tickStep(0.1)).toBe(1000);
    expect(tickStep(0.001)).toBe(120_000); // 90 s needed → 2 min
    expect(tickStep(50)).toBe(2);
  });

  it("lists the multiples of the step in a range", () => {
    expect(ticksBetween(-150, 420, 100)).toEqual([-100, 0, 100, 200, 300, 400]);
    expect(ticksBetween(1, 99, 100)).toEqual([]);
  });

  it("labels offsets as precisely as the step needs", () => {
    expect(formatOffset(0, 100)).toBe("0");
    expect(formatOffset(250, 50)).toBe("+250 ms");
    expect(formatOffset(1500, 500)).toBe("+1.5 s");
    expect(formatOffset(1250, 50)).toBe("+1.25 s");
    expect(formatOffset(4000, 2000)).toBe("+4 s");
    expect(formatOffset(150_000, 30_000)).toBe("+2m 30s");
    expect(formatOffset(600_000, 300_000)).toBe("+10m");
    expect(formatOffset(3_900_000, 300_000)).toBe("+1h 05m");
    expect(formatOffset(2 * 86_400_000 + 3 * 3_600_000, 3_600_000)).toBe("+2d 3h");
    expect(formatOffset(-2000, 1000)).toBe("−2 s");
  });
});
