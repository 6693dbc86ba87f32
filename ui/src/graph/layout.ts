/**
 * The run graph's layout: pure, O((n + e) log n), run in a Web Worker for large graphs.
 *
 * **x is time** (`mode: "time"`, the default): a node starts at its start time and is as
 * wide as its duration (running nodes grow to `now`), at least a square. A node that
 * has not started yet has no time: it goes right after its latest upstream, and never
 * before `now` (it is waiting now). Subflows are placed the same way. The time scale is
 * chosen from the run's span and size and rounded to a power of two, so a live run keeps
 * its scale until its span doubles; when many short runs at once would stack into a
 * layout much taller than wide, a second pass at a (power-of-two) larger scale spreads
 * them out.
 * **x is the dependency level** (`mode: "deps"`): level 0 for nodes with no upstream,
 * otherwise one more than the deepest upstream; one column per level, a very large level
 * wrapped into several columns.
 *
 * **y is a row**, assigned greedily in x order: each node goes to the free row nearest
 * to its primary upstream's row (the upstream that finished last), so a chain stays on
 * one line and a fan-out spreads just below its source. A node keeps its row busy for
 * {@link LAYOUT.labelWidth} at least, so its label never runs into the next node.
 *
 * All edge kinds (data, waitFor, nesting) count as dependencies. Cycles (which a flow
 * run cannot have) are broken in creation order.
 *
 * @module
 */
import { RowIndex } from "./row-index.js";

/** World units of the layout (1 unit = 1 CSS pixel at zoom 1). */
export const LAYOUT = {
  /** Distance between two rows. */
  rowHeight: 40,
  /** Height of a node box. */
  nodeHeight: 26,
  /** Room a node keeps on its row for its label, whatever its duration. */
  labelWidth: 150,
  /** Free room after a node on its row. */
  gap: 12,
  /** Width of one dependency level (deps mode). */
  columnWidth: 200,
  /** Width of a wrapped part of a level (deps mode). */
  subColumnWidth: 180,
} as const;

/** How x is chosen. */
export type LayoutMode = "time" | "deps";

/** What the layout needs of the graph (typed arrays, cheap to send to a worker). */
export interface LayoutInput {
  readonly mode: LayoutMode;
  /** Start time of each node (ms since the epoch), NaN when it has not started. */
  readonly start: Float64Array;
  /** End time of each node, NaN when it has not ended. */
  readonly end: Float64Array;
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  /** Where open-ended nodes stop: now for a live run, the run's end otherwise. */
  readonly now: number;
}

/** Where every node and edge goes, in world units. */
export interface GraphLayout {
  readonly mode: LayoutMode;
  readonly count: number;
  /** Left edge of each node. */
  readonly x: Float64Array;
  /** Drawn width of each node. */
  readonly w: Float64Array;
  /** Width each node keeps on its row (≥ w, room for the label). */
  readonly span: Float64Array;
  /** Row of each node; its top is `row * LAYOUT.rowHeight`. */
  readonly row: Int32Array;
  /** Dependency level of each node. */
  readonly level: Int32Array;
  readonly rowCount: number;
  /** Nodes by row, each row sorted by x: row r is `rowNodes[rowOffsets[r] .. rowOffsets[r+1])`. */
  readonly rowOffsets: Int32Array;
  readonly rowNodes: Int32Array;
  /** Per edge, 4 numbers: x1, y1, x2, y2 (from the upstream to the downstream node). */
  readonly edgeLines: Float32Array;
  /** Per edge: 0 a forward curve (right side → left side), 1 an elbow (overlap in time). */
  readonly edgeShape: Uint8Array;
  readonly width: number;
  readonly height: number;
  /** Time at x = 0 and world units per ms (time mode; 0 and 0 in deps mode). */
  readonly t0: number;
  readonly scale: number;
}

