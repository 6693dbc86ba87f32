import { describe, expect, it } from "vitest";
import { nodeAt, visibleEdges, visibleNodes, visibleRows } from "../../src/graph/culling.js";
import { computeLayout, LAYOUT, type LayoutInput } from "../../src/graph/layout.js";

const T = 1_700_000_000_000;

/** A 20 × 50 grid: 20 chains of 50 tasks, each 100 ms, one after the other. */
function grid(): LayoutInput {
  const chains = 20;
  const length = 50;
  const n = chains * length;
  const start = new Float64Array(n);
  const end = new Float64Array(n);
  const from: number[] = [];
  const to: number[] = [];
  for (let c = 0; c < chains; c++) {
    for (let i = 0; i < length; i++) {
      const v = c * length + i;
      start[v] = T + i * 100;
      end[v] = T + i * 100 + 100;
      if (i > 0) {
        from.push(v - 1);
        to.push(v);
      }
    }
  }
  return {
    mode: "deps",
    start,
    end,
    edgeFrom: Int32Array.from(from),
    edgeTo: Int32Array.from(to),
    now: T + 5000,
  };
}

describe("culling", () => {
  const layout = computeLayout(grid());
  const out = new Int32Array(layout.count);

  it("lays the grid out as 20 rows of 50 columns", () => {
    expect(layout.rowCount).toBe(20);
    expect(layout.width).toBe(49 * LAYOUT.columnWidth + layout.span[0]!);
  });

  it("finds the rows whose boxes meet a y range, boxes only (not the gap below)", () => {
    expect(visibleRows(20, 0, 39)).toEqual({ first: 0, last: 0 });
    // y = 30 is in the gap under row 0's box: row 0 no longer shows from y0 = 27.
    expect(visibleRows(20, 27, 80)).toEqual({ first: 1, last: 2 });
    expect(visibleRows(20, -500, 10_000)).toEqual({ first: 0, last: 19 });
  });

  it("returns exactly the nodes in the box, row by row in x order", () => {
    const count = visibleNodes(layout, { x0: 390, y0: 0, x1: 810, y1: LAYOUT.rowHeight + 1 }, out);
    const found = Array.from(out.subarray(0, count));
    const rowOf = (v: number) => layout.row[v]!;
    expect(new Set(found.map(rowOf))).toEqual(new Set([0, 1]));
    for (const v of found) {
      expect(layout.x[v]! + layout.span[v]!).toBeGreaterThanOrEqual(390);
      expect(layout.x[v]!).toBeLessThanOrEqual(810);
    }
    expect(count).toBe(2 * 3); // columns at x = 400, 600, 800 on each of the two rows
  });

  it("agrees with a brute-force scan for many boxes", () => {
    for (let k = 0; k < 50; k++) {
      const x0 = (k * 397) % 9000;
      const y0 = (k * 131) % 700;
      const box = { x0, y0, x1: x0 + 700, y1: y0 + 300 };
      const count = visibleNodes(layout, box, out);
      const brute: number[] = [];
      for (let v = 0; v < layout.count; v++) {
        const top = layout.row[v]! * LAYOUT.rowHeight;
        if (
          layout.x[v]! + layout.span[v]! >= box.x0 &&
          layout.x[v]! <= box.x1 &&
          top + LAYOUT.nodeHeight >= box.y0 &&
          top <= box.y1
        ) {
          brute.push(v);
        }
      }
      expect(Array.from(out.subarray(0, count)).sort((a, b) => a - b)).toEqual(brute);
    }
  });

  it("hit-tests a node by its box or label room, not the gap between rows", () => {
    const v = layout.rowNodes[layout.rowOffsets[3]! + 5]!;
    const x = layout.x[v]! + 3;
    const y = 3 * LAYOUT.rowHeight + 5;
    expect(nodeAt(layout, x, y)).toBe(v);
    expect(nodeAt(layout, x, 3 * LAYOUT.rowHeight + LAYOUT.nodeHeight + 2)).toBe(-1);
    expect(nodeAt(layout, layout.x[v]! + layout.span[v]! + 5, y)).toBe(-1);
    expect(nodeAt(layout, -10, y)).toBe(-1);
    expect(nodeAt(layout, x, -5)).toBe(-1);
  });

  it("returns the edges whose bounding box meets the view", () => {
    const edgesOut = new Int32Array(layout.edgeShape.length);
    const count = visibleEdges(layout, { x0: 0, y0: 0, x1: 250, y1: 20 }, edgesOut);
    // Row 0 only; the edge into column 1 (x 200) and, with the curve's slack, none further.
    expect(count).toBe(1);
    expect(layout.row[grid().edgeTo[edgesOut[0]!]!]).toBe(0);
  });
});
