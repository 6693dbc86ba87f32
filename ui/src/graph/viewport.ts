/**
 * Viewport math shared by the graph and the timeline: a world → screen transform
 * (`screen = world * k + t`, per axis), zoom around a point, pan, fit, and the world
 * rectangle on screen. Pure.
 *
 * @module
 */

/** The transform: screen x = world x · kx + tx (likewise y). */
export interface Viewport {
  readonly tx: number;
  readonly ty: number;
  readonly kx: number;
  readonly ky: number;
}

/** A size in CSS pixels. */
export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A rectangle in world units. */
export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Which axes zoom: both (the graph) or only x (the timeline's time axis). */
export type ZoomAxes = "both" | "x";

/** Smallest and largest scale (screen pixels per world unit). */
export interface ZoomLimits {
  readonly min: number;
  readonly max: number;
}

/** The identity transform. */
export const IDENTITY: Viewport = { tx: 0, ty: 0, kx: 1, ky: 1 };

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** The world point under a screen point. */
export function toWorld(view: Viewport, sx: number, sy: number): { x: number; y: number } {
  return { x: (sx - view.tx) / view.kx, y: (sy - view.ty) / view.ky };
}

/** The screen point of a world point. */
export function toScreen(view: Viewport, wx: number, wy: number): { x: number; y: number } {
  return { x: wx * view.kx + view.tx, y: wy * view.ky + view.ty };
}

/**
 * Zooms by `factor` around the screen point (sx, sy), which stays over the same world
 * point; the scale stays within `limits`.
 */
export function zoomAt(
  view: Viewport,
  factor: number,
  sx: number,
  sy: number,
  limits: ZoomLimits,
  axes: ZoomAxes = "both",
): Viewport {
  const kx = clamp(view.kx * factor, limits.min, limits.max);
  const ky = axes === "both" ? clamp(view.ky * factor, limits.min, limits.max) : view.ky;
  return {
    kx,
    ky,
    tx: sx - ((sx - view.tx) / view.kx) * kx,
    ty: sy - ((sy - view.ty) / view.ky) * ky,
  };
}

/** Moves the view by (dx, dy) screen pixels. */
export function panBy(view: Viewport, dx: number, dy: number): Viewport {
  return { ...view, tx: view.tx + dx, ty: view.ty + dy };
}

/**
 * The view that shows `bounds` whole and centred within `size` less `padding` pixels on
 * each side (both axes), or fits only x and puts the top of `bounds` at the top of the
 * view (x: a list that scrolls).
 */
export function fitView(
  bounds: Rect,
  size: Size,
  padding: number,
  limits: ZoomLimits,
  axes: ZoomAxes = "both",
): Viewport {
  const room = {
    width: Math.max(1, size.width - 2 * padding),
    height: Math.max(1, size.height - 2 * padding),
  };
  const kx0 = room.width / Math.max(bounds.width, 1e-9);
  if (axes === "x") {
    const kx = clamp(kx0, limits.min, limits.max);
    return {
      kx,
      ky: 1,
      tx: padding + (room.width - bounds.width * kx) / 2 - bounds.x * kx,
      ty: -bounds.y,
    };
  }
  const k = clamp(Math.min(kx0, room.height / Math.max(bounds.height, 1e-9)), limits.min, limits.max);
  return {
    kx: k,
    ky: k,
    tx: padding + (room.width - bounds.width * k) / 2 - bounds.x * k,
    ty: padding + Math.max(0, (room.height - bounds.height * k) / 2) - bounds.y * k,
  };
}

/** The world rectangle on screen, as corners. */
export function visibleWorld(view: Viewport, size: Size): { x0: number; y0: number; x1: number; y1: number } {
  return {
    x0: -view.tx / view.kx,
    y0: -view.ty / view.ky,
    x1: (size.width - view.tx) / view.kx,
    y1: (size.height - view.ty) / view.ky,
  };
}

/**
 * Keeps some of `bounds` on screen: at least `margin` pixels of it inside the view on
 * each axis (so a pan never loses the whole graph).
 */
export function keepInView(view: Viewport, bounds: Rect, size: Size, margin: number): Viewport {
  const left = bounds.x * view.kx + view.tx;
  const right = (bounds.x + bounds.width) * view.kx + view.tx;
  const top = bounds.y * view.ky + view.ty;
  const bottom = (bounds.y + bounds.height) * view.ky + view.ty;
  const mx = Math.min(margin, (right - left) / 2, size.width / 2);
  const my = Math.min(margin, (bottom - top) / 2, size.height / 2);
  let dx = 0;
  let dy = 0;
  if (right < mx) dx = mx - right;
  else if (left > size.width - mx) dx = size.width - mx - left;
  if (bottom < my) dy = my - bottom;
  else if (top > size.height - my) dy = size.height - my - top;
  return dx === 0 && dy === 0 ? view : panBy(view, dx, dy);
}

/** The zoom factor of one wheel event: a notch of 100 pixels is about ×1.2. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-clamp(pixels, -300, 300) * 0.0018);
}

/** Zoom limits that allow fitting `bounds` (and half of that) up to `max`. */
export function limitsFor(
  bounds: Rect,
  size: Size,
  padding: number,
  max: number,
  axes: ZoomAxes,
): ZoomLimits {
  const kx = (size.width - 2 * padding) / Math.max(bounds.width, 1e-9);
  const fit = axes === "x" ? kx : Math.min(kx, (size.height - 2 * padding) / Math.max(bounds.height, 1e-9));
  const min = Math.min(max, Math.max(fit / 2, 1e-9));
  return { min, max: Math.max(max, min) };
}
