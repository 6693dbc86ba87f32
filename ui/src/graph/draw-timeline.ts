/**
 * Draws the timeline (Gantt) for one viewport: the visible rows only (O(rows on screen)),
 * bars batched by colour, labels beside their bars, a time axis on top with ticks as
 * offsets from the run's start, and a "now" line while the run is live.
 *
 * @module
 */
import { LABEL_FONT, type GraphColors } from "./draw-graph.js";
import type { GraphModel } from "./graph-model.js";
import { fitLabel } from "./graph-scene.js";
import { formatOffset, tickStep, ticksBetween } from "./time-axis.js";
import { barOf, TIMELINE, timelineRows, type TimelineModel } from "./timeline-model.js";
import { visibleWorld, type Size, type Viewport } from "./viewport.js";

/** A timeline ready to draw. */
export interface TimelineScene {
  readonly model: GraphModel;
  readonly timeline: TimelineModel;
  /** Colour index of each node. */
  readonly colors: Uint8Array;
  /** When tick labels read 0 (the run's start), ms since the epoch. */
  readonly origin: number;
  /** Label width of each node, NaN until measured. */
  readonly labelWidths: Float32Array;
}

/** Draws the timeline; `now` is where running bars end, `hovered` a row or -1. */
export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  scene: TimelineScene,
  view: Viewport,
  size: Size,
  colors: GraphColors,
  hovered: number,
  now: number,
  live: boolean,
): number {
  const { palette, fills } = colors;
  const { model, timeline } = scene;
  const { kx, tx, ty } = view;
  const { rowHeight, barHeight, axisHeight } = TIMELINE;
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, size.width, size.height);

  const box = visibleWorld(view, { width: size.width, height: size.height });
  const rows = timelineRows(timeline.order.length, box.y0 + axisHeight / view.ky, box.y1);
  const rowTop = (r: number) => r * rowHeight + ty;

  // Stripes and the hovered row.
  ctx.fillStyle = palette.stripe;
  for (let r = rows.first; r <= rows.last; r++)
    if (r % 2 === 1) ctx.fillRect(0, rowTop(r), size.width, rowHeight);
  if (hovered >= rows.first && hovered <= rows.last) {
    ctx.fillStyle = palette.grid;
    ctx.fillRect(0, rowTop(hovered), size.width, rowHeight);
  }

  // Grid lines at the ticks.
  const step = tickStep(kx);
  const shift = timeline.t0 - scene.origin;
  const ticks = ticksBetween(box.x0 + shift, box.x1 + shift, step);
  ctx.strokeStyle = palette.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const tick of ticks) {
    const sx = Math.round((tick - shift) * kx + tx) + 0.5;
    ctx.moveTo(sx, axisHeight);
    ctx.lineTo(sx, size.height);
  }
  ctx.stroke();

  // Bars, colour by colour, as whole-pixel rectangles.
  const pad = (rowHeight - barHeight) / 2;
  for (let c = 0; c < fills.length; c++) {
    ctx.fillStyle = fills[c]!;
    for (let r = rows.first; r <= rows.last; r++) {
      const v = timeline.order[r]!;
      if (scene.colors[v] !== c) continue;
      const bar = barOf(model.nodes[v]!, timeline.t0, now);
      if (bar === undefined) continue;
      const x0 = Math.round(bar.x0 * kx + tx);
      const x1 = Math.max(x0 + 2, Math.round(bar.x1 * kx + tx));
      if (x1 < 0 || x0 > size.width) continue;
      ctx.fillRect(x0, rowTop(r) + pad, x1 - x0, barHeight);
    }
  }

  // Labels: after the bar, or before it when there is no room after, or inside it.
  ctx.font = LABEL_FONT;
  ctx.textBaseline = "middle";
  for (let r = rows.first; r <= rows.last; r++) {
    const v = timeline.order[r]!;
    const node = model.nodes[v]!;
    let width = scene.labelWidths[v]!;
    if (Number.isNaN(width)) {
      width = ctx.measureText(node.name).width;
      scene.labelWidths[v] = width;
    }
    const y = rowTop(r) + rowHeight / 2;
    const bar = barOf(node, timeline.t0, now);
    if (bar === undefined) {
      const x = Math.max(6, (Math.max(now, timeline.t0) - timeline.t0) * kx + tx);
      ctx.fillStyle = palette.muted;
      ctx.fillText(fitLabel(`${node.name} (not started)`, width + 80, size.width - x - 6), x, y);
      continue;
    }
    const x0 = bar.x0 * kx + tx;
    const x1 = Math.max(x0 + 2, bar.x1 * kx + tx);
    if (x1 + 6 + width <= size.width) {
      ctx.fillStyle = palette.text;
      ctx.fillText(node.name, Math.max(x1 + 6, 6), y);
    } else if (x0 - 6 - width >= 0) {
      ctx.fillStyle = palette.text;
      ctx.fillText(node.name, x0 - 6 - width, y);
    } else {
      const left = Math.max(x0, 0) + 6;
      const room = Math.min(x1, size.width) - left - 6;
      const text = fitLabel(node.name, width, room);
      if (text !== "") {
        ctx.fillStyle = palette.onFill;
        ctx.fillText(text, left, y);
      }
    }
  }

  // The live edge.
  if (live) {
    const sx = Math.round((now - timeline.t0) * kx + tx) + 0.5;
    if (sx >= 0 && sx <= size.width) {
      ctx.strokeStyle = palette.now;
      ctx.setLineDash([4, 3]);
      ctx.beginPath();
      ctx.moveTo(sx, axisHeight);
      ctx.lineTo(sx, size.height);
      ctx.stroke();
      ctx.setLineDash([]);
    }
  }

  // Where the rows on screen are among all rows (the rows scroll; there is no scroll bar).
  const total = timeline.order.length;
  const track = size.height - axisHeight - 8;
  const shown = (size.height - axisHeight) / rowHeight;
  if (total > shown && track > 20) {
    const thumb = Math.max(16, (track * shown) / total);
    const top = axisHeight + 4 + ((track - thumb) * Math.max(0, rows.first)) / Math.max(1, total - shown);
    ctx.fillStyle = palette.muted;
    ctx.globalAlpha = 0.5;
    ctx.beginPath();
    ctx.roundRect(size.width - 6, Math.min(top, axisHeight + 4 + track - thumb), 4, thumb, 2);
    ctx.fill();
    ctx.globalAlpha = 1;
  }

  // The axis on top.
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, size.width, axisHeight);
  ctx.strokeStyle = palette.grid;
  ctx.beginPath();
  ctx.moveTo(0, axisHeight - 0.5);
  ctx.lineTo(size.width, axisHeight - 0.5);
  ctx.stroke();
  ctx.fillStyle = palette.muted;
  ctx.textBaseline = "middle";
  for (const tick of ticks) {
    const sx = (tick - shift) * kx + tx;
    ctx.fillText(formatOffset(tick, step), sx + 4, axisHeight / 2);
  }
  return rows.last - rows.first + 1;
}
