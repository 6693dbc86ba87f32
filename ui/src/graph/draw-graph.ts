/**
 * Draws the run graph on a canvas for one viewport: only what is on screen, at the level
 * of detail the zoom allows (see `lod.ts`). Nodes are batched by colour (one path and one
 * fill per colour), edges by kind.
 *
 * @module
 */
import { STATE_PRIORITY, type CanvasPalette } from "./canvas-palette.js";
import { visibleEdges, visibleNodes } from "./culling.js";
import { EDGE_PARENT, EDGE_WAIT } from "./graph-model.js";
import { fitLabel, type GraphScene } from "./graph-scene.js";
import { LAYOUT } from "./layout.js";
import { edgeDetail, graphDetail, type EdgeDetail } from "./lod.js";
import { packRgba } from "./pixel-raster.js";
import { visibleWorld, type Size, type Viewport } from "./viewport.js";

/** The label font (labels are drawn at one size whatever the zoom). */
export const LABEL_FONT = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Colours of one frame. */
export interface GraphColors {
  readonly palette: CanvasPalette;
  /** Fill by colour index. */
  readonly fills: readonly string[];
  /** The fills as packed RGBA pixels, and the background, for the pixel grid. */
  readonly packedFills: Uint32Array;
  readonly packedBackground: number;
}

/** The colours of a palette and state fills, packed for every drawing path. */
export function graphColors(palette: CanvasPalette, fills: readonly string[]): GraphColors {
  return {
    palette,
    fills,
    packedFills: Uint32Array.from(fills, packRgba),
    packedBackground: packRgba(palette.background),
  };
}

/** What one frame drew, for tests and the benchmark. */
export interface GraphFrameStats {
  readonly nodes: number;
  readonly edges: number;
  readonly edgeDetail: EdgeDetail;
  readonly labels: boolean;
}

