/**
 * Cases: pausing and resuming flow runs (pause info stored with the state change, resume
 * input validated against the stored schema and written with the transition).
 *
 * @module
 */
import { hostname } from "node:os";
import { describe, expect, it } from "vitest";
import type { PauseInfo } from "../../../../src/schemas/index.js";
import { expectCode, state, type SuiteClient, type SuiteContext } from "./helpers.js";

const SCHEMA = {
  type: "object",
  properties: { approved: { type: "boolean" }, reviewer: { type: "string" } },
  required: ["approved", "reviewer"],
};

async function pausedRun(
  client: SuiteClient,
  name: "Paused" | "Suspended",
  pause: Partial<PauseInfo> = {},
): Promise<string> {
  const run = await client.createFlowRun({ flowName: "approvals", name: "r" });
  await client.setFlowRunState(run.id, state("RUNNING", "Running"));
  const result = await client.setFlowRunState(run.id, state("PAUSED", name), {
    pause: { key: "pause-0", timeoutAt: Date.now() + 60_000, inputSchema: SCHEMA, ...pause },
  });
  expect(result.status).toBe("ACCEPT");
  return run.id;
}

/** Cases: pausing and resuming flow runs. */
export function pauseResumeCases(ctx: SuiteContext): void {
  describe("pause and resume", () => {
    it("stores the pause with the Paused state and shows it while the run is paused", async () => {
      const client = await ctx.open();
      const id = await pausedRun(client, "Paused");
      const run = await client.readFlowRun(id);
      expect(run.state.name).toBe("Paused");
      expect(run.pause).toMatchObject({ key: "pause-0", inputSchema: SCHEMA });
      expect(run.resumeInputs).toBeUndefined();
    });

    it("resumes a Paused run to Running with the input kept under the pause key, the run count unchanged", async () => {
      const client = await ctx.open();
      const id = await pausedRun(client, "Paused");
      const run = await client.resumeFlowRun(id, { approved: true, reviewer: "ada" });
      expect(run.state).toMatchObject({ type: "RUNNING", name: "Running" });
      expect(run.runCount).toBe(1);
      expect(run.pause).toBeUndefined();
      expect(run.resumeInputs).toEqual({ "pause-0": { approved: true, reviewer: "ada" } });
      expect((await client.readFlowRunStates(id)).map((s) => s.name)).toEqual([
        "Pending",
        "Running",
        "Paused",
        "Running",
      ]);
    });

    it("resumes a Suspended run to Scheduled now", async () => {
      const client = await ctx.open();
      const id = await pausedRun(client, "Suspended");
      const before = Date.now();
      const run = await client.resumeFlowRun(id, { approved: false, reviewer: "bob" });
      expect(run.state).toMatchObject({ type: "SCHEDULED", name: "Scheduled" });
      expect(run.state.scheduledTime).toBeGreaterThanOrEqual(before - 5);
      expect(run.state.scheduledTime).toBeLessThanOrEqual(Date.now());
    });

    it("refuses invalid input naming each field, and writes nothing", async () => {
      const client = await ctx.open();
      const id = await pausedRun(client, "Paused");
      const error = await client.resumeFlowRun(id, { approved: "yes" }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: "ORDO_INVALID_INPUT" });
      const message = (error as Error).message;
      expect(message).toContain("input.approved");
      expect(message).toContain("input.reviewer");
      await expectCode(client.resumeFlowRun(id), "ORDO_INVALID_INPUT");
      const run = await client.readFlowRun(id);
      expect(run.state.name).toBe("Paused");
      expect(run.resumeInputs).toBeUndefined();
      expect(await client.readFlowRunStates(id)).toHaveLength(3);
    });

    it("refuses to resume a run that is not paused, or whose pause timed out", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({ flowName: "approvals", name: "r" });
      await expectCode(client.resumeFlowRun(run.id), "ORDO_NOT_PAUSED");
      const late = await pausedRun(client, "Paused", { timeoutAt: Date.now() - 1 });
      await expectCode(client.resumeFlowRun(late, { approved: true, reviewer: "x" }), "ORDO_NOT_PAUSED");
      await expectCode(client.resumeFlowRun("no-such-run"), "ORDO_NOT_FOUND");
    });

    it("fails paused runs past their deadline and leaves the others", async () => {
      const client = await ctx.open();
      const late = await pausedRun(client, "Suspended", { timeoutAt: Date.now() - 1 });
      const onTime = await pausedRun(client, "Suspended");
      await client.markCrashedRuns();
      const failed = await client.readFlowRun(late);
      expect(failed.state).toMatchObject({ type: "FAILED", name: "Failed" });
      expect(failed.state.message).toMatch(/^paused run was not resumed within \d+ s$/);
      expect((await client.readFlowRun(onTime)).state.name).toBe("Suspended");
    });

    it("never marks a PAUSED run Crashed, even when its process is gone", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({
        flowName: "approvals",
        name: "r",
        host: hostname(),
        pid: 2_147_483_000, // no such process
      });
      await client.setFlowRunState(run.id, state("RUNNING", "Running"));
      await client.setFlowRunState(run.id, state("PAUSED", "Suspended"), {
        pause: { key: "pause-0", timeoutAt: Date.now() + 60_000 },
      });
      expect(await client.markCrashedRuns()).not.toContain(run.id);
      expect((await client.readFlowRun(run.id)).state.name).toBe("Suspended");
    });
  });
}
