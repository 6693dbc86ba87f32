import { describe, expect, it } from "vitest";
import { LAYOUT } from "../../src/graph/layout.js";
import {
  DETAIL_FROM_PX,
  edgeDetail,
  graphDetail,
  MAX_CURVED_EDGES,
  MAX_LABELS,
  MAX_THIN_EDGES,
  PLAIN_BELOW_PX,
  RASTER_FROM,
} from "../../src/graph/lod.js";

/** The scale at which a node is `px` pixels tall. */
const at = (px: number) => px / LAYOUT.nodeHeight;

describe("level of detail", () => {
  it("draws plain rectangles, no labels and no edges when nodes are tiny", () => {
    expect(graphDetail(at(PLAIN_BELOW_PX - 0.1), 10)).toEqual({
      raster: false,
      labels: false,
      rounded: false,
      edges: "none",
    });
    expect(graphDetail(at(0.2), 10_000)).toMatchObject({ labels: false, rounded: false, edges: "none" });
  });

  it("adds thin edges but no labels at medium zoom", () => {
    expect(graphDetail(at(PLAIN_BELOW_PX + 0.01), 10)).toEqual({
      raster: false,
      labels: false,
      rounded: false,
      edges: "thin",
    });
    expect(graphDetail(at(DETAIL_FROM_PX - 0.1), 10)).toEqual({
      raster: false,
      labels: false,
      rounded: false,
      edges: "thin",
    });
  });

  it("draws labels, rounded boxes and curved edges close up", () => {
    expect(graphDetail(at(DETAIL_FROM_PX + 0.01), 10)).toEqual({
      raster: false,
      labels: true,
      rounded: true,
      edges: "full",
    });
    expect(graphDetail(3, 10)).toEqual({ raster: false, labels: true, rounded: true, edges: "full" });
  });

  it("drops labels when too many nodes are on screen, whatever the zoom", () => {
    expect(graphDetail(at(40), MAX_LABELS + 1).labels).toBe(false);
    expect(graphDetail(at(40), MAX_LABELS).labels).toBe(true);
  });

  it("thins and then drops edges as more of them are on screen", () => {
    expect(edgeDetail("full", MAX_CURVED_EDGES)).toBe("full");
    expect(edgeDetail("full", MAX_CURVED_EDGES + 1)).toBe("thin");
    expect(edgeDetail("thin", MAX_THIN_EDGES)).toBe("thin");
    expect(edgeDetail("thin", MAX_THIN_EDGES + 1)).toBe("none");
    expect(edgeDetail("none", 1)).toBe("none");
  });
});

describe("the pixel-grid level", () => {
  it("paints thousands of tiny nodes as one image, fewer as rectangles", () => {
    expect(graphDetail(at(1), RASTER_FROM + 1).raster).toBe(true);
    expect(graphDetail(at(1), RASTER_FROM).raster).toBe(false);
    // Big enough to see each node: rectangles, however many.
    expect(graphDetail(at(PLAIN_BELOW_PX + 1), RASTER_FROM * 5).raster).toBe(false);
  });
});