/** Draws the scene; `hovered` (a node index or -1) is outlined. */
export function drawGraph(
  ctx: CanvasRenderingContext2D,
  scene: GraphScene,
  view: Viewport,
  size: Size,
  colors: GraphColors,
  hovered: number,
): GraphFrameStats {
  const { palette, fills } = colors;
  const { layout, model } = scene;
  const box = visibleWorld(view, size);
  const count = visibleNodes(layout, box, scene.visible);
  const detail = graphDetail(view.kx, count);
  const { kx, ky, tx, ty } = view;
  const nodeH = Math.max(1, LAYOUT.nodeHeight * ky);
  if (detail.raster) {
    paintPixels(ctx, scene, view, colors, count);
    outline(ctx, scene, view, hovered, palette);
    return { nodes: count, edges: 0, edgeDetail: "none", labels: false };
  }
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, size.width, size.height);

  // Edges first, under the nodes.
  let edges = 0;
  let shownEdges: EdgeDetail = "none";
  if (detail.edges !== "none") {
    edges = visibleEdges(layout, box, scene.edges);
    shownEdges = edgeDetail(detail.edges, edges);
    if (shownEdges !== "none") drawEdges(ctx, scene, view, edges, shownEdges, palette);
  }

  // Nodes, colour by colour. Small on screen they are whole-pixel rectangles (fillRect,
  // no anti-aliased path), and the nodes of a row that touch merge into one: at fit,
  // 10,000 nodes make a few hundred rectangles. Close up, one rounded path per colour.
  const visible = scene.visible;
  for (let c = 0; c < fills.length; c++) {
    if (scene.colorCounts[c] === 0) continue;
    ctx.fillStyle = fills[c]!;
    if (detail.rounded) {
      ctx.beginPath();
      let any = false;
      for (let i = 0; i < count; i++) {
        const v = visible[i]!;
        if (scene.colors[v] !== c) continue;
        const sw = Math.max(1, layout.w[v]! * kx);
        ctx.roundRect(
          layout.x[v]! * kx + tx,
          layout.row[v]! * LAYOUT.rowHeight * ky + ty,
          sw,
          nodeH,
          Math.min(4, sw / 2),
        );
        any = true;
      }
      if (any) ctx.fill();
      continue;
    }
    const h = Math.max(1, Math.round(nodeH));
    let runRow = -1;
    let runLeft = 0;
    let runRight = 0;
    let runTop = 0;
    for (let i = 0; i < count; i++) {
      const v = visible[i]!;
      if (scene.colors[v] !== c) continue;
      const sx = layout.x[v]! * kx + tx;
      const left = Math.floor(sx);
      const right = Math.max(left + 1, Math.round(sx + layout.w[v]! * kx));
      if (layout.row[v] === runRow && left <= runRight) {
        if (right > runRight) runRight = right;
        continue;
      }
      if (runRow >= 0) ctx.fillRect(runLeft, runTop, runRight - runLeft, h);
      runRow = layout.row[v]!;
      runLeft = left;
      runRight = right;
      runTop = Math.round(runRow * LAYOUT.rowHeight * ky + ty);
    }
    if (runRow >= 0) ctx.fillRect(runLeft, runTop, runRight - runLeft, h);
  }

  if (detail.labels) {
    // Labels grow a little with the zoom; widths are measured once at 12 px and scaled.
    const fontPx = Math.min(16, Math.max(12, nodeH * 0.42));
    const fontScale = fontPx / 12;
    ctx.font = LABEL_FONT;
    for (let i = 0; i < count; i++) {
      const v = visible[i]!;
      if (Number.isNaN(scene.labelWidths[v]!))
        scene.labelWidths[v] = ctx.measureText(model.nodes[v]!.name).width;
    }
    ctx.font = fontPx === 12 ? LABEL_FONT : LABEL_FONT.replace("12px", `${fontPx.toFixed(1)}px`);
    ctx.textBaseline = "middle";
    ctx.lineWidth = 1.5;
    for (let i = 0; i < count; i++) {
      const v = visible[i]!;
      const node = model.nodes[v]!;
      const sx = layout.x[v]! * kx + tx;
      const sy = layout.row[v]! * LAYOUT.rowHeight * ky + ty;
      const sw = Math.max(1, layout.w[v]! * kx);
      if (node.kind === "flow" || node.start === null) {
        // Subflows get a frame; nodes that have not started, a dashed one.
        ctx.setLineDash(node.start === null ? [3, 3] : []);
        ctx.strokeStyle = palette.text;
        ctx.strokeRect(sx + 0.75, sy + 0.75, sw - 1.5, nodeH - 1.5);
        ctx.setLineDash([]);
      }
      const width = scene.labelWidths[v]! * fontScale;
      const name = node.name;
      if (width + 12 <= sw) {
        ctx.fillStyle = palette.onFill;
        ctx.fillText(name, sx + 6, sy + nodeH / 2);
      } else {
        const room = layout.span[v]! * kx - sw - 8;
        const text = fitLabel(name, width, room);
        if (text !== "") {
          ctx.fillStyle = palette.text;
          ctx.fillText(text, sx + sw + 5, sy + nodeH / 2);
        }
      }
    }
  }

  outline(ctx, scene, view, hovered, palette);
  return { nodes: count, edges, edgeDetail: shownEdges, labels: detail.labels };
}

/** Outlines the hovered node. */
function outline(
  ctx: CanvasRenderingContext2D,
  scene: GraphScene,
  view: Viewport,
  hovered: number,
  palette: CanvasPalette,
): void {
  const { layout } = scene;
  if (hovered < 0 || hovered >= layout.count) return;
  const nodeH = Math.max(1, LAYOUT.nodeHeight * view.ky);
  const sx = layout.x[hovered]! * view.kx + view.tx;
  const sy = layout.row[hovered]! * LAYOUT.rowHeight * view.ky + view.ty;
  ctx.strokeStyle = palette.highlight;
  ctx.lineWidth = 2;
  ctx.strokeRect(sx - 2, sy - 2, Math.max(1, layout.w[hovered]! * view.kx) + 4, nodeH + 4);
}

