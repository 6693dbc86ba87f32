/**
 * A node of a large run graph opens its run: a run of 1,000 mapped task runs draws, and
 * a click on a task run's node (found as a user finds one, zoomed in with the graph's own
 * buttons, where the pointer turns into a hand and the tooltip names the run) opens that
 * task run's page.
 *
 * @module
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { runFanOut } from "../helpers/seed.js";
import {
  exactly,
  hoverGraphNode,
  nextFrames,
  openRunGraph,
  report,
  waitForText,
  type HoveredNode,
} from "../helpers/ui-actions.js";
import type { UiSuite } from "../helpers/ui-suite.js";

const TASKS = 1_000;
/** The whole test, from starting the run to the task run's page. */
const BUDGET_MS = 30_000;
/** Clicks on Zoom in (×1.5 each) before looking for a node: nodes big enough to read. */
const ZOOM_INS = 3;

/**
 * When the page first asked for the run's graph, and when its read of the run itself had
 * answered (ms from the navigation, Resource Timing of the page's first requests).
 */
async function graphAndRunReads(
  page: Page,
  flowRunId: string,
): Promise<{ graphAskedAt: number; runAnsweredAt: number }> {
  return page.evaluate((id) => {
    type Entry = { name: string; startTime: number; responseEnd: number };
    const entries = performance.getEntriesByType("resource") as unknown as Entry[];
    const path = (entry: Entry) => new URL(entry.name).pathname;
    const graph = entries.find((e) => path(e) === `/api/flow_runs/${id}/graph`);
    const run = entries.find((e) => path(e) === `/api/flow_runs/${id}`);
    if (graph === undefined || run === undefined)
      throw new Error("the page read neither the run nor its graph");
    return { graphAskedAt: graph.startTime, runAnsweredAt: run.responseEnd };
  }, flowRunId);
}

/** Registers the graph-click specification. */
export function describeGraphOpen(suite: () => UiSuite): void {
  describe("a node of a large run graph", () => {
    it(
      `of a run of ${TASKS.toLocaleString("en")} task runs opens its task run's page when clicked`,
      async () => {
        const started = Date.now();
        const { stack, openPage } = suite();
        const flowRunId = await runFanOut(stack, TASKS);
        const ran = Date.now();

        const { page, problems, settle } = await openPage();
        const canvas = await openRunGraph(page, flowRunId, TASKS);
        const reads = await graphAndRunReads(page, flowRunId);
        expect(
          reads.graphAskedAt,
          "opened on its Graph tab, the page asks for the graph before the run's own read has answered",
        ).toBeLessThan(reads.runAnsweredAt);
        const toolbar = page.getByRole("toolbar", { name: /^Run graph: .*: view$/ });
        for (let i = 0; i < ZOOM_INS; i++) await toolbar.getByRole("button", { name: "Zoom in" }).click();
        let node: HoveredNode | undefined = await hoverGraphNode(page, canvas);
        let fitted = false;
        if (node === undefined) {
          fitted = true;
          // The middle of the zoomed view is empty: the whole graph, fitted, has nodes.
          await toolbar.getByRole("button", { name: "Fit" }).click();
          await nextFrames(page);
          node = await hoverGraphNode(page, canvas);
        }
        if (node === undefined)
          throw new Error("no point of the graph's canvas turned the pointer into a hand");
        expect(node.text, "the hovered node's tooltip").toContain("Task run");
        expect(node.name).not.toBe("");

        await page.mouse.click(node.x, node.y);
        await page.waitForURL(/\/task-runs\/[0-9a-f-]{36}$/, { timeout: 10_000 });
        const taskRunId = /\/task-runs\/([0-9a-f-]{36})$/.exec(new URL(page.url()).pathname)![1]!;
        const taskRun = await stack.client.readTaskRun(taskRunId);
        expect(taskRun.flowRunId, "the clicked task run belongs to the run of the graph").toBe(flowRunId);
        expect(taskRun.name, "the page opened is the run the tooltip named").toBe(node.name);
        await waitForText(page.locator("h1").first(), exactly(taskRun.name));
        await settle();
        expect(problems()).toEqual([]);

        const took = Date.now() - started;
        report(
          `graph of ${TASKS} task runs: run in ${ran - started} ms, ${taskRun.name} opened from the canvas ${took - (ran - started)} ms later (found at the ${fitted ? "fitted" : `${ZOOM_INS}× zoomed-in`} view after ${node.moves} mouse moves)`,
        );
        expect(took, `the whole test (budget ${BUDGET_MS} ms)`).toBeLessThan(BUDGET_MS);
      },
      BUDGET_MS + 10_000,
    );
  });
}