/** Width the whole run gets at zoom 1 in time mode, for `n` nodes. */
export function targetWidth(n: number): number {
  return Math.min(60_000, Math.max(1200, 160 * Math.sqrt(n)));
}

/** The largest power of two ≤ `value` (for a scale that changes only when the span doubles). */
export function powerOfTwoFloor(value: number): number {
  if (!(value > 0) || !Number.isFinite(value)) return 1;
  return 2 ** Math.floor(Math.log2(value));
}

interface Adjacency {
  readonly offsets: Int32Array;
  readonly items: Int32Array;
}

/** Compressed adjacency lists: for each node, the edge indices keyed by `key`. */
function adjacency(n: number, key: Int32Array): Adjacency {
  const offsets = new Int32Array(n + 1);
  for (let e = 0; e < key.length; e++) offsets[(key[e] ?? 0) + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, n);
  const items = new Int32Array(key.length);
  for (let e = 0; e < key.length; e++) items[fill[key[e]!]!++] = e;
  return { offsets, items };
}

/** Topological order (Kahn, ties in creation order); nodes on a cycle follow in creation order. */
export function topologicalOrder(n: number, edgeFrom: Int32Array, edgeTo: Int32Array): Int32Array {
  const out = adjacency(n, edgeFrom);
  const indegree = new Int32Array(n);
  for (let e = 0; e < edgeTo.length; e++) indegree[edgeTo[e]!]!++;
  const order = new Int32Array(n);
  const done = new Uint8Array(n);
  let head = 0;
  let tail = 0;
  let next = 0;
  while (tail < n) {
    if (head === tail) {
      // Seed the queue: the next root in creation order, or (on a cycle) the next node left.
      while (next < n && (done[next] === 1 || indegree[next]! > 0)) next++;
      let seed = next;
      if (seed >= n) {
        seed = 0;
        while (done[seed] === 1) seed++;
      }
      done[seed] = 1;
      order[tail++] = seed;
    }
    const v = order[head++]!;
    for (let i = out.offsets[v]!; i < out.offsets[v + 1]!; i++) {
      const w = edgeTo[out.items[i]!]!;
      if (done[w] === 1) continue;
      if (--indegree[w]! === 0) {
        done[w] = 1;
        order[tail++] = w;
      }
    }
  }
  return order;
}

/** Shared inputs of one placement pass. */
interface Pass {
  readonly input: LayoutInput;
  readonly incoming: Adjacency;
  readonly order: Int32Array;
  /** Position of each node in `order`. */
  readonly position: Int32Array;
  readonly t0: number;
  readonly frontier: number;
}

/** Where nodes go at one time scale: x, widths, levels and rows. */
interface Placement {
  readonly x: Float64Array;
  readonly w: Float64Array;
  readonly span: Float64Array;
  readonly level: Int32Array;
  readonly row: Int32Array;
  readonly rowCount: number;
  readonly byX: number[];
  readonly width: number;
}

