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
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "playwright-core";
import { loadAverage, machineLine } from "../shared/machine.js";
import { fmt, median } from "../shared/stats.js";
import { renderTable } from "../shared/table.js";

const { values } = parseArgs({
  options: {
    tasks: { type: "string", default: "10000" },
    url: { type: "string" },
    run: { type: "string" },
    chromium: { type: "string", default: "/usr/bin/chromium" },
  },
});
const TASKS = Number(values.tasks);
const ROOT = resolve(import.meta.dirname, "../..");
const TARGET_FPS = 30;

/** The `q` quantile (0–1) of `values`, nearest rank. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}

/** A free loopback port. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Waits until `url` answers 200. */
async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`the server did not answer at ${url}`);
}

/** Starts a server and runs the map-reduce example with `tasks` items; returns the run id. */
async function seed(tasks: number): Promise<{ base: string; runId: string; stop: () => void }> {
  if (
    !existsSync(join(ROOT, "dist", "cli", "main.js")) ||
    !existsSync(join(ROOT, "ui", "dist", "index.html"))
  ) {
    throw new Error("run `npm run build` first (the server serves dist/ and ui/dist)");
  }
  const home = mkdtempSync(join(tmpdir(), "ordo-bench-ui-graph-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, ORDO_HOME: home, ORDO_API_URL: `${base}/api`, ORDO_LOGGING_LEVEL: "warning" };
  const server = spawn(process.execPath, ["bin/ordo.js", "server", "start", "--port", String(port)], {
    cwd: ROOT,
    env,
    stdio: "ignore",
  });
  const stop = () => {
    server.kill();
    rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitForServer(`${base}/api/health`, server);
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      ["bin/ordo.js", "run", "examples/map-reduce.ts:mapReduce", "--param", `items=${tasks}`],
      { cwd: ROOT, env, encoding: "utf8" },
    );
    const id = /Flow run ([0-9a-f-]{36}) finished/.exec(`${run.stdout}${run.stderr}`)?.[1];
    if (id === undefined) throw new Error(`the flow did not run:\n${run.stdout}\n${run.stderr}`);
    console.log(
      `seeded: map-reduce with ${tasks.toLocaleString("en-US")} items in ${Date.now() - started} ms`,
    );
    return { base, runId: id, stop };
  } catch (error) {
    stop();
    throw error;
  }
}

/** Draw times (ms) recorded under `name` since the last call, then cleared. */
async function takeMeasures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((measure) => {
    const durations = performance.getEntriesByName(measure).map((entry) => entry.duration);
    performance.clearMeasures(measure);
    return durations;
  }, name);
}

/** The few browser globals the in-page code uses (this file compiles without the DOM library). */
interface InPage {
  readonly document: {
    readonly body: { readonly innerText: string };
    querySelector(selector: string): {
      getBoundingClientRect(): { left: number; top: number; width: number; height: number };
      dispatchEvent(event: unknown): boolean;
    } | null;
  };
  readonly WheelEvent: new (type: string, init: Record<string, unknown>) => unknown;
  readonly requestAnimationFrame: (callback: () => void) => number;
}

interface Phase {
  readonly name: string;
  readonly act: (page: Page, box: { x: number; y: number; width: number; height: number }) => Promise<void>;
}

async function wheel(page: Page, steps: number, deltaY: number, modifier?: "Control"): Promise<void> {
  if (modifier !== undefined) await page.keyboard.down(modifier);
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, deltaY);
    await page.waitForTimeout(16);
  }
  if (modifier !== undefined) await page.keyboard.up(modifier);
}

async function drag(
  page: Page,
  box: { x: number; y: number; width: number; height: number },
  dx: number,
  dy: number,
) {
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 40; i++) {
    await page.mouse.move(x + (dx * i) / 40, y + (dy * i) / 40);
    await page.waitForTimeout(16);
  }
  await page.mouse.up();
}

/** Frames per second while one wheel event is sent per animation frame for `ms`. */
async function frameRate(page: Page, ms: number, ctrl: boolean): Promise<{ fps: number; frames: number }> {
  return page.evaluate(
    async ({ ms, ctrl }) => {
      const { document, WheelEvent, requestAnimationFrame } = globalThis as unknown as InPage;
      const canvas = document.querySelector("canvas[role=img]");
      if (canvas === null) throw new Error("no canvas");
      const rect = canvas.getBoundingClientRect();
      const before = performance.getEntriesByType("measure").length;
      const start = performance.now();
      let i = 0;
      while (performance.now() - start < ms) {
        canvas.dispatchEvent(
          new WheelEvent("wheel", {
            deltaY: i++ % 40 < 20 ? -60 : 60,
            clientX: rect.left + rect.width / 2,
            clientY: rect.top + rect.height / 2,
            ctrlKey: ctrl,
            bubbles: true,
            cancelable: true,
          }),
        );
        await new Promise<void>((done) => requestAnimationFrame(done));
      }
      const elapsed = performance.now() - start;
      const frames = performance.getEntriesByType("measure").length - before;
      return { fps: (frames * 1000) / elapsed, frames };
    },
    { ms, ctrl },
  );
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
  const { fps, frames } = await frameRate(page, 2000, ctrlZoom);
  rows.push(["fps, one wheel event per frame (2 s)", String(frames), `${fmt(fps)} fps`, "", ""]);
  return rows;
}

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`load average: ${loadAverage()}`);
  let base = values.url;
  let runId = values.run;
  let stop = () => {};
  if (base === undefined || runId === undefined) ({ base, runId, stop } = await seed(TASKS));
  const browser = await chromium.launch({
    executablePath: values.chromium,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
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
    stop();
  }
}

await main();
