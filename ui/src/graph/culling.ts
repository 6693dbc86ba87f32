/**
 * What is on screen, in O(visible): the layout keeps each row's nodes sorted by x with
 * non-overlapping spans, so the visible nodes are, for each visible row, one binary
 * search and a walk to the right edge. Also hit testing (a node under the pointer) and
 * the edges whose bounding box meets the view. Pure.
 *
 * @module
 */
import { LAYOUT, type GraphLayout } from "./layout.js";

/** A world rectangle as corners. */
export interface WorldBox {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** The rows whose node boxes meet [y0, y1], as an inclusive range (empty when first > last). */
export function visibleRows(rowCount: number, y0: number, y1: number): { first: number; last: number } {
  const { rowHeight, nodeHeight } = LAYOUT;
  return {
    first: Math.max(0, Math.ceil((y0 - nodeHeight) / rowHeight)),
    last: Math.min(rowCount - 1, Math.floor(y1 / rowHeight)),
  };
}

/** Index in `rowNodes` of the first node of row `r` whose span ends at or after `x`. */
function firstFrom(layout: GraphLayout, r: number, x: number): number {
  let lo = layout.rowOffsets[r]!;
  let hi = layout.rowOffsets[r + 1]!;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const v = layout.rowNodes[mid]!;
    if (layout.x[v]! + layout.span[v]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Writes the nodes that meet `box` (by the room they keep on their row) into `out` and
 * returns how many; `out` must hold `layout.count` entries.
 */
export function visibleNodes(layout: GraphLayout, box: WorldBox, out: Int32Array): number {
  const { first, last } = visibleRows(layout.rowCount, box.y0, box.y1);
  let count = 0;
  for (let r = first; r <= last; r++) {
    const end = layout.rowOffsets[r + 1]!;
    for (let i = firstFrom(layout, r, box.x0); i < end; i++) {
      const v = layout.rowNodes[i]!;
      if (layout.x[v]! > box.x1) break;
      out[count++] = v;
    }
  }
  return count;
}

/** The node whose box or label room is under the world point, or -1. */
export function nodeAt(layout: GraphLayout, wx: number, wy: number): number {
  const r = Math.floor(wy / LAYOUT.rowHeight);
  if (r < 0 || r >= layout.rowCount || wy - r * LAYOUT.rowHeight > LAYOUT.nodeHeight) return -1;
  const i = firstFrom(layout, r, wx);
  if (i >= layout.rowOffsets[r + 1]!) return -1;
  const v = layout.rowNodes[i]!;
  return layout.x[v]! <= wx ? v : -1;
}

/** Slack around an edge's end points for the bend of its curve. */
const CURVE_SLACK = 40;

/**
 * Writes the edges whose bounding box meets `box` into `out` and returns how many. A
 * typed-array scan (four comparisons per edge), done only at zoom levels that draw edges.
 */
export function visibleEdges(layout: GraphLayout, box: WorldBox, out: Int32Array): number {
  const lines = layout.edgeLines;
  const total = layout.edgeShape.length;
  let count = 0;
  for (let e = 0; e < total; e++) {
    const x1 = lines[e * 4]!;
    const y1 = lines[e * 4 + 1]!;
    const x2 = lines[e * 4 + 2]!;
    const y2 = lines[e * 4 + 3]!;
    if (Math.max(x1, x2) + CURVE_SLACK < box.x0 || Math.min(x1, x2) - CURVE_SLACK > box.x1) continue;
    if (Math.max(y1, y2) < box.y0 || Math.min(y1, y2) > box.y1) continue;
    out[count++] = e;
  }
  return count;
}
