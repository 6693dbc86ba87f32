/**
 * A schedule's switch on a deployment's page: off pauses that one schedule (its future
 * runs go, the other schedule's stay), on resumes it (its runs are planned again).
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import type { Locator } from "playwright-core";
import { eventually } from "../../integration/worker/harness.js";
import type { UiSuite } from "../helpers/ui-suite.js";

const POOL = "e2e-schedules";

/** Waits until the switch shows `checked`. */
async function waitChecked(toggle: Locator, checked: boolean): Promise<void> {
  await eventually(`the switch to show ${checked ? "on" : "off"}`, async () =>
    (await toggle.getAttribute("aria-checked")) === String(checked) ? true : undefined,
  );
}

/** Registers the schedule switch specification. */
export function describeScheduleSwitch(suite: () => UiSuite): void {
  describe("Schedule switch", () => {
    it("pauses one schedule of a deployment and resumes it; the other schedule's runs stay", async () => {
      const { stack, openPage } = suite();
      const client = stack.client.orchestration;
      // A pool no worker polls: the planned runs stay Scheduled while the spec counts them.
      await client.createWorkPool({ name: POOL });
      const deployment = await client.createDeployment({
        flowName: "greeter",
        name: "two-schedules",
        entrypoint: "test/fixtures/e2e/flows.ts:greeter",
        workPoolName: POOL,
        schedules: [
          { interval: 3600, slug: "hourly" },
          { cron: "30 6 * * *", timezone: "Europe/Berlin", slug: "morning" },
        ],
      });
      const [hourly, morning] = deployment.schedules;
      const runsOf = async (scheduleId: string) =>
        (await stack.client.readFlowRuns({ deploymentIds: [deployment.id], limit: 1000 }))
          .filter((run) => run.scheduleId === scheduleId)
          .map((run) => run.id)
          .sort();
      const morningRuns = await runsOf(morning!.id);
      expect(await runsOf(hourly!.id)).toHaveLength(100);
      try {
        const { page, problems, settle } = await openPage();
        await page.goto(`/deployments/${deployment.id}`);
        const toggle = page.getByRole("switch", { name: /every 1 hour.*\(hourly\) active/ });
        await toggle.waitFor({ state: "visible", timeout: 15_000 });
        expect(await toggle.getAttribute("aria-checked")).toBe("true");

        await toggle.click();
        await waitChecked(toggle, false);
        await page.getByText(/is paused: its future runs are removed/).waitFor({ timeout: 10_000 });
        expect((await client.readDeployment(deployment.id)).schedules.map((s) => [s.id, s.active])).toEqual([
          [hourly!.id, false],
          [morning!.id, true],
        ]);
        expect(await runsOf(hourly!.id)).toEqual([]);
        expect(await runsOf(morning!.id)).toEqual(morningRuns);

        await toggle.click();
        await waitChecked(toggle, true);
        expect((await client.readDeployment(deployment.id)).schedules[0]).toMatchObject({ active: true });
        expect(await runsOf(hourly!.id)).toHaveLength(100);
        await settle();
        expect(problems()).toEqual([]);
      } finally {
        // Later specs (the screenshots) see the seeded deployments only.
        await client.deleteDeployment(deployment.id);
        await client.deleteWorkPool(POOL);
      }
    });
  });
}
