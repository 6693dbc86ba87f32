/**
 * Everything the graph renderer needs, built once per layout: the model and its layout,
 * each node's colour index, reusable buffers for the visible nodes and edges, and cached
 * label widths. Pure (no canvas).
 *
 * @module
 */
import { stateColorIndex } from "./canvas-palette.js";
import type { GraphModel } from "./graph-model.js";
import type { GraphLayout } from "./layout.js";
import { PixelRaster } from "./pixel-raster.js";

/** A laid-out graph ready to draw. */
export interface GraphScene {
  readonly model: GraphModel;
  readonly layout: GraphLayout;
  /** Colour index of each node (into `STATE_KEYS`). */
  readonly colors: Uint8Array;
  /** How many nodes have each colour index. */
  readonly colorCounts: Int32Array;
  /** Scratch space for the visible nodes of a frame. */
  readonly visible: Int32Array;
  /** Scratch space for the visible edges of a frame. */
  readonly edges: Int32Array;
  /** Label width of each node at the label font, NaN until measured. */
  readonly labelWidths: Float32Array;
  /** Scratch pixel grid and image for the lowest level of detail. */
  readonly raster: PixelRaster;
  readonly image: { data: ImageData | undefined };
}

/** Each node's colour index, and how many nodes have each. */
export function nodeColors(model: GraphModel): { colors: Uint8Array; colorCounts: Int32Array } {
  const colors = new Uint8Array(model.nodes.length);
  const colorCounts = new Int32Array(16);
  model.nodes.forEach((node, i) => {
    const color = stateColorIndex(node.stateName, node.stateType);
    colors[i] = color;
    colorCounts[color]!++;
  });
  return { colors, colorCounts };
}

/** Builds the scene of a laid-out model. */
export function buildScene(model: GraphModel, layout: GraphLayout): GraphScene {
  return {
    model,
    layout,
    ...nodeColors(model),
    visible: new Int32Array(model.nodes.length),
    edges: new Int32Array(model.edgeFrom.length),
    labelWidths: new Float32Array(model.nodes.length).fill(Number.NaN),
    raster: new PixelRaster(),
    image: { data: undefined },
  };
}

/** `text` cut to about `maxPx` pixels with an ellipsis, given its full width. */
export function fitLabel(text: string, fullPx: number, maxPx: number): string {
  if (fullPx <= maxPx) return text;
  if (maxPx < 14) return "";
  const keep = Math.floor((text.length * (maxPx - 8)) / fullPx);
  return keep <= 0 ? "" : `${text.slice(0, keep)}…`;
}
