/**
 * Level of detail: what the graph draws at a zoom level. Small on screen → plain
 * rectangles, batched by colour, no labels, no edges (past {@link RASTER_FROM} nodes,
 * painted into one image); medium → rectangles with thin
 * straight edges; close → rounded boxes, labels and curved edges with arrows. Pure.
 *
 * @module
 */
import { LAYOUT } from "./layout.js";

/** How edges are drawn. */
export type EdgeDetail = "none" | "thin" | "full";

/** What to draw at the current zoom. */
export interface GraphDetail {
  /** Paint nodes into a pixel grid (one image) instead of one rectangle each. */
  readonly raster: boolean;
  readonly labels: boolean;
  readonly rounded: boolean;
  readonly edges: EdgeDetail;
}

/** Node height on screen (px) under which nodes are plain rectangles with no edges. */
export const PLAIN_BELOW_PX = 7;
/** Node height on screen (px) from which labels and curved edges are drawn. */
export const DETAIL_FROM_PX = 15;
/** More visible nodes than this: no labels, whatever the zoom. */
export const MAX_LABELS = 2500;
/** More visible edges than this: thin straight lines; more than {@link MAX_THIN_EDGES}: none. */
export const MAX_CURVED_EDGES = 2000;
/** Beyond this many visible edges, edges are not drawn at all. */
export const MAX_THIN_EDGES = 30_000;

/** More visible nodes than this, small on screen: painted into a pixel grid. */
export const RASTER_FROM = 5_000;

/** Decides what to draw at scale `k` (screen px per world unit). */
export function graphDetail(k: number, visibleNodeCount: number): GraphDetail {
  const nodePx = LAYOUT.nodeHeight * k;
  if (nodePx < PLAIN_BELOW_PX) {
    return { raster: visibleNodeCount > RASTER_FROM, labels: false, rounded: false, edges: "none" };
  }
  if (nodePx < DETAIL_FROM_PX || visibleNodeCount > MAX_LABELS) {
    return { raster: false, labels: false, rounded: false, edges: "thin" };
  }
  return { raster: false, labels: true, rounded: true, edges: "full" };
}

/** Edge detail once the number of edges on screen is known. */
export function edgeDetail(wanted: EdgeDetail, visibleEdgeCount: number): EdgeDetail {
  if (wanted === "none" || visibleEdgeCount > MAX_THIN_EDGES) return "none";
  if (wanted === "full" && visibleEdgeCount > MAX_CURVED_EDGES) return "thin";
  return wanted;
}
