/**
 * UI graph benchmark: how long the run graph and the timeline take to draw a frame while
 * a person zooms and pans a flow run of `--tasks` mapped task runs (10,000 by default).
 *
 * 1. Starts a server (`ordo server start`, SQLite in a temp folder) and runs
 *    `examples/map-reduce.ts` with `--param items=N` (N mapped tasks and one reduce fed by
 *    all of them), unless `--url` and `--run` name a server and a flow run to use.
 * 2. Opens `/runs/<id>?tab=graph` (then `?tab=timeline`) in the machine's headless
 *    Chromium (playwright-core), waits for the layout, and drives it with real input:
 *    mouse-wheel zoom in, drag-pan, wheel zoom out (for the timeline: wheel scroll,
 *    Ctrl+wheel zoom, drag). Each frame's draw time is the page's own
 *    `performance.measure("ordo.graph.draw" | "ordo.timeline.draw")` entry.
 * 3. Frame rate: an in-page loop sends one wheel event per animation frame for 2 s and
 *    counts the frames drawn (the browser caps it at the display rate, 60 in headless).
 *
 * Target (UI.md, the graph issue): 10,000 task runs pan and zoom at ≥ 30 fps, i.e. a draw
 * time well under 33 ms.
 *
 * Run: `npm run build`, then `node --import tsx bench/ui-graph/run.ts [--tasks 10000]
 * [--url http://127.0.0.1:4200 --run <flow run id>]`.
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { Page } from "playwright-core";
import { runMapReduce, startCliServer, type CliServer } from "../shared/cli-server.js";
import {
  DEFAULT_CHROMIUM,
  drag,
  frameRate,
  launchChromium,
  takeMeasures,
  wheel,
  type Box,
  type InPage,
} from "../shared/graph-page.js";
import { loadAverage, machineLine } from "../shared/machine.js";
import { fmt, median, quantile } from "../shared/stats.js";
import { renderTable } from "../shared/table.js";

const { values } = parseArgs({
  options: {
    tasks: { type: "string", default: "10000" },
    url: { type: "string" },
    run: { type: "string" },
    chromium: { type: "string", default: DEFAULT_CHROMIUM },
  },
});
const TASKS = Number(values.tasks);
const TARGET_FPS = 30;

/** Starts a server and runs the map-reduce example with `tasks` items; returns the run id. */
async function seed(tasks: number): Promise<{ base: string; runId: string; stop: () => Promise<void> }> {
  const home = mkdtempSync(join(tmpdir(), "ordo-bench-ui-graph-"));
  let server: CliServer | undefined;
  const stop = async () => {
    await server?.stop();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    server = await startCliServer(home);
    const { runId, ms } = runMapReduce(server, tasks);
    console.log(`seeded: map-reduce with ${tasks.toLocaleString("en-US")} items in ${ms} ms`);
    return { base: server.base, runId, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface Phase {
  readonly name: string;
  readonly act: (page: Page, box: Box) => Promise<void>;
}

async function measureTab(
  page: Page,
  url: string,
  measure: string,
  phases: readonly Phase[],
  ctrlZoom: boolean,
): Promise<string[][]> {
  await page.goto(url);
  const canvas = page.locator("canvas[role=img]");
  await canvas.waitFor({ timeout: 180_000 });
  await page.waitForFunction(
    (name) =>
      !/Laying out|loading more/.test((globalThis as unknown as InPage).document.body.innerText) &&
      performance.getEntriesByName(name).length > 0,
    measure,
    { timeout: 180_000 },
  );
  console.log(`${measure}: ${await canvas.getAttribute("aria-label")}`);
  const box = await canvas.boundingBox();
  if (box === null) throw new Error("the canvas is not visible");
  await takeMeasures(page, measure);
  const rows: string[][] = [];
  for (const phase of phases) {
    await phase.act(page, box);
    await page.waitForTimeout(100);
    const times = await takeMeasures(page, measure);
    rows.push([
      phase.name,
      String(times.length),
      times.length === 0 ? "—" : fmt(median(times)),
      fmt(quantile(times, 0.95)),
      fmt(Math.max(...times)),
    ]);
  }
  await page.keyboard.press("0");
  const { fps, frames } = await frameRate(page, 2000, ctrlZoom, measure);
  rows.push(["fps, one wheel event per frame (2 s)", String(frames), `${fmt(fps)} fps`, "", ""]);
  return rows;
}

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`load average: ${loadAverage()}`);
  let base = values.url;
  let runId = values.run;
  let stop = async () => {};
  if (base === undefined || runId === undefined) ({ base, runId, stop } = await seed(TASKS));
  const browser = await launchChromium(values.chromium);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/`);
    const graphPhases: Phase[] = [
      { name: "pan at fit (all nodes)", act: (p, box) => drag(p, box, -300, -150) },
      { name: "wheel zoom in ×30", act: (p) => wheel(p, 30, -120) },
      { name: "pan close up (labels, edges)", act: (p, box) => drag(p, box, 400, 200) },
      { name: "wheel zoom out ×30", act: (p) => wheel(p, 30, 120) },
    ];
    const graph = await measureTab(
      page,
      `${base}/runs/${runId}?tab=graph`,
      "ordo.graph.draw",
      graphPhases,
      false,
    );
    const timelinePhases: Phase[] = [
      { name: "wheel scroll rows ×30", act: (p) => wheel(p, 30, 400) },
      { name: "ctrl+wheel zoom time ×30", act: (p) => wheel(p, 30, -120, "Control") },
      { name: "drag pan", act: (p, box) => drag(p, box, -400, -300) },
    ];
    const timeline = await measureTab(
      page,
      `${base}/runs/${runId}?tab=timeline`,
      "ordo.timeline.draw",
      timelinePhases,
      true,
    );
    const header = ["phase", "frames", "median ms", "p95 ms", "max ms"];
    console.log(`\nGraph tab\n${renderTable(header, graph)}`);
    console.log(`\nTimeline tab\n${renderTable(header, timeline)}`);
    console.log(
      `\ntarget: ≥ ${TARGET_FPS} fps, i.e. draw time well under ${fmt(1000 / TARGET_FPS)} ms per frame`,
    );
  } finally {
    await browser.close();
    await stop();
  }
}

await main();
