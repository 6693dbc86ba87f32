/**
 * Cancel run: from a running run's page, after the browser's confirmation, the run ends
 * Cancelled and its process is gone.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StateType } from "../../../src/states/index.js";
import { eventually } from "../../integration/worker/harness.js";
import { runState, waitForText } from "../helpers/ui-actions.js";
import type { UiSuite } from "../helpers/ui-suite.js";

/** True until signal 0 can no longer reach `pid` (what "the process is gone" means here). */
function signalReaches(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Registers the Cancel run specification. */
export function describeCancelRun(suite: () => UiSuite): void {
  describe("Cancel run", () => {
    it("asks for confirmation, then the running run turns Cancelled and its process is killed within 10 s", async () => {
      const { seeded, stack, openPage } = suite();
      const pidFile = join(stack.home, "sleeper.pid");
      const run = await stack.client.orchestration.createDeploymentFlowRun(seeded.sleeper.id, {
        parameters: { pidFile },
      });
      const pid = await eventually(
        "the sleeper's pid file",
        () =>
          existsSync(pidFile) && readFileSync(pidFile, "utf8") !== ""
            ? Number(readFileSync(pidFile, "utf8"))
            : undefined,
        30_000,
      );
      stack.track(pid);
      await eventually("the sleeper to be Running", async () =>
        (await stack.client.readFlowRun(run.id)).state.type === StateType.RUNNING ? true : undefined,
      );
      expect(signalReaches(pid)).toBe(true);

      const { page, problems } = await openPage();
      const dialogs: string[] = [];
      page.on("dialog", (dialog) => {
        dialogs.push(dialog.type());
        void dialog.accept();
      });
      await page.goto(`/runs/${run.id}`);
      await waitForText(runState(page), /\bRunning\b/);
      await page.getByRole("button", { name: "Cancel run" }).click();
      const clicked = Date.now();

      await waitForText(runState(page), /\bCancelled\b/, 10_000);
      expect(dialogs).toEqual(["confirm"]);
      await eventually(
        "the run's process to be gone",
        () => (signalReaches(pid) ? undefined : true),
        10_000 - (Date.now() - clicked),
      );
      expect(Date.now() - clicked).toBeLessThan(10_000);
      expect((await stack.client.readFlowRun(run.id)).state.type).toBe(StateType.CANCELLED);
      expect(problems()).toEqual([]);
    });
  });
}
