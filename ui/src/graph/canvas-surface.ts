/**
 * A `<canvas>` that draws on demand: its backing store follows the element's size and
 * the device pixel ratio, `invalidate()` asks for one frame (at most one per animation
 * frame, none while nothing changed), and each frame's draw time is recorded with the
 * Performance API as a `performance.measure(name)` entry, which the e2e suite and the
 * benchmark read.
 *
 * @module
 */
import type { Size } from "./viewport.js";

/** Draws one frame; the context is scaled so that 1 unit = 1 CSS pixel. */
export type DrawFrame = (ctx: CanvasRenderingContext2D, size: Size) => void;

/** Measures kept before the oldest are cleared (a long session must not grow forever). */
const MAX_MEASURES = 10_000;

/** A canvas that redraws through `requestAnimationFrame` only when told something changed. */
export class CanvasSurface {
  readonly #canvas: HTMLCanvasElement;
  readonly #ctx: CanvasRenderingContext2D;
  readonly #measure: string;
  readonly #resize: ResizeObserver;
  #draw: DrawFrame;
  #size: Size = { width: 0, height: 0 };
  #ratio = 1;
  #frame = 0;
  #measures = 0;
  #onResize: ((size: Size) => void) | undefined;

  constructor(canvas: HTMLCanvasElement, measureName: string, draw: DrawFrame) {
    const ctx = canvas.getContext("2d", { alpha: false });
    if (ctx === null) throw new Error("this browser cannot draw on a canvas");
    this.#canvas = canvas;
    this.#ctx = ctx;
    this.#measure = measureName;
    this.#draw = draw;
    this.#resize = new ResizeObserver(() => this.#fit());
    this.#resize.observe(canvas);
    this.#fit();
  }

  /** The canvas size in CSS pixels. */
  get size(): Size {
    return this.#size;
  }

  /** Called after the canvas changed size (before the next frame). */
  set onResize(listener: ((size: Size) => void) | undefined) {
    this.#onResize = listener;
  }

  /** Asks for a frame; several calls before it is drawn make one frame. */
  invalidate(): void {
    if (this.#frame !== 0) return;
    this.#frame = requestAnimationFrame(() => {
      this.#frame = 0;
      this.#paint();
    });
  }

  /** Stops observing and drops a pending frame. */
  dispose(): void {
    this.#resize.disconnect();
    if (this.#frame !== 0) cancelAnimationFrame(this.#frame);
    this.#frame = 0;
  }

  #fit(): void {
    const rect = this.#canvas.getBoundingClientRect();
    const ratio = window.devicePixelRatio || 1;
    const size = { width: rect.width, height: rect.height };
    const changed =
      size.width !== this.#size.width || size.height !== this.#size.height || ratio !== this.#ratio;
    if (!changed) return;
    this.#size = size;
    this.#ratio = ratio;
    this.#canvas.width = Math.max(1, Math.round(size.width * ratio));
    this.#canvas.height = Math.max(1, Math.round(size.height * ratio));
    this.#onResize?.(size);
    this.invalidate();
  }

  #paint(): void {
    if ((window.devicePixelRatio || 1) !== this.#ratio) this.#fit();
    if (this.#size.width === 0 || this.#size.height === 0) return;
    const start = performance.now();
    const ctx = this.#ctx;
    ctx.setTransform(this.#ratio, 0, 0, this.#ratio, 0, 0);
    this.#draw(ctx, this.#size);
    const end = performance.now();
    if (++this.#measures > MAX_MEASURES) {
      performance.clearMeasures(this.#measure);
      this.#measures = 1;
    }
    performance.measure(this.#measure, { start, end });
  }

  /** Replaces the draw function and asks for a frame. */
  setDraw(draw: DrawFrame): void {
    this.#draw = draw;
    this.invalidate();
  }
}
