import { describe, expect, it } from "vitest";
import { packRgba, PixelRaster } from "../../src/graph/pixel-raster.js";

// Colour 0 = "completed" (priority 0), colour 1 = "failed" (priority 9).
const PRIORITY = [0, 9];

describe("the pixel grid", () => {
  it("paints a rectangle over whole pixels, at least one pixel however small", () => {
    const raster = new PixelRaster();
    raster.reset(10, 5);
    raster.paint(2.2, 1.6, 4.4, 3.4, 0, PRIORITY);
    expect(raster.at(2, 1)).toBe(1);
    expect(raster.at(3, 2)).toBe(1);
    expect(raster.at(4, 2)).toBe(0);
    expect(raster.at(2, 3)).toBe(0);
    raster.paint(7.3, 4.1, 7.35, 4.12, 0, PRIORITY);
    expect(raster.at(7, 4)).toBe(1);
  });

  it("keeps the higher-priority state where nodes share a pixel, in any order", () => {
    const raster = new PixelRaster();
    raster.reset(4, 1);
    raster.paint(0, 0, 2, 1, 1, PRIORITY); // failed
    raster.paint(0, 0, 4, 1, 0, PRIORITY); // completed on top
    expect([0, 1, 2, 3].map((x) => raster.at(x, 0))).toEqual([2, 2, 1, 1]);
  });

  it("clips to the grid and empties on reset", () => {
    const raster = new PixelRaster();
    raster.reset(3, 3);
    raster.paint(-5, -5, 100, 1, 0, PRIORITY);
    expect([0, 1, 2].map((x) => raster.at(x, 0))).toEqual([1, 1, 1]);
    raster.paint(50, 50, 60, 60, 0, PRIORITY);
    raster.reset(3, 3);
    expect(raster.at(0, 0)).toBe(0);
  });

  it("turns the grid into RGBA pixels with the background where empty", () => {
    const raster = new PixelRaster();
    raster.reset(2, 1);
    raster.paint(1, 0, 2, 1, 1, PRIORITY);
    const out = new Uint32Array(2);
    raster.toPixels(out, [packRgba("#00ff00"), packRgba("#ff0000")], packRgba("#ffffff"));
    const bytes = new Uint8Array(out.buffer);
    expect(Array.from(bytes)).toEqual([255, 255, 255, 255, 255, 0, 0, 255]);
  });
});
