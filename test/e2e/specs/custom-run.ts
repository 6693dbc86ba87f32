/**
 * Custom run: the form generated from the deployment's parameter schema refuses values
 * the schema refuses, field by field, and creates nothing; valid values make a run with
 * exactly those parameters.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import { countRuns, describedText } from "../helpers/ui-actions.js";
import type { UiSuite } from "../helpers/ui-suite.js";

/** Registers the Custom run specification. */
export function describeCustomRun(suite: () => UiSuite): void {
  describe("Custom run", () => {
    it("marks an out-of-range number and an empty required text invalid, creates no run, then runs valid input", async () => {
      const { seeded, stack, openPage } = suite();
      const { page, problems } = await openPage(
        // The server may be asked and answer 422: that is the form doing its job.
        ({ method, path, status }) =>
          method === "POST" &&
          path === `/api/deployments/${seeded.custom.id}/create_flow_run` &&
          status === 422,
      );
      const ofDeployment = { deploymentIds: [seeded.custom.id] };
      const before = await countRuns(stack, ofDeployment);

      await page.goto(`/deployments/${seeded.custom.id}`);
      await page.getByRole("button", { name: "Custom run" }).click();
      const form = page.getByRole("form", { name: "Custom run" });
      await form.waitFor({ state: "visible", timeout: 15_000 });
      const lines = form.getByLabel(/^\s*lines\b/i);
      const who = form.getByLabel(/^\s*who\b/i);

      // What the fields say while valid (their help), to tell the error text apart.
      const helpOf = { lines: await describedText(lines), who: await describedText(who) };
      await lines.fill("99");
      await who.fill("");
      await form.getByRole("button", { name: "Run", exact: true }).click();

      for (const [field, name] of [
        [lines, "lines"],
        [who, "who"],
      ] as const) {
        await expect
          .poll(() => field.getAttribute("aria-invalid"), { timeout: 5_000, message: `${name} is invalid` })
          .toBe("true");
        const described = await describedText(field);
        expect(described.replace(helpOf[name], "").trim(), `the error text of ${name}`).not.toBe("");
      }
      // Give a wrongly created run time to show up in the API.
      await page.waitForTimeout(1_000);
      expect(await countRuns(stack, ofDeployment), "runs of the deployment after the invalid submit").toBe(
        before,
      );
      expect(new URL(page.url()).pathname).toBe(`/deployments/${seeded.custom.id}`);

      await lines.fill("3");
      await who.fill("e2e custom");
      await form.getByRole("button", { name: "Run", exact: true }).click();
      await expect
        .poll(() => countRuns(stack, ofDeployment), { timeout: 10_000, message: "a run was created" })
        .toBe(before + 1);
      const [created] = await stack.client.readFlowRuns({ deploymentIds: [seeded.custom.id], limit: 1 });
      expect(created?.parameters).toMatchObject({ lines: 3, who: "e2e custom" });
      expect(problems()).toEqual([]);
    });
  });
}
