/**
 * Screenshots of the main pages for the documentation, taken last, from the suite's seeded
 * data (and what the specs before it added): `docs/img/ui-*.png`, PNGs of the 1400×900
 * viewport in the light theme. Every run of the suite writes them again.
 *
 * @module
 */
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../helpers/ordo-cli.js";
import { exactly, nextFrames, openRunGraph, openTab, waitForText } from "../helpers/ui-actions.js";
import type { UiSuite } from "../helpers/ui-suite.js";
import type { WatchedPage } from "../helpers/watched-page.js";

/** Where the screenshots go (prettier ignores it). */
export const SCREENSHOT_DIR = join(REPO_ROOT, "docs", "img");
const VIEWPORT = { width: 1400, height: 900 } as const;

/** What the spec reads of the page's window (the suite compiles without the DOM types). */
interface BrowserWindow {
  readonly localStorage: { setItem(key: string, value: string): void };
  readonly document: { readonly fonts: { readonly ready: Promise<unknown> } };
}

/** A page to photograph: its file and how to bring it on screen. */
interface Shot {
  readonly file: string;
  readonly what: string;
  readonly show: (page: Page, suite: UiSuite) => Promise<void>;
}

const SHOTS: readonly Shot[] = [
  {
    file: "ui-dashboard.png",
    what: "the dashboard",
    async show(page) {
      await page.goto("/");
      await waitForText(page.locator("h1").first(), /dashboard/i);
    },
  },
  {
    file: "ui-runs.png",
    what: "the runs",
    async show(page, { seeded }) {
      await page.goto("/runs");
      await page.getByRole("link", { name: seeded.failed.name, exact: true }).first().waitFor();
    },
  },
  {
    file: "ui-flow-run-graph.png",
    what: "a flow run's graph",
    async show(page, { seeded }) {
      await openRunGraph(page, seeded.completed.id);
      await waitForText(page.locator("h1").first(), exactly(seeded.completed.name));
    },
  },
  {
    file: "ui-flow-run-logs.png",
    what: "a flow run's logs",
    async show(page, { seeded }) {
      await page.goto(`/runs/${seeded.completed.id}`);
      await openTab(page, /^logs$/i);
      await waitForText(page.getByRole("log"), /greeting done/);
    },
  },
  {
    file: "ui-deployment.png",
    what: "a deployment with its Custom run form",
    async show(page, { seeded }) {
      await page.goto(`/deployments/${seeded.quick.id}`);
      await page.getByRole("button", { name: "Custom run" }).click();
      await page.getByRole("form", { name: "Custom run" }).waitFor({ state: "visible", timeout: 15_000 });
    },
  },
  {
    file: "ui-work-pools.png",
    what: "the work pools",
    async show(page) {
      await page.goto("/work-pools");
      await waitForText(page.locator("h1").first(), /work pools/i);
      await page.getByRole("link", { name: "e2e", exact: true }).first().waitFor();
    },
  },
];

/** Width and height of a PNG, from its IHDR chunk. */
export function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  if (bytes.subarray(1, 4).toString("latin1") !== "PNG") throw new Error(`${file} is not a PNG`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Registers the screenshots "specification" (last: it photographs what the others left). */
export function describeScreenshots(suite: () => UiSuite): void {
  describe("screenshots of the main pages for docs/img", () => {
    let watched: WatchedPage | undefined;
    const open = async (): Promise<WatchedPage> => {
      if (watched !== undefined) return watched;
      const opened = await suite().openPage();
      // The light theme, whatever the machine prefers and the UI remembers.
      await opened.context.addInitScript(() => {
        (globalThis as unknown as BrowserWindow).localStorage.setItem("ordo.theme", "light");
      });
      await opened.page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
      await opened.page.setViewportSize(VIEWPORT);
      return (watched = opened);
    };

    it.each(SHOTS)("$file: $what", async (shot) => {
      const { page, problems, clearProblems, settle } = await open();
      clearProblems();
      await shot.show(page, suite());
      await settle();
      await page.evaluate(() =>
        (globalThis as unknown as BrowserWindow).document.fonts.ready.then(() => undefined),
      );
      // Nothing hovered, and the canvases and live parts drawn.
      await page.mouse.move(VIEWPORT.width - 1, VIEWPORT.height - 1);
      await nextFrames(page);
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, shot.file);
      await page.screenshot({ path, animations: "disabled", caret: "hide" });
      expect(pngSize(path)).toEqual(VIEWPORT);
      expect(problems(), `problems on ${page.url()}`).toEqual([]);
    });
  });
}
