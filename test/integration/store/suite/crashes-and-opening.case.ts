/**
 * Cases: crash detection, and opening a database again.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { RESULT, state, taskRun, batch, exitedPid, type SuiteContext } from "./helpers.js";

/** Cases: crash detection, and opening a database again. */
export function crashAndOpeningCases(ctx: SuiteContext): void {
  describe("crashed runs", () => {
    it("marks Crashed a run whose process on this host is gone, with its unfinished task runs", async () => {
      const client = await ctx.open();
      const pid = await exitedPid();
      const run = await client.createFlowRun({ flowName: "etl", name: "r", host: hostname(), pid });
      await client.setFlowRunState(run.id, state("RUNNING", "Running", 1_000));
      const running = taskRun(run.id);
      const done = taskRun(run.id, { state: state("COMPLETED", "Completed"), result: RESULT });
      await client.recordBatch(batch({ taskRuns: [running, done] }));

      expect(await client.markCrashedRuns()).toEqual([run.id]);

      const crashed = await client.readFlowRun(run.id);
      expect(crashed.state).toMatchObject({
        type: "CRASHED",
        name: "Crashed",
        message: `process ${pid} on host ${hostname()} is gone`,
      });
      expect(crashed.endTime).toBe(crashed.state.timestamp);
      expect((await client.readFlowRunStates(run.id)).at(-1)).toEqual(crashed.state);
      const task = await client.readTaskRun(running.id);
      expect(task.state).toEqual(crashed.state);
      expect(task.stateHistory.at(-1)).toEqual([
        "CRASHED",
        "Crashed",
        crashed.state.timestamp,
        crashed.state.message,
      ]);
      expect(task.endTime).toBe(crashed.state.timestamp);
      expect(await client.readTaskRunStates(running.id)).toEqual([crashed.state]);
      expect(await client.readTaskRun(done.id)).toEqual(done);
      expect(await client.markCrashedRuns()).toEqual([]);
    });

    it.skipIf(ctx.capabilities.crashesMarkedOnOpen === false)(
      "marks them the next time the store is opened",
      async () => {
        const client = await ctx.open();
        const key = ctx.lastKey();
        const run = await client.createFlowRun({
          flowName: "etl",
          name: "r",
          host: hostname(),
          pid: await exitedPid(),
          state: state("RUNNING", "Running"),
        });
        await client.close();
        const reopened = await ctx.open(key);
        expect((await reopened.readFlowRun(run.id)).state.type).toBe("CRASHED");
      },
    );

    it("leaves runs whose process lives, the current process's runs, and runs of other hosts with a recent heartbeat", async () => {
      const client = await ctx.open();
      const sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
      try {
        const alive = await client.createFlowRun({
          flowName: "etl",
          name: "a",
          host: hostname(),
          pid: sleeper.pid!,
          state: state("RUNNING", "Running"),
        });
        const mine = await client.createFlowRun({
          flowName: "etl",
          name: "m",
          host: hostname(),
          pid: process.pid,
          state: state("RUNNING", "Running"),
        });
        const remote = await client.createFlowRun({
          flowName: "etl",
          name: "r",
          host: `elsewhere-${randomUUID()}`,
          pid: 1,
          state: state("RUNNING", "Running"),
        });
        await client.heartbeatFlowRun(remote.id);
        expect(await client.markCrashedRuns()).toEqual([]);
        for (const id of [alive.id, mine.id, remote.id])
          expect((await client.readFlowRun(id)).state.type).toBe("RUNNING");
      } finally {
        sleeper.kill();
      }
    });

    it("leaves finished runs of dead processes alone", async () => {
      const client = await ctx.open();
      const run = await client.createFlowRun({
        flowName: "etl",
        name: "r",
        host: hostname(),
        pid: await exitedPid(),
      });
      await client.setFlowRunState(run.id, state("COMPLETED", "Completed"));
      expect(await client.markCrashedRuns()).toEqual([]);
    });
  });

  describe("opening", () => {
    it("opens an existing database again, keeping its data (migrations apply once)", async () => {
      const client = await ctx.open();
      const key = ctx.lastKey();
      const run = await client.createFlowRun({ flowName: "etl", name: "r" });
      await client.close();
      const again = await ctx.open(key);
      expect(await again.readFlowRun(run.id)).toEqual(run);
      const third = await ctx.open(key);
      expect(await third.readFlowRun(run.id)).toEqual(run);
    });

    it("says it is embedded or http", async () => {
      const client = await ctx.open();
      expect(["embedded", "http"]).toContain(client.kind);
    });
  });
}
