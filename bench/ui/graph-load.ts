/**
 * How long the Graph tab of a large run takes to become interactive, in headless
 * Chromium: from `page.goto("/runs/<id>?tab=graph")` to the end of the first frame the
 * graph draws with every node laid out.
 *
 * "Laid out" is the moment the graph's canvas is named after all the task runs ("Run
 * graph: 10,001 task runs") and its toolbar no longer says "loading more" or "Laying
 * out…" (the layout of the last page is back from the Web Worker): a MutationObserver
 * installed before the page's own scripts marks it with `performance.mark`. The first
 * `ordo.graph.draw` measure that starts after that mark is the first complete frame.
 *
 * @module
 */
import type { BrowserContext, Page } from "playwright-core";

/** The mark the observer sets when the graph is complete and laid out. */
const READY_MARK = "bench.graph.ready";
const DRAW_MEASURE = "ordo.graph.draw";

/** One load of the Graph tab, in ms from the `page.goto` call. */
export interface GraphLoad {
  /** The first page of `/graph` was asked for (Resource Timing): the app is up. */
  readonly dataAskedMs: number;
  /** The last page of `/graph` answered. */
  readonly dataMs: number;
  /** The canvas names all the task runs and the layout is done (the observer's mark). */
  readonly laidOutMs: number;
  /** The first complete frame has been drawn: the graph is interactive. */
  readonly interactiveMs: number;
  /** That frame's draw time. */
  readonly firstDrawMs: number;
  /** The canvas's accessible name then. */
  readonly label: string;
}

/** What is read of a Resource Timing entry. */
interface ResourceEntry {
  readonly startTime: number;
  readonly responseEnd: number;
}

/** The browser globals the observer uses (the benchmarks compile without the DOM library). */
interface ObserverGlobals {
  readonly document: {
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  };
  readonly MutationObserver: new (callback: () => void) => {
    observe(target: unknown, options: Record<string, boolean>): void;
    disconnect(): void;
  };
}

/**
 * Loads `url` (a run's `?tab=graph`) in a new page of `context` and times it; the page is
 * left open. A fresh context is a first visit; one that has loaded the UI before has its
 * scripts in the HTTP cache (a return visit).
 */
export async function loadGraph(
  context: BrowserContext,
  url: string,
  minTasks: number,
): Promise<{ load: GraphLoad; page: Page }> {
  const page = await context.newPage();
  // No named functions in here: tsx would wrap them in a helper the page does not have.
  await page.addInitScript(
    ({ minTasks, mark }) => {
      const { document, MutationObserver } = globalThis as unknown as ObserverGlobals;
      const observer = new MutationObserver(() => {
        const canvas = document.querySelector('section[aria-label="Run graph"] canvas[role=img]');
        const tasks = /Run graph: ([\d,]+) task run/.exec(canvas?.getAttribute("aria-label") ?? "")?.[1];
        if (tasks === undefined || Number(tasks.replaceAll(",", "")) < minTasks) return;
        if (document.querySelector('section[aria-label="Run graph"] [role=status]') !== null) return;
        performance.mark(mark);
        observer.disconnect();
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    { minTasks, mark: READY_MARK },
  );
  const gotoAt = Date.now();
  await page.goto(url);
  const drawn = () =>
    page.evaluate(
      ({ mark, measure }) => {
        const ready = performance.getEntriesByName(mark)[0];
        if (ready === undefined) return undefined;
        const draw = performance.getEntriesByName(measure).find((e) => e.startTime >= ready.startTime);
        if (draw === undefined) return undefined;
        const graphPages = performance
          .getEntriesByType("resource")
          .filter((e) => /\/api\/flow_runs\/[^/]+\/graph/.test(e.name)) as unknown as ResourceEntry[];
        const canvas = (globalThis as unknown as ObserverGlobals).document.querySelector("canvas[role=img]");
        return {
          timeOrigin: performance.timeOrigin,
          dataAsked: Math.min(...graphPages.map((e) => e.startTime)),
          data: Math.max(...graphPages.map((e) => e.responseEnd)),
          laidOut: ready.startTime,
          drawStart: draw.startTime,
          drawEnd: draw.startTime + draw.duration,
          label: canvas?.getAttribute("aria-label") ?? "",
        };
      },
      { mark: READY_MARK, measure: DRAW_MEASURE },
    );
  const deadline = Date.now() + 180_000;
  let seen = await drawn();
  while (seen === undefined) {
    if (Date.now() > deadline) throw new Error(`the graph at ${url} was not drawn within 180 s`);
    await page.waitForTimeout(100);
    seen = await drawn();
  }
  // From the goto call: the page's clock starts at its navigation (timeOrigin), a little later.
  const offset = seen.timeOrigin - gotoAt;
  return {
    load: {
      dataAskedMs: offset + seen.dataAsked,
      dataMs: offset + seen.data,
      laidOutMs: offset + seen.laidOut,
      interactiveMs: offset + seen.drawEnd,
      firstDrawMs: seen.drawEnd - seen.drawStart,
      label: seen.label,
    },
    page,
  };
}
