import { describe, expect, it } from "vitest";
import {
  columnRows,
  computeLayout,
  LAYOUT,
  MAX_ASPECT,
  powerOfTwoFloor,
  topologicalOrder,
  type GraphLayout,
  type LayoutInput,
} from "../../src/graph/layout.js";

const T = 1_700_000_000_000;

/** extract → transform → load, and a side task that waits for extract. */
function etl(mode: "time" | "deps"): LayoutInput {
  return {
    mode,
    //                      extract  transform  load     side
    start: new Float64Array([T + 0, T + 100, T + 120, T + 150]),
    end: new Float64Array([T + 100, T + 110, T + 200, T + 160]),
    edgeFrom: new Int32Array([0, 1, 0]),
    edgeTo: new Int32Array([1, 2, 3]),
    now: T + 200,
  };
}

/** Every row's nodes are in x order and keep their label room free of the next node. */
function expectNoOverlaps(layout: GraphLayout): void {
  const problems: string[] = [];
  let seen = 0;
  for (let r = 0; r < layout.rowCount; r++) {
    let right = Number.NEGATIVE_INFINITY;
    for (let i = layout.rowOffsets[r]!; i < layout.rowOffsets[r + 1]!; i++) {
      const v = layout.rowNodes[i]!;
      if (layout.row[v] !== r) problems.push(`node ${v} indexed in row ${r} but placed in ${layout.row[v]}`);
      if (layout.x[v]! < right + LAYOUT.gap)
        problems.push(`node ${v} overlaps its left neighbour in row ${r}`);
      right = layout.x[v]! + layout.span[v]!;
      seen++;
    }
  }
  expect(problems.slice(0, 5)).toEqual([]);
  expect(seen).toBe(layout.count);
}

describe("graph layout, x = time", () => {
  const layout = computeLayout(etl("time"));

  it("picks a power-of-two scale that fits the run's span into the target width", () => {
    // 200 ms into 1,200 units: 6 units/ms, rounded down to 4.
    expect(layout.scale).toBe(4);
    expect(layout.t0).toBe(T);
  });

  it("places each node at its start time, as wide as its duration (at least a square)", () => {
    expect(Array.from(layout.x)).toEqual([0, 400, 480, 600]);
    expect(Array.from(layout.w)).toEqual([400, 40, 320, 40]);
    expect(Array.from(layout.span)).toEqual([400, LAYOUT.labelWidth, 320, LAYOUT.labelWidth]);
  });

  it("puts a node on the free row nearest its upstream, below on a tie", () => {
    // transform: row 0 is still busy with extract's box → row 1; load: row 1 busy with
    // transform's label, rows 0 and 2 tie → 2; side: extract's row 0 is free again.
    expect(Array.from(layout.row)).toEqual([0, 1, 2, 0]);
    expect(layout.rowCount).toBe(3);
    expect(Array.from(layout.level)).toEqual([0, 1, 2, 1]);
    expectNoOverlaps(layout);
  });

  it("routes an edge from the upstream's right side to the downstream's left side", () => {
    const mid = LAYOUT.nodeHeight / 2;
    expect(Array.from(layout.edgeLines.slice(0, 4))).toEqual([400, mid, 400, LAYOUT.rowHeight + mid]);
    expect(Array.from(layout.edgeLines.slice(8, 12))).toEqual([400, mid, 600, mid]);
    expect(Array.from(layout.edgeShape)).toEqual([0, 0, 0]);
  });

  it("indexes rows for culling and reports the world size", () => {
    expect(Array.from(layout.rowOffsets)).toEqual([0, 2, 3, 4]);
    expect(Array.from(layout.rowNodes)).toEqual([0, 3, 1, 2]);
    expect(layout.width).toBe(800);
    expect(layout.height).toBe(2 * LAYOUT.rowHeight + LAYOUT.nodeHeight);
  });

  it("grows a running node to now and puts a node that has not started after its upstream, not before now", () => {
    const input = etl("time");
    const live = computeLayout({
      ...input,
      end: new Float64Array([T + 100, T + 110, Number.NaN, Number.NaN]),
      start: new Float64Array([T + 0, T + 100, T + 120, Number.NaN]),
      now: T + 300,
    });
    // 300 ms into 1,200 → 4 units/ms; load runs from 120 to now (300).
    expect(live.w[2]).toBe(180 * 4);
    // side waits for extract, which ended at x = 400 + its label room, but it is now 300 ms.
    expect(live.x[3]).toBe(300 * 4);
    expect(live.w[3]).toBe(LAYOUT.nodeHeight);
  });

  it("draws nesting that overlaps in time as an elbow dropping from the parent", () => {
    const nested = computeLayout({
      mode: "time",
      start: new Float64Array([T, T + 50]),
      end: new Float64Array([T + 200, T + 80]),
      edgeFrom: new Int32Array([0]),
      edgeTo: new Int32Array([1]),
      now: T + 200,
    });
    expect(nested.edgeShape[0]).toBe(1);
    const [x1, y1, x2, y2] = Array.from(nested.edgeLines);
    expect(x2).toBe(nested.x[1]);
    expect(x1).toBeLessThan(x2!);
    expect(y1).toBe(LAYOUT.nodeHeight); // the parent's bottom
    expect(y2).toBe(nested.row[1]! * LAYOUT.rowHeight + LAYOUT.nodeHeight / 2);
  });
});

