/**
 * The run graph at scale: a run of 10,000 mapped task runs draws, and stays smooth while
 * the user zooms and pans. The graph measures each frame's drawing with the Performance
 * API (`performance.measure("ordo.graph.draw", …)`); the spec prints the figures.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import { runFanOut } from "../helpers/seed.js";
import { openRunGraph, report } from "../helpers/ui-actions.js";
import type { UiSuite } from "../helpers/ui-suite.js";

/** The measure the graph records for each frame it draws. */
const DRAW_MEASURE = "ordo.graph.draw";
const TASKS = 10_000;
/** p95 of a frame's drawing: 33 ms is 30 frames per second. */
const P95_BUDGET_MS = Number(process.env.ORDO_E2E_GRAPH_P95_MS ?? 33);

/** What the test reads of the graph's canvas (the suite compiles without the DOM types). */
interface CanvasLike {
  readonly width: number;
  readonly height: number;
  getContext(kind: "2d"): {
    getImageData(x: number, y: number, w: number, h: number): { readonly data: ArrayLike<number> };
  } | null;
}

interface Frame {
  readonly start: number;
  readonly duration: number;
}

/** The value below which `share` of `sorted` (ascending) lies. */
export function percentile(sorted: readonly number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

/** Registers the graph-at-scale specification. */
export function describeGraphScale(suite: () => UiSuite): void {
  describe("the run graph at scale", () => {
    it(`draws a run of ${TASKS.toLocaleString("en")} task runs, and zooms and pans drawing each frame within ${P95_BUDGET_MS} ms (p95)`, async () => {
      const { stack, openPage } = suite();
      const flowRunId = await runFanOut(stack, TASKS);
      const { page, problems } = await openPage();
      const canvas = await openRunGraph(page, flowRunId, TASKS);
      await expect
        .poll(() => page.evaluate((name) => performance.getEntriesByName(name).length, DRAW_MEASURE), {
          timeout: 30_000,
          message: `the graph records "${DRAW_MEASURE}" measures`,
        })
        .toBeGreaterThan(0);

      // Something was drawn: the canvas holds more than its background colour.
      const colours = await canvas.evaluate((element: CanvasLike) => {
        const { width, height } = element;
        const pixels = element.getContext("2d")?.getImageData(0, 0, width, height).data ?? [];
        const seen = new Set<number>();
        for (let i = 0; i < pixels.length; i += 4 * 31) {
          seen.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
        }
        return seen.size;
      });
      expect(colours, "colours on the graph's canvas").toBeGreaterThan(1);

      // Collect every draw measure from here on (the graph clears its old measures now and then).
      await page.evaluate((name) => {
        const frames: Frame[] = [];
        Object.assign(globalThis, { e2eFrames: frames });
        new PerformanceObserver((list) => {
          for (const entry of list.getEntriesByName(name)) {
            frames.push({ start: entry.startTime, duration: entry.duration });
          }
        }).observe({ entryTypes: ["measure"] });
      }, DRAW_MEASURE);

      const box = await canvas.boundingBox();
      if (box === null) throw new Error("the graph's canvas has no box");
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      await page.mouse.move(centre.x, centre.y);
      const startedAt = await page.evaluate(() => performance.now());
      // Four half-second phases: zoom in with the wheel, drag, zoom out, drag back.
      for (const phase of ["zoom in", "pan", "zoom out", "pan"] as const) {
        const until = Date.now() + 500;
        if (phase === "pan") await page.mouse.down();
        for (let step = 0; Date.now() < until; step++) {
          if (phase === "pan") {
            await page.mouse.move(centre.x + 120 * Math.sin(step / 6), centre.y + 60 * Math.cos(step / 6));
          } else {
            await page.mouse.wheel(0, phase === "zoom in" ? -100 : 100);
          }
        }
        if (phase === "pan") await page.mouse.up();
      }
      // Let the last frame be drawn and observed.
      await page.waitForTimeout(200);
      const endedAt = await page.evaluate(() => performance.now());
      const frames = await page.evaluate(() => (globalThis as unknown as { e2eFrames: Frame[] }).e2eFrames);
      const durations = frames.map((frame) => frame.duration).sort((a, b) => a - b);
      const p50 = percentile(durations, 0.5);
      const p95 = percentile(durations, 0.95);
      const fps = (frames.length * 1000) / (endedAt - startedAt);
      report(
        `graph of ${TASKS} task runs: ${frames.length} frames drawn in ${Math.round(endedAt - startedAt)} ms of zooming and panning (${fps.toFixed(1)} fps); draw time p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (room for ${Math.floor(1000 / p95)} fps)`,
      );
      expect(frames.length, "frames drawn while zooming and panning").toBeGreaterThan(10);
      expect(p95, `p95 draw time (budget ${P95_BUDGET_MS} ms)`).toBeLessThan(P95_BUDGET_MS);
      expect(problems()).toEqual([]);
    });
  });
}
