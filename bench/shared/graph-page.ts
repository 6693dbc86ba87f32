/**
 * Driving the run graph and timeline canvases in headless Chromium (playwright-core), for
 * `bench/ui-graph` and `bench/ui`: real wheel and drag input, and the draw time of each
 * frame, read from the `performance.measure("ordo.graph.draw" | "ordo.timeline.draw")`
 * entries the UI records.
 *
 * @module
 */
import { chromium, type Browser, type Page } from "playwright-core";

/** The machine's Chromium. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

/** The flags every UI benchmark launches Chromium with. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
];

/** Launches headless Chromium from `executablePath`. */
export function launchChromium(executablePath = DEFAULT_CHROMIUM): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** A canvas's box on the page. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The few browser globals the in-page code uses (the benchmarks compile without the DOM library). */
export interface InPage {
  readonly document: {
    readonly body: { readonly innerText: string };
    querySelector(selector: string): {
      getBoundingClientRect(): { left: number; top: number; width: number; height: number };
      dispatchEvent(event: unknown): boolean;
      getAttribute(name: string): string | null;
    } | null;
  };
  readonly WheelEvent: new (type: string, init: Record<string, unknown>) => unknown;
  readonly requestAnimationFrame: (callback: () => void) => number;
}

/** Draw times (ms) recorded under `name` since the last call, then cleared. */
export async function takeMeasures(page: Page, name: string): Promise<number[]> {
  return page.evaluate((measure) => {
    const durations = performance.getEntriesByName(measure).map((entry) => entry.duration);
    performance.clearMeasures(measure);
    return durations;
  }, name);
}

/** `steps` mouse-wheel events of `deltaY`, one every 16 ms, with `modifier` held. */
export async function wheel(page: Page, steps: number, deltaY: number, modifier?: "Control"): Promise<void> {
  if (modifier !== undefined) await page.keyboard.down(modifier);
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, deltaY);
    await page.waitForTimeout(16);
  }
  if (modifier !== undefined) await page.keyboard.up(modifier);
}

/** A drag from the centre of `box` by (`dx`, `dy`) in 40 moves, one every 16 ms. */
export async function drag(page: Page, box: Box, dx: number, dy: number): Promise<void> {
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

/**
 * Frames per second while one wheel event is sent per animation frame for `ms` (the
 * browser caps it at the display rate, 60 in headless); `measure` counts the frames.
 */
export async function frameRate(
  page: Page,
  ms: number,
  ctrl: boolean,
  measure: string,
): Promise<{ fps: number; frames: number }> {
  return page.evaluate(
    async ({ ms, ctrl, measure }) => {
      const { document, WheelEvent, requestAnimationFrame } = globalThis as unknown as InPage;
      const canvas = document.querySelector("canvas[role=img]");
      if (canvas === null) throw new Error("no canvas");
      const rect = canvas.getBoundingClientRect();
      performance.clearMeasures(measure);
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
      const frames = performance.getEntriesByName(measure).length;
      return { fps: (frames * 1000) / elapsed, frames };
    },
    { ms, ctrl, measure },
  );
}

/**
 * Frames per second while the mouse drags the canvas in `box` around its centre for `ms`,
 * with real input (as fast as the browser takes mouse moves, so the frame rate, not the
 * input, is the limit); `measure` counts the frames. Also the draw times of those frames.
 */
export async function panFrameRate(
  page: Page,
  box: Box,
  ms: number,
  measure: string,
): Promise<{ fps: number; frames: number; drawMs: number[] }> {
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await takeMeasures(page, measure);
  const start = await page.evaluate(() => performance.now());
  const until = Date.now() + ms;
  for (let step = 0; Date.now() < until; step++) {
    await page.mouse.move(x + 150 * Math.sin(step / 8), y + 80 * Math.cos(step / 8));
  }
  const end = await page.evaluate(() => performance.now());
  await page.mouse.up();
  const drawMs = await takeMeasures(page, measure);
  return { fps: (drawMs.length * 1000) / (end - start), frames: drawMs.length, drawMs };
}
