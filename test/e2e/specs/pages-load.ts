/**
 * Every page of the UI opens on seeded data without a console error, an uncaught error,
 * a failed request or an API error, and shows its heading.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import type { UiSuite } from "../helpers/ui-suite.js";
import type { WatchedPage } from "../helpers/watched-page.js";

/** The flow run page's tabs, as their `?tab=` values. */
export const FLOW_RUN_TABS = [
  "graph",
  "timeline",
  "logs",
  "task-runs",
  "subflows",
  "artifacts",
  "parameters",
  "states",
] as const;

/** A page to visit: its address (from the seeded data) and the heading it must show. */
interface Visit {
  readonly name: string;
  readonly path: (suite: UiSuite) => string;
  /** The h1's text; any non-empty heading when absent. */
  readonly heading?: RegExp;
}

const UNKNOWN: Visit = { name: "an unknown address", path: () => "/no/such/page", heading: /^not found$/i };

const run = (suite: UiSuite) => `/runs/${suite.seeded.completed.id}`;

const VISITS: readonly Visit[] = [
  { name: "the dashboard", path: () => "/", heading: /dashboard/i },
  { name: "the runs", path: () => "/runs", heading: /runs/i },
  { name: "the runs' task runs view", path: () => "/runs?view=task-runs", heading: /runs/i },
  { name: "a completed flow run", path: run },
  ...FLOW_RUN_TABS.map((tab) => ({
    name: `a flow run's ${tab} tab`,
    path: (suite: UiSuite) => `${run(suite)}?tab=${tab}`,
  })),
  { name: "a failed flow run", path: (suite) => `/runs/${suite.seeded.failed.id}` },
  { name: "a task run", path: (suite) => `/task-runs/${suite.seeded.taskRunId}` },
  { name: "the flows", path: () => "/flows", heading: /flows/i },
  { name: "a flow", path: () => "/flows/e2e-greeter", heading: /e2e-greeter/ },
  { name: "the deployments", path: () => "/deployments", heading: /deployments/i },
  { name: "a deployment", path: (suite) => `/deployments/${suite.seeded.quick.id}`, heading: /quick/ },
  { name: "the work pools", path: () => "/work-pools", heading: /work pools/i },
  { name: "a work pool", path: () => "/work-pools/e2e", heading: /e2e/ },
  { name: "the variables", path: () => "/variables", heading: /variables/i },
  { name: "the events", path: () => "/events", heading: /events/i },
  { name: "the artifacts", path: () => "/artifacts", heading: /artifacts/i },
  { name: "an artifact", path: (suite) => `/artifacts/${suite.seeded.artifactKey}`, heading: /e2e-greeting/ },
  { name: "the concurrency limits", path: () => "/concurrency", heading: /concurrency/i },
  { name: "the settings", path: () => "/settings", heading: /settings/i },
  UNKNOWN,
];

/** Registers the page-load specification. */
export function describePagesLoad(suite: () => UiSuite): void {
  describe("every page loads cleanly", () => {
    let watched: WatchedPage | undefined;
    const page = async () => (watched ??= await suite().openPage());

    it.each(VISITS)(
      "$name shows its heading with no console error, page error or failed request",
      async (visit) => {
        const current = await page();
        current.clearProblems();
        const path = visit.path(suite());
        await current.page.goto(path);
        const heading = current.page.locator("h1").first();
        await heading.waitFor({ state: "visible", timeout: 15_000 });
        await current.settle();
        const text = (await heading.textContent())?.trim() ?? "";
        expect(text, `the h1 of ${path}`).not.toBe("");
        if (visit.heading !== undefined) expect(text, `the h1 of ${path}`).toMatch(visit.heading);
        if (visit !== UNKNOWN) expect(text, `${path} is a known page`).not.toMatch(/^not found$/i);
        expect(await current.page.title(), `the document title of ${path}`).toMatch(/· Ordo$/);
        expect(current.problems(), `problems on ${path}`).toEqual([]);
      },
    );
  });
}
