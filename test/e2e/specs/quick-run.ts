/**
 * Quick run from a deployment's page: the UI opens the new run, the worker runs it, and
 * the page follows it live (state and log lines) without a reload.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import { StateType } from "../../../src/states/index.js";
import { openTab, runIdOf, runState, waitForText } from "../helpers/ui-actions.js";
import type { UiSuite } from "../helpers/ui-suite.js";

const LINES = 8;

/** Registers the Quick run specification. */
export function describeQuickRun(suite: () => UiSuite): void {
  describe("Quick run", () => {
    it("starts a run of the deployment, opens it, and shows its state and log lines live until Completed", async () => {
      const { seeded, stack, openPage } = suite();
      const { page, problems, settle } = await openPage();
      await page.goto(`/deployments/${seeded.quick.id}`);
      await page.getByRole("button", { name: "Quick run" }).click();
      await page.waitForURL(/\/runs\/[0-9a-f-]{36}/, { timeout: 15_000 });
      const id = runIdOf(page);
      const created = await stack.client.readFlowRun(id);
      expect(created.deploymentId).toBe(seeded.quick.id);

      // Marks this document: a reload would lose the mark.
      await page.evaluate(() => {
        Object.assign(globalThis, { e2eSameDocument: true });
      });
      await openTab(page, /^logs$/i);
      const log = page.getByRole("log");
      await log.waitFor({ state: "visible", timeout: 15_000 });

      // Follow the log region while the run greets: the first lines appear before the last.
      const counts: number[] = [];
      const deadline = Date.now() + 45_000;
      for (;;) {
        const text = (await log.textContent()) ?? "";
        counts.push(new Set(text.match(/greeting line \d+ of \d+/g) ?? []).size);
        if (text.includes("greeting done")) break;
        if (Date.now() > deadline) throw new Error(`the greeting never finished; the log shows:\n${text}`);
        await page.waitForTimeout(100);
      }
      expect(counts.at(-1)).toBe(LINES);
      expect(
        counts.some((count) => count > 0 && count < LINES),
        `lines arrived one by one (line counts seen: ${[...new Set(counts)].join(", ")})`,
      ).toBe(true);

      await waitForText(runState(page), /\bCompleted\b/, 20_000);
      expect(await page.evaluate(() => "e2eSameDocument" in globalThis), "the page was not reloaded").toBe(
        true,
      );
      expect((await stack.client.readFlowRun(id)).state.type).toBe(StateType.COMPLETED);
      await settle();
      expect(problems()).toEqual([]);
    });
  });
}
