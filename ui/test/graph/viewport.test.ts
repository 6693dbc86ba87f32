import { describe, expect, it } from "vitest";
import {
  fitView,
  IDENTITY,
  keepInView,
  limitsFor,
  panBy,
  toScreen,
  toWorld,
  visibleWorld,
  wheelZoomFactor,
  zoomAt,
} from "../../src/graph/viewport.js";

const WIDE = { min: 0.01, max: 10 };

describe("viewport math", () => {
  it("maps world to screen and back", () => {
    const view = { tx: 100, ty: -50, kx: 2, ky: 0.5 };
    expect(toScreen(view, 10, 100)).toEqual({ x: 120, y: 0 });
    expect(toWorld(view, 120, 0)).toEqual({ x: 10, y: 100 });
  });

  it("zooms around the pointer: the world point under it stays under it", () => {
    const view = { tx: 30, ty: 40, kx: 1.5, ky: 1.5 };
    const before = toWorld(view, 200, 150);
    const zoomed = zoomAt(view, 2, 200, 150, WIDE);
    expect(zoomed.kx).toBe(3);
    expect(zoomed.ky).toBe(3);
    const after = toWorld(zoomed, 200, 150);
    expect(after.x).toBeCloseTo(before.x, 9);
    expect(after.y).toBeCloseTo(before.y, 9);
  });

  it("zooms only x when asked (the timeline), keeping y as it was", () => {
    const zoomed = zoomAt({ tx: 0, ty: 36, kx: 1, ky: 1 }, 4, 100, 300, WIDE, "x");
    expect(zoomed).toEqual({ tx: -300, ty: 36, kx: 4, ky: 1 });
  });

  it("keeps the scale within the limits, and the pointer still fixed", () => {
    const zoomed = zoomAt(IDENTITY, 100, 50, 50, { min: 0.5, max: 3 });
    expect(zoomed.kx).toBe(3);
    expect(toWorld(zoomed, 50, 50).x).toBeCloseTo(50, 9);
    expect(zoomAt(IDENTITY, 0.001, 0, 0, { min: 0.5, max: 3 }).kx).toBe(0.5);
  });

  it("pans by screen pixels", () => {
    expect(panBy({ tx: 1, ty: 2, kx: 3, ky: 3 }, 10, -20)).toEqual({ tx: 11, ty: -18, kx: 3, ky: 3 });
  });

  it("fits the content whole and centred, with padding", () => {
    const view = fitView({ x: 0, y: 0, width: 1000, height: 100 }, { width: 520, height: 400 }, 10, WIDE);
    expect(view.kx).toBe(0.5);
    expect(view.ky).toBe(0.5);
    expect(toScreen(view, 0, 0).x).toBe(10);
    expect(toScreen(view, 1000, 0).x).toBe(510);
    // 50 px of content centred in 380 px of room.
    expect(toScreen(view, 0, 0).y).toBe(10 + 165);
  });

  it("never fits past the largest scale (small content stays small)", () => {
    const view = fitView({ x: 0, y: 0, width: 10, height: 10 }, { width: 500, height: 500 }, 0, {
      min: 0.1,
      max: 2,
    });
    expect(view.kx).toBe(2);
    expect(toScreen(view, 5, 5)).toEqual({ x: 250, y: 250 });
  });

  it("fits only x for a scrolling list, the top of the content at the top", () => {
    const view = fitView(
      { x: 0, y: -34, width: 2000, height: 10_000 },
      { width: 1020, height: 300 },
      10,
      WIDE,
      "x",
    );
    expect(view.kx).toBe(0.5);
    expect(view.ky).toBe(1);
    expect(view.ty).toBe(34);
  });

  it("reports the world rectangle on screen", () => {
    expect(visibleWorld({ tx: -100, ty: 50, kx: 2, ky: 2 }, { width: 400, height: 300 })).toEqual({
      x0: 50,
      y0: -25,
      x1: 250,
      y1: 125,
    });
  });

  it("pulls a view that lost the content back until a margin of it shows", () => {
    const bounds = { x: 0, y: 0, width: 100, height: 100 };
    const lost = { tx: -5000, ty: 0, kx: 1, ky: 1 };
    const kept = keepInView(lost, bounds, { width: 400, height: 300 }, 40);
    expect(toScreen(kept, 100, 0).x).toBe(40);
    const fine = { tx: 10, ty: 10, kx: 1, ky: 1 };
    expect(keepInView(fine, bounds, { width: 400, height: 300 }, 40)).toBe(fine);
  });

  it("allows zooming out to half the fit, and in to the maximum", () => {
    const limits = limitsFor(
      { x: 0, y: 0, width: 1000, height: 1000 },
      { width: 520, height: 520 },
      10,
      3,
      "both",
    );
    expect(limits).toEqual({ min: 0.25, max: 3 });
  });

  it("turns wheel deltas into zoom factors: up zooms in, down out, symmetric", () => {
    expect(wheelZoomFactor(-100, 0)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100, 0)).toBeLessThan(1);
    expect(wheelZoomFactor(-100, 0) * wheelZoomFactor(100, 0)).toBeCloseTo(1, 12);
    // Lines count as 16 px; huge deltas are capped.
    expect(wheelZoomFactor(-3, 1)).toBeCloseTo(wheelZoomFactor(-48, 0), 12);
    expect(wheelZoomFactor(-10_000, 0)).toBe(wheelZoomFactor(-300, 0));
  });
});
