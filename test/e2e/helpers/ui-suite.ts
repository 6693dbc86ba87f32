/**
 * What the browser specs share: one server, one worker, the seeded data and one headless
 * Chromium for the whole suite (started in `beforeAll`, stopped in `afterAll`), and pages
 * that record their problems.
 *
 * @module
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "../../helpers/chromium.js";
import { startOrdoStack, type OrdoStack } from "./ordo-stack.js";
import { seed, type Seeded } from "./seed.js";
import { report } from "./ui-actions.js";
import { openWatchedPage, type ExpectedFailure, type WatchedPage } from "./watched-page.js";

/** The suite's installation, data and browser, read inside tests. */
export interface UiSuite {
  readonly stack: OrdoStack;
  readonly seeded: Seeded;
  readonly browser: Browser;
  /** A new page (in its own browser context) on the server's UI; closed after the suite. */
  readonly openPage: (expected?: ExpectedFailure) => Promise<WatchedPage>;
}

/** Registers the hooks that start and stop the suite's processes; returns its accessor. */
export function useUiSuite(executablePath: string): () => UiSuite {
  let suite: UiSuite | undefined;
  let stack: OrdoStack | undefined;
  let browser: Browser | undefined;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    const started = Date.now();
    const launching = launchChromium(executablePath);
    // A browser that started while the stack failed must still be closed.
    launching.then((b) => (browser = b)).catch(() => undefined);
    stack = await startOrdoStack();
    const seeded = await seed(stack);
    const ready = await launching;
    const current = stack;
    suite = {
      stack: current,
      seeded,
      browser: ready,
      async openPage(expected) {
        const page = await openWatchedPage(ready, current.url, expected);
        pages.push(page);
        return page;
      },
    };
    report(`server, worker, seed data and Chromium ready in ${Date.now() - started} ms`);
  });

  afterAll(async () => {
    await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
    await browser?.close().catch(() => undefined);
    await stack?.stop();
  });

  return () => {
    if (suite === undefined) throw new Error("the UI suite is read inside tests, after it started");
    return suite;
  };
}
