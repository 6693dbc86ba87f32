/**
 * Every page of the UI opens on seeded data and shows its heading, without a console
 * error, an uncaught error, a failed request or an API error.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import { exactly, waitForText } from "../helpers/ui-actions.js";
import type { UiSuite } from "../helpers/ui-suite.js";
import type { WatchedPage } from "../helpers/watched-page.js";

/** The flow run page's tabs: their `?tab=` values and labels. */
export const FLOW_RUN_TABS = [
  { id: "graph", label: "Graph" },
  { id: "timeline", label: "Timeline" },
  { id: "logs", label: "Logs" },
  { id: "task-runs", label: "Task runs" },
  { id: "subflows", label: "Subflows" },
  { id: "artifacts", label: "Artifacts" },
  { id: "parameters", label: "Parameters & result" },
  { id: "states", label: "State history" },
] as const;

/** A page to visit: its address and heading (from the seeded data). */
interface Visit {
  readonly name: string;
  readonly path: (suite: UiSuite) => string;
  /** What the h1 says once the page has its data. */
  readonly heading: (suite: UiSuite) => RegExp;
  /** On a flow run page: the tab that must be marked as the current one. */
  readonly tab?: string;
}

const runPath = (suite: UiSuite) => `/runs/${suite.seeded.completed.id}`;
const runName = (suite: UiSuite) => exactly(suite.seeded.completed.name);
const fixed = (pattern: RegExp) => () => pattern;

const UNKNOWN: Visit = {
  name: "an unknown address",
  path: () => "/no/such/page",
  heading: fixed(/^not found$/i),
};

const VISITS: readonly Visit[] = [
  { name: "the dashboard", path: () => "/", heading: fixed(/dashboard/i) },
  { name: "the runs", path: () => "/runs", heading: fixed(/runs/i) },
  { name: "the runs' task-run view", path: () => "/runs?view=task-runs", heading: fixed(/runs/i) },
  { name: "a completed flow run", path: runPath, heading: runName, tab: "Graph" },
  ...FLOW_RUN_TABS.map(({ id, label }) => ({
    name: `a flow run's ${label} tab`,
    path: (suite: UiSuite) => `${runPath(suite)}?tab=${id}`,
    heading: runName,
    tab: label,
  })),
  {
    name: "a failed flow run",
    path: (suite) => `/runs/${suite.seeded.failed.id}`,
    heading: (suite) => exactly(suite.seeded.failed.name),
  },
  {
    name: "a task run",
    path: (suite) => `/task-runs/${suite.seeded.taskRun.id}`,
    heading: (suite) => exactly(suite.seeded.taskRun.name),
  },
  { name: "the flows", path: () => "/flows", heading: fixed(/flows/i) },
  { name: "a flow", path: () => "/flows/e2e-greeter", heading: fixed(exactly("e2e-greeter")) },
  { name: "the deployments", path: () => "/deployments", heading: fixed(/deployments/i) },
  {
    name: "a deployment",
    path: (suite) => `/deployments/${suite.seeded.quick.id}`,
    heading: fixed(/\bquick\b/),
  },
  { name: "the work pools", path: () => "/work-pools", heading: fixed(/work pools/i) },
  { name: "a work pool", path: () => "/work-pools/e2e", heading: fixed(exactly("e2e")) },
  { name: "the variables", path: () => "/variables", heading: fixed(/variables/i) },
  { name: "the events", path: () => "/events", heading: fixed(/events/i) },
  { name: "the artifacts", path: () => "/artifacts", heading: fixed(/artifacts/i) },
  {
    name: "an artifact",
    path: (suite) => `/artifacts/${suite.seeded.artifactKey}`,
    heading: (suite) => exactly(suite.seeded.artifactKey),
  },
  { name: "the concurrency limits", path: () => "/concurrency", heading: fixed(/concurrency/i) },
  { name: "the settings", path: () => "/settings", heading: fixed(/settings/i) },
  UNKNOWN,
];

/** Registers the page-load specification. */
export function describePagesLoad(suite: () => UiSuite): void {
  describe("every page loads cleanly", () => {
    let watched: WatchedPage | undefined;
    const open = async () => (watched ??= await suite().openPage());

    it.each(VISITS)(
      "$name shows its heading with no console error, page error or failed request",
      async (visit) => {
        const { page, clearProblems, settle, problems } = await open();
        clearProblems();
        const path = visit.path(suite());
        await page.goto(path);
        // The page's own heading comes first (content such as a Markdown artifact may have more).
        const heading = page.locator("h1").first();
        await waitForText(heading, visit.heading(suite()));
        if (visit !== UNKNOWN) expect(await heading.textContent()).not.toMatch(/^\s*not found\s*$/i);
        if (visit.tab !== undefined) {
          const current = page.locator('.tabs [aria-current="page"], [role="tab"][aria-selected="true"]');
          await waitForText(current, exactly(visit.tab));
        }
        await settle();
        expect(await page.title(), `the document title of ${path}`).toMatch(/· Ordo$/);
        expect(problems(), `problems on ${path}`).toEqual([]);
      },
    );
  });
}
