/**
 * The state behind a canvas stage, outside React so that panning and zooming never
 * re-render: the viewport, whether the user moved it (until then the stage keeps fitting
 * the content as it grows), the hovered item, and the {@link CanvasSurface} that draws.
 *
 * @module
 */
import { CanvasSurface } from "./canvas-surface.js";
import { keyAction } from "./stage-keys.js";
import {
  fitView,
  IDENTITY,
  keepInView,
  limitsFor,
  panBy,
  toWorld,
  wheelZoomFactor,
  zoomAt,
  type Rect,
  type Size,
  type Viewport,
  type ZoomAxes,
  type ZoomLimits,
} from "./viewport.js";

/** Draws the stage's content for a viewport; `hovered` is the item under the pointer or -1. */
export type StageDraw = (ctx: CanvasRenderingContext2D, view: Viewport, size: Size, hovered: number) => void;

/** What the stage shows and how it moves. */
export interface StageConfig {
  readonly measureName: string;
  /** The content's extent in world units; `undefined` while there is none. */
  readonly bounds: Rect | undefined;
  readonly axes: ZoomAxes;
  /** Largest scale (screen px per world unit) on the zooming axes. */
  readonly maxZoom: number;
  /** Largest scale a fit uses (small content is not blown up); `maxZoom` by default. */
  readonly fitMaxZoom?: number | undefined;
  /** Room around the content when fitting, in px. */
  readonly padding: number;
  /** The wheel zooms (graph) or scrolls, zooming with Ctrl/⌘ (timeline). */
  readonly wheel: "zoom" | "scroll";
  readonly draw: StageDraw;
  /** The item at a world point, or -1. */
  readonly hitTest: (wx: number, wy: number) => number;
  /** Changing it fits the content again, even after the user moved the view. */
  readonly fitKey: string;
  /** Keeps a moved view sensible (default: some content stays on screen). */
  readonly constrain?: ((view: Viewport, size: Size, bounds: Rect) => Viewport) | undefined;
}

function sameRect(a: Rect | undefined, b: Rect | undefined): boolean {
  return (
    a === b ||
    (a !== undefined &&
      b !== undefined &&
      a.x === b.x &&
      a.y === b.y &&
      a.width === b.width &&
      a.height === b.height)
  );
}

/** Viewport, input and drawing of one canvas stage. */
export class StageController {
  #config: StageConfig;
  #surface: CanvasSurface | undefined;
  #view: Viewport = IDENTITY;
  #touched = false;
  #hovered = -1;

  constructor(config: StageConfig) {
    this.#config = config;
  }

  /** The current viewport. */
  get view(): Viewport {
    return this.#view;
  }

  /** Starts drawing on `canvas`. */
  attach(canvas: HTMLCanvasElement): void {
    this.#surface = new CanvasSurface(canvas, this.#config.measureName, (ctx, size) =>
      this.#config.draw(ctx, this.#view, size, this.#hovered),
    );
    this.#surface.onResize = () => {
      if (this.#touched) this.#setView(this.#view);
      else this.fit(false);
    };
    this.fit(false);
  }

  /** Stops drawing. */
  detach(): void {
    this.#surface?.dispose();
    this.#surface = undefined;
  }

  /** Takes new content or settings; fits again while the user has not moved the view. */
  update(config: StageConfig): void {
    const prior = this.#config;
    this.#config = config;
    if (config.fitKey !== prior.fitKey) this.#touched = false;
    if (!this.#touched && (config.fitKey !== prior.fitKey || !sameRect(config.bounds, prior.bounds))) {
      this.fit(false);
    }
    this.#surface?.invalidate();
  }

  /** Redraws (for content that changes with time). */
  invalidate(): void {
    this.#surface?.invalidate();
  }

  /** The scale limits for the current content and size. */
  limits(): ZoomLimits {
    const { bounds, padding, maxZoom, axes } = this.#config;
    const size = this.#size();
    if (bounds === undefined || size.width === 0) return { min: 1e-6, max: maxZoom };
    return limitsFor(bounds, size, padding, maxZoom, axes);
  }

  /** Shows the whole content; `byUser` is false when the stage does it by itself. */
  fit(byUser = true): void {
    const { bounds, padding, axes } = this.#config;
    const size = this.#size();
    if (bounds === undefined || size.width === 0) return;
    if (byUser) this.#touched = false;
    const limits = this.limits();
    const max = Math.max(limits.min, Math.min(limits.max, this.#config.fitMaxZoom ?? limits.max));
    this.#setView(fitView(bounds, size, padding, { min: limits.min, max }, axes));
  }

  /** Zooms by `factor` around a screen point (the centre by default). */
  zoom(factor: number, sx?: number, sy?: number): void {
    const size = this.#size();
    const next = zoomAt(
      this.#view,
      factor,
      sx ?? size.width / 2,
      sy ?? size.height / 2,
      this.limits(),
      this.#config.axes,
    );
    this.#touched = true;
    this.#setView(next);
  }

  /** Pans by screen pixels. */
  pan(dx: number, dy: number): void {
    this.#touched = true;
    this.#setView(panBy(this.#view, dx, dy));
  }

  /** Handles a wheel event at a screen point (relative to the canvas). */
  wheel(event: WheelEvent, sx: number, sy: number): void {
    const zooming = this.#config.wheel === "zoom" || event.ctrlKey || event.metaKey;
    const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    if (zooming) {
      if (event.deltaY !== 0) this.zoom(wheelZoomFactor(event.deltaY, event.deltaMode), sx, sy);
      if (event.deltaX !== 0 && this.#config.wheel === "zoom") this.pan(-event.deltaX * unit, 0);
    } else if (event.shiftKey && event.deltaX === 0) {
      this.pan(-event.deltaY * unit, 0);
    } else {
      this.pan(-event.deltaX * unit, -event.deltaY * unit);
    }
  }

  /** Handles a key; true when the stage used it. */
  key(key: string, shift: boolean): boolean {
    const action = keyAction(key, shift);
    if (action === undefined) return false;
    if (action.kind === "zoom") this.zoom(action.factor);
    else if (action.kind === "pan") this.pan(action.dx, action.dy);
    else this.fit();
    return true;
  }

  /** The item under a screen point, or -1. */
  itemAt(sx: number, sy: number): number {
    if (this.#config.bounds === undefined) return -1;
    const { x, y } = toWorld(this.#view, sx, sy);
    return this.#config.hitTest(x, y);
  }

  /** Marks the hovered item (drawn highlighted). */
  hover(item: number): void {
    if (item === this.#hovered) return;
    this.#hovered = item;
    this.#surface?.invalidate();
  }

  #size(): Size {
    return this.#surface?.size ?? { width: 0, height: 0 };
  }

  #setView(view: Viewport): void {
    const { bounds, constrain } = this.#config;
    const size = this.#size();
    let next = view;
    if (bounds !== undefined && size.width > 0) {
      next = constrain === undefined ? keepInView(view, bounds, size, 48) : constrain(view, size, bounds);
    }
    this.#view = next;
    this.#surface?.invalidate();
  }
}