describe("graph layout, x = dependency level", () => {
  const layout = computeLayout(etl("deps"));

  it("puts each level in its own column", () => {
    expect(Array.from(layout.level)).toEqual([0, 1, 2, 1]);
    expect(Array.from(layout.x)).toEqual([0, 200, 400, 200]);
    expect(layout.scale).toBe(0);
  });

  it("keeps a chain on one row and moves a sibling to the next", () => {
    expect(Array.from(layout.row)).toEqual([0, 0, 0, 1]);
    expectNoOverlaps(layout);
  });
});

describe("topological order", () => {
  it("orders upstreams first, ties in creation order", () => {
    // 2 → 0, 2 → 1, 1 → 0
    const order = topologicalOrder(3, new Int32Array([2, 2, 1]), new Int32Array([0, 1, 0]));
    expect(Array.from(order)).toEqual([2, 1, 0]);
  });

  it("breaks a cycle in creation order instead of dropping nodes", () => {
    const order = topologicalOrder(3, new Int32Array([0, 1, 2]), new Int32Array([1, 2, 0]));
    expect(Array.from(order).sort()).toEqual([0, 1, 2]);
    const layout = computeLayout({
      mode: "deps",
      start: new Float64Array(3).fill(Number.NaN),
      end: new Float64Array(3).fill(Number.NaN),
      edgeFrom: new Int32Array([0, 1, 2]),
      edgeTo: new Int32Array([1, 2, 0]),
      now: T,
    });
    expect(Array.from(layout.level)).toEqual([0, 1, 2]);
  });
});

describe("large graphs", () => {
  /** map-reduce: 10,000 mapped tasks, 64 at a time, 5–15 ms each, then one reduce. */
  function mapReduce(n: number): LayoutInput {
    const start = new Float64Array(n + 1);
    const end = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) {
      start[i] = T + Math.floor(i / 64) * 10 + (i % 7);
      end[i] = start[i]! + 5 + (i % 11);
    }
    start[n] = T + Math.ceil(n / 64) * 10 + 20;
    end[n] = start[n] + 3;
    const edgeFrom = Int32Array.from({ length: n }, (_, i) => i);
    const edgeTo = new Int32Array(n).fill(n);
    return { mode: "time", start, end, edgeFrom, edgeTo, now: end[n] };
  }

  it("lays out 10,000 mapped tasks and their reduce fast, with no overlaps", () => {
    const input = mapReduce(10_000);
    const started = performance.now();
    const layout = computeLayout(input);
    const elapsed = performance.now() - started;
    // ~50 ms on an idle 2-core machine; the bound only catches a quadratic slip.
    expect(elapsed).toBeLessThan(2000);
    expectNoOverlaps(layout);
    // Tasks that run at the same time need separate rows; far fewer rows than tasks.
    expect(layout.rowCount).toBeGreaterThan(10);
    expect(layout.rowCount).toBeLessThan(1000);
    expect(layout.level[10_000]).toBe(1);
  });

  it("lays out 10,000 nodes of a random DAG by level with no overlaps", () => {
    const n = 10_000;
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const from: number[] = [];
    const to: number[] = [];
    for (let v = 1; v < n; v++) {
      for (let k = 0; k < 2; k++) {
        from.push(Math.floor(random() * v));
        to.push(v);
      }
    }
    const input: LayoutInput = {
      mode: "deps",
      start: new Float64Array(n).fill(Number.NaN),
      end: new Float64Array(n).fill(Number.NaN),
      edgeFrom: Int32Array.from(from),
      edgeTo: Int32Array.from(to),
      now: T,
    };
    const started = performance.now();
    const layout = computeLayout(input);
    expect(performance.now() - started).toBeLessThan(2000);
    expectNoOverlaps(layout);
    let backwards = 0;
    for (let e = 0; e < from.length; e++) if (layout.level[to[e]!]! <= layout.level[from[e]!]!) backwards++;
    expect(backwards).toBe(0);
  });
});

describe("powerOfTwoFloor", () => {
  it("rounds down to a power of two and falls back to 1 for nonsense", () => {
    expect(powerOfTwoFloor(6)).toBe(4);
    expect(powerOfTwoFloor(0.3)).toBe(0.25);
    expect(powerOfTwoFloor(0)).toBe(1);
    expect(powerOfTwoFloor(Number.POSITIVE_INFINITY)).toBe(1);
  });
});

describe("keeping large layouts readable", () => {
  it("wraps a fan-out of 10,000 into a block of columns in deps mode", () => {
    const n = 10_001;
    const layout = computeLayout({
      mode: "deps",
      start: new Float64Array(n).fill(Number.NaN),
      end: new Float64Array(n).fill(Number.NaN),
      // node 0 feeds the 10,000 others
      edgeFrom: new Int32Array(n - 1),
      edgeTo: Int32Array.from({ length: n - 1 }, (_, i) => i + 1),
      now: T,
    });
    expect(layout.rowCount).toBe(columnRows(n));
    expect(layout.width).toBeLessThan(layout.height * 2);
    expect(layout.height).toBeLessThan(layout.width * 2);
    expectNoOverlaps(layout);
  });

  it("spreads many short runs at once wider rather than stacking them into a tall layout", () => {
    // 5,000 tasks of 0 ms each, all within 100 ms, in a run of 100 ms.
    const n = 5000;
    const start = Float64Array.from({ length: n }, (_, i) => T + (i % 100));
    const layout = computeLayout({
      mode: "time",
      start,
      end: start.slice(),
      edgeFrom: new Int32Array(0),
      edgeTo: new Int32Array(0),
      now: T + 100,
    });
    expect(layout.height / layout.width).toBeLessThanOrEqual(MAX_ASPECT);
    expectNoOverlaps(layout);
  });
});
