/**
 * The timeline (Gantt) of a run: one row per task run or subflow run, ordered by start
 * time (those that have not started last, in creation order), bars from start to end
 * (running bars to now). World x is ms since the run's first start, world y is the row
 * times {@link TIMELINE.rowHeight}. Pure.
 *
 * @module
 */
import type { GraphNode } from "./graph-model.js";

/** Sizes of the timeline, in CSS pixels. */
export const TIMELINE = {
  rowHeight: 24,
  barHeight: 14,
  axisHeight: 28,
} as const;

/** The rows of a timeline. */
export interface TimelineModel {
  /** Node index of each row. */
  readonly order: Int32Array;
  /** Time of world x = 0: the earliest start (or `now` when nothing started). */
  readonly t0: number;
  /** Latest end (running nodes: `now`), as an offset from t0. */
  readonly span: number;
  /** Rows whose node has started (they come first). */
  readonly started: number;
}

/** Orders the nodes into rows; open bars end at `now` (the live edge). */
export function buildTimeline(nodes: readonly GraphNode[], now: number): TimelineModel {
  const started: number[] = [];
  const waiting: number[] = [];
  let t0 = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  nodes.forEach((node, i) => {
    if (node.start === null) {
      waiting.push(i);
      return;
    }
    started.push(i);
    t0 = Math.min(t0, node.start);
    last = Math.max(last, node.end ?? Math.max(now, node.start));
  });
  started.sort((a, b) => nodes[a]!.start! - nodes[b]!.start! || a - b);
  if (!Number.isFinite(t0)) {
    t0 = now;
    last = now;
  }
  return {
    order: Int32Array.from([...started, ...waiting]),
    t0,
    span: Math.max(last - t0, 1),
    started: started.length,
  };
}

/** A node's bar as world x (ms from t0) from and to; `undefined` before it starts. */
export function barOf(node: GraphNode, t0: number, now: number): { x0: number; x1: number } | undefined {
  if (node.start === null) return undefined;
  const end = node.end ?? Math.max(now, node.start);
  return { x0: node.start - t0, x1: end - t0 };
}

/** The rows meeting world [y0, y1], inclusive (empty when first > last). */
export function timelineRows(rowCount: number, y0: number, y1: number): { first: number; last: number } {
  return {
    first: Math.max(0, Math.floor(y0 / TIMELINE.rowHeight)),
    last: Math.min(rowCount - 1, Math.floor(y1 / TIMELINE.rowHeight)),
  };
}

/** The row under world y, or -1. */
export function timelineRowAt(rowCount: number, wy: number): number {
  const row = Math.floor(wy / TIMELINE.rowHeight);
  return row >= 0 && row < rowCount ? row : -1;
}