/** Places every node at `scale` (world units per ms; unused in deps mode). */
function place(pass: Pass, scale: number): Placement {
  const { input, incoming, order, position, t0, frontier } = pass;
  const { mode, start, end, edgeFrom, now } = input;
  const { nodeHeight, labelWidth, gap, columnWidth } = LAYOUT;
  const n = start.length;
  const level = new Int32Array(n);
  const x = new Float64Array(n);
  const w = new Float64Array(n);
  const span = new Float64Array(n);
  const frontierX = (frontier - t0) * scale;

  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    let lv = 0;
    let after = 0;
    for (let k = incoming.offsets[v]!; k < incoming.offsets[v + 1]!; k++) {
      const u = edgeFrom[incoming.items[k]!]!;
      if (position[u]! >= i) continue; // a cycle's back edge
      if (level[u]! + 1 > lv) lv = level[u]! + 1;
      const uEnd = x[u]! + span[u]! + gap;
      if (uEnd > after) after = uEnd;
    }
    level[v] = lv;
    if (mode === "deps") {
      w[v] = columnWidth - 2 * gap - 10;
    } else if (Number.isNaN(start[v]!)) {
      x[v] = Math.max(after, frontierX);
      w[v] = nodeHeight;
    } else {
      const s = start[v]!;
      const e = Number.isNaN(end[v]!) ? Math.max(now, s) : end[v]!;
      x[v] = (s - t0) * scale;
      w[v] = Math.max((e - s) * scale, nodeHeight);
    }
    span[v] = Math.max(w[v], mode === "deps" ? w[v] : labelWidth);
  }
  if (mode === "deps") placeColumns(order, level, x);

  // Rows: greedy in x order (ties in topological order), nearest free row to the primary upstream.
  const byX = Array.from(order);
  byX.sort((a, b) => x[a]! - x[b]! || position[a]! - position[b]!);
  const row = new Int32Array(n).fill(-1);
  const rows = new RowIndex();
  for (const v of byX) {
    let wanted = 0;
    let lastEnd = Number.NEGATIVE_INFINITY;
    for (let k = incoming.offsets[v]!; k < incoming.offsets[v + 1]!; k++) {
      const u = edgeFrom[incoming.items[k]!]!;
      if (row[u]! < 0) continue;
      const uEnd = x[u]! + w[u]!;
      if (uEnd > lastEnd) {
        lastEnd = uEnd;
        wanted = row[u]!;
      }
    }
    const r = rows.nearestFree(wanted, x[v]!);
    row[v] = r;
    rows.occupy(r, x[v]! + span[v]! + gap);
  }
  let width = 0;
  for (let v = 0; v < n; v++) width = Math.max(width, x[v]! + span[v]!);
  return { x, w, span, level, row, rowCount: rows.rowCount, byX, width };
}

/**
 * Deps mode: one column per level, and a level of more than {@link columnRows} nodes (a
 * fan-out) wrapped into several narrower-spaced sub-columns, so 10,000 mapped tasks make
 * a block instead of one column 10,000 rows tall.
 */
function placeColumns(order: Int32Array, level: Int32Array, x: Float64Array): void {
  const n = order.length;
  const { columnWidth, subColumnWidth } = LAYOUT;
  const limit = columnRows(n);
  let levels = 0;
  for (let v = 0; v < n; v++) levels = Math.max(levels, level[v]! + 1);
  const counts = new Int32Array(levels);
  for (let v = 0; v < n; v++) counts[level[v]!]!++;
  const offsets = new Float64Array(levels);
  for (let l = 1; l < levels; l++) {
    const subColumns = Math.ceil(counts[l - 1]! / limit);
    offsets[l] = offsets[l - 1]! + (subColumns - 1) * subColumnWidth + columnWidth;
  }
  const seen = new Int32Array(levels);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    const l = level[v]!;
    x[v] = offsets[l]! + Math.floor(seen[l]!++ / limit) * subColumnWidth;
  }
}

/** Most nodes a dependency level stacks in one column before wrapping. */
export function columnRows(n: number): number {
  return Math.max(64, Math.ceil(2 * Math.sqrt(n)));
}

/** A time layout taller than this fraction of its width is laid out again, wider. */
export const MAX_ASPECT = 0.6;
/** The height / width a wider second pass aims at. */
const TARGET_ASPECT = 0.35;
/** How much wider than the first pass a second pass may be. */
const MAX_WIDENING = 64;

