/**
 * The layout Web Worker: computes {@link computeLayout} off the main thread and sends the
 * typed arrays back without copying them.
 *
 * @module
 */
import { computeLayout, type GraphLayout, type LayoutInput } from "./layout.js";

/** A request: the layout of `input`, answered with the same `id`. */
export interface LayoutRequest {
  readonly id: number;
  readonly input: LayoutInput;
}

/** The answer to a {@link LayoutRequest}. */
export interface LayoutResponse {
  readonly id: number;
  readonly layout: GraphLayout;
}

/** The buffers of a layout, moved (not copied) to the receiver. */
export function layoutTransfer(layout: GraphLayout): Transferable[] {
  return [
    layout.x,
    layout.w,
    layout.span,
    layout.row,
    layout.level,
    layout.rowOffsets,
    layout.rowNodes,
    layout.edgeLines,
    layout.edgeShape,
  ].map((array) => array.buffer as ArrayBuffer);
}

self.addEventListener("message", (event: MessageEvent<LayoutRequest>) => {
  const layout = computeLayout(event.data.input);
  const response: LayoutResponse = { id: event.data.id, layout };
  self.postMessage(response, { transfer: layoutTransfer(layout) });
});
