/**
 * The run graph at scale: a run of 10,000 mapped task runs draws, and stays smooth while
 * the user zooms and pans. The graph measures each frame's drawing with the Performance
 * API (`performance.measure("ordo.graph.draw", …)`); the spec prints the figures.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import { E2E_FLOWS } from "../helpers/seed.js";
import { report } from "../helpers/ui-actions.js";
import type { UiSuite } from "../helpers/ui-suite.js";

/** The measure the graph records for each frame it draws. */
const DRAW_MEASURE = "ordo.graph.draw";
const TASKS = 10_000;
/** p95 of a frame's drawing: 33 ms is 30 frames per second. */
const P95_BUDGET_MS = Number(process.env.ORDO_E2E_GRAPH_P95_MS ?? 33);

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
    it(`draws a run of ${TASKS.toLocaleString("en")} task runs and zooms and pans at ≥30 fps`, async () => {
      const { stack, openPage } = suite();
      const ran = await stack.ordo(["run", `${E2E_FLOWS}:fanOut`, "--param", `items=${TASKS}`, "--json"]);
      expect(ran.code, ran.output).toBe(0);
      const { flowRunId } = JSON.parse(ran.stdout) as { flowRunId: string };

      const { page, problems } = await openPage();
      await page.goto(`/runs/${flowRunId}?tab=graph`);
      const canvas = page.locator('canvas[role="img"], [role="img"] canvas').first();
      await canvas.waitFor({ state: "visible", timeout: 30_000 });
      await expect
        .poll(() => page.evaluate((name) => performance.getEntriesByName(name).length, DRAW_MEASURE), {
          timeout: 30_000,
          message: `the graph records "${DRAW_MEASURE}" measures`,
        })
        .toBeGreaterThan(0);

      const box = await canvas.boundingBox();
      if (box === null) throw new Error("the graph's canvas has no box");
      const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
      const startedAt = await page.evaluate(() => performance.now());
      const until = Date.now() + 2_000;
      await page.mouse.move(centre.x, centre.y);
      for (let step = 0; Date.now() < until; step++) {
        // Zoom in for a while, then out, with a drag (pan) in between.
        await page.mouse.wheel(0, step % 20 < 10 ? -120 : 120);
        await page.mouse.down();
        await page.mouse.move(centre.x + 60 * Math.sin(step / 3), centre.y + 40 * Math.cos(step / 3), {
          steps: 4,
        });
        await page.mouse.up();
      }
      const endedAt = await page.evaluate(() => performance.now());
      const frames = await page.evaluate(
        ({ name, from }) =>
          performance
            .getEntriesByName(name)
            .filter((entry) => entry.startTime >= from)
            .map((entry) => ({ start: entry.startTime, duration: entry.duration })),
        { name: DRAW_MEASURE, from: startedAt },
      );
      const durations = frames.map((frame: Frame) => frame.duration).sort((a, b) => a - b);
      const p50 = percentile(durations, 0.5);
      const p95 = percentile(durations, 0.95);
      const fps = (frames.length * 1000) / (endedAt - startedAt);
      report(
        `graph of ${TASKS} task runs: ${frames.length} frames drawn in ${Math.round(endedAt - startedAt)} ms of zooming and panning (${fps.toFixed(1)} fps); draw time p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
      );
      expect(frames.length, "frames drawn while zooming and panning").toBeGreaterThan(10);
      expect(p95, `p95 draw time (budget ${P95_BUDGET_MS} ms)`).toBeLessThan(P95_BUDGET_MS);
      expect(problems()).toEqual([]);
    });
  });
}