/** Computes the layout. Pure; safe to call in a worker or in tests. */
export function computeLayout(input: LayoutInput): GraphLayout {
  const { mode, start, end, edgeFrom, edgeTo, now } = input;
  const n = start.length;
  const { rowHeight, nodeHeight } = LAYOUT;
  const incoming = adjacency(n, edgeTo);
  const order = topologicalOrder(n, edgeFrom, edgeTo);
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) position[order[i]!] = i;

  // Time scale: the run's span mapped to a width that grows with the node count.
  let t0 = Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  for (let v = 0; v < n; v++) {
    const s = start[v]!;
    if (Number.isNaN(s)) continue;
    if (s < t0) t0 = s;
    const e = Number.isNaN(end[v]!) ? Math.max(now, s) : end[v]!;
    if (e > latest) latest = e;
  }
  const timed = Number.isFinite(t0);
  if (!timed) t0 = now;
  const frontier = timed ? Math.max(latest, now) : now;
  const pass: Pass = { input, incoming, order, position, t0, frontier };
  let scale = mode === "time" ? powerOfTwoFloor(targetWidth(n) / Math.max(frontier - t0, 1)) : 0;
  let placed = place(pass, scale);
  // Many short runs at once stack up into tall rows (each keeps room for its label): the
  // height shrinks and the width grows with the scale, so one wider pass evens them out.
  const aspect = (placed.rowCount * rowHeight) / Math.max(placed.width, 1);
  if (mode === "time" && aspect > MAX_ASPECT) {
    const wider = Math.min(2 ** Math.ceil(Math.log2(Math.sqrt(aspect / TARGET_ASPECT))), MAX_WIDENING);
    scale *= wider;
    placed = place(pass, scale);
  }
  const { x, w, span, level, row, rowCount, byX, width } = placed;

  // Index: nodes per row in x order (a counting sort that keeps the x order).
  const rowOffsets = new Int32Array(rowCount + 1);
  for (let v = 0; v < n; v++) rowOffsets[row[v]! + 1]!++;
  for (let r = 0; r < rowCount; r++) rowOffsets[r + 1]! += rowOffsets[r]!;
  const fill = rowOffsets.slice(0, rowCount);
  const rowNodes = new Int32Array(n);
  for (const v of byX) rowNodes[fill[row[v]!]!++] = v;

  const edgeLines = new Float32Array(edgeFrom.length * 4);
  const edgeShape = new Uint8Array(edgeFrom.length);
  const half = nodeHeight / 2;
  for (let e = 0; e < edgeFrom.length; e++) {
    const u = edgeFrom[e]!;
    const v = edgeTo[e]!;
    const x1 = x[u]! + w[u]!;
    const x2 = x[v]!;
    const y2 = row[v]! * rowHeight + half;
    if (x2 >= x1) {
      edgeLines[e * 4] = x1;
      edgeLines[e * 4 + 1] = row[u]! * rowHeight + half;
    } else {
      // The downstream node starts before its upstream ends (nesting): drop from the
      // upstream's bottom (or top), straight down (or up), into the downstream's left side.
      edgeLines[e * 4] = Math.min(Math.max(x2 - 6, x[u]! + 2), x1);
      edgeLines[e * 4 + 1] = row[u]! * rowHeight + (row[v]! >= row[u]! ? nodeHeight : 0);
      edgeShape[e] = 1;
    }
    edgeLines[e * 4 + 2] = x2;
    edgeLines[e * 4 + 3] = y2;
  }

  return {
    mode,
    count: n,
    x,
    w,
    span,
    row,
    level,
    rowCount,
    rowOffsets,
    rowNodes,
    edgeLines,
    edgeShape,
    width,
    height: rowCount === 0 ? 0 : (rowCount - 1) * rowHeight + nodeHeight,
    t0: mode === "time" ? t0 : 0,
    scale,
  };
}

/** The layout input of a model's nodes: start/end times as typed arrays (NaN when unknown). */
export function layoutTimes(
  nodes: readonly { readonly start: number | null; readonly end: number | null }[],
): { start: Float64Array; end: Float64Array } {
  const start = new Float64Array(nodes.length);
  const end = new Float64Array(nodes.length);
  nodes.forEach((node, i) => {
    start[i] = node.start ?? Number.NaN;
    end[i] = node.end ?? Number.NaN;
  });
  return { start, end };
}