/** The lowest level of detail: the visible nodes painted into one device-pixel image. */
function paintPixels(
  ctx: CanvasRenderingContext2D,
  scene: GraphScene,
  view: Viewport,
  colors: GraphColors,
  count: number,
): void {
  const { layout, raster } = scene;
  const width = ctx.canvas.width;
  const height = ctx.canvas.height;
  const ratio = ctx.getTransform().a || 1;
  raster.reset(width, height);
  const kx = view.kx * ratio;
  const ky = view.ky * ratio;
  const tx = view.tx * ratio;
  const ty = view.ty * ratio;
  const h = LAYOUT.nodeHeight * ky;
  for (let i = 0; i < count; i++) {
    const v = scene.visible[i]!;
    const x0 = layout.x[v]! * kx + tx;
    const y0 = layout.row[v]! * LAYOUT.rowHeight * ky + ty;
    raster.paint(x0, y0, x0 + layout.w[v]! * kx, y0 + h, scene.colors[v]!, STATE_PRIORITY);
  }
  let image = scene.image.data;
  if (image === undefined || image.width !== width || image.height !== height) {
    image = ctx.createImageData(width, height);
    scene.image.data = image;
  }
  raster.toPixels(new Uint32Array(image.data.buffer), colors.packedFills, colors.packedBackground);
  ctx.putImageData(image, 0, 0);
}

function drawEdges(
  ctx: CanvasRenderingContext2D,
  scene: GraphScene,
  view: Viewport,
  count: number,
  detail: EdgeDetail,
  palette: CanvasPalette,
): void {
  const { layout, model } = scene;
  const lines = layout.edgeLines;
  const { kx, ky, tx, ty } = view;
  ctx.strokeStyle = palette.edge;
  ctx.lineWidth = detail === "thin" ? 0.75 : 1.25;
  // Data edges solid, waitFor dashed, nesting dotted: one stroke per kind.
  for (const kind of [0, EDGE_WAIT, EDGE_PARENT]) {
    ctx.setLineDash(kind === EDGE_WAIT ? [5, 4] : kind === EDGE_PARENT ? [2, 3] : []);
    ctx.beginPath();
    let any = false;
    for (let i = 0; i < count; i++) {
      const e = scene.edges[i]!;
      if (model.edgeKind[e] !== kind) continue;
      const x1 = lines[e * 4]! * kx + tx;
      const y1 = lines[e * 4 + 1]! * ky + ty;
      const x2 = lines[e * 4 + 2]! * kx + tx;
      const y2 = lines[e * 4 + 3]! * ky + ty;
      ctx.moveTo(x1, y1);
      if (layout.edgeShape[e] === 1) {
        ctx.lineTo(x1, y2);
        ctx.lineTo(x2, y2);
      } else if (detail === "thin") {
        ctx.lineTo(x2, y2);
      } else {
        const bend = Math.max(Math.abs(x2 - x1) / 2, 12);
        ctx.bezierCurveTo(x1 + bend, y1, x2 - bend, y2, x2, y2);
      }
      any = true;
    }
    if (any) ctx.stroke();
  }
  ctx.setLineDash([]);
  if (detail !== "full") return;
  // Arrow heads where edges enter their node.
  ctx.fillStyle = palette.edge;
  ctx.beginPath();
  for (let i = 0; i < count; i++) {
    const e = scene.edges[i]!;
    const x2 = lines[e * 4 + 2]! * kx + tx;
    const y2 = lines[e * 4 + 3]! * ky + ty;
    ctx.moveTo(x2, y2);
    ctx.lineTo(x2 - 6, y2 - 3.5);
    ctx.lineTo(x2 - 6, y2 + 3.5);
    ctx.closePath();
  }
  ctx.fill();
}
