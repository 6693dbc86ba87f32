import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";
import { spawnTsx } from "../../helpers/spawn-tsx.js";

const { client, home } = useTempOrdoHome();
const FIXTURE = join(import.meta.dirname, "fixtures", "crashable-flow.ts");
const SLOW_HOOK = join(import.meta.dirname, "fixtures", "slow-crash-hook-flow.ts");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("SIGTERM during a flow run", () => {
  it("flushes the recorder, marks the run Crashed, runs onCrashed hooks and ends the process with the signal", async () => {
    const counterFile = join(home(), "counter-sigterm.txt");
    writeFileSync(counterFile, "");
    const { child, done } = spawnTsx(FIXTURE, ["50", counterFile, "batched"], { ORDO_HOME: home() });
    const c = await client();
    const deadline = Date.now() + 30_000;
    let flowRunId: string | undefined;
    while (Date.now() < deadline) {
      const [run] = (await c.readFlowRuns({ flowName: "crashable", limit: 10 })).filter(
        (r) => r.pid === child.pid,
      );
      if (run !== undefined && (await c.readTaskRuns({ flowRunId: run.id })).length >= 3) {
        flowRunId = run.id;
        break;
      }
      await sleep(10);
    }
    expect(flowRunId).toBeDefined();
    child.kill("SIGTERM");
    const exit = await done;
    expect(exit.signal).toBe("SIGTERM");
    const run = await c.readFlowRun(flowRunId!);
    expect(run.state.name).toBe("Crashed");
    expect(run.state.message).toContain("SIGTERM");
    // Every step the process started is in the store: nothing recorded was lost.
    const started = new Set(
      (await import("node:fs")).readFileSync(counterFile, "utf8").split("\n").filter(Boolean),
    );
    const recorded = await c.readTaskRuns({ flowRunId: flowRunId! });
    expect(recorded.length).toBeGreaterThanOrEqual(started.size);
    expect(recorded.every((r) => r.state.type === "COMPLETED" || r.state.type === "CRASHED")).toBe(true);
    expect(readFileSync(`${counterFile}.crashed`, "utf8")).toBe("Crashed");
    const logs = await c.readLogs({ flowRunId: flowRunId! });
    expect(logs.some((l) => l.message.includes("received SIGTERM"))).toBe(true);
  });

  it("starts and records no task run once the run is being marked Crashed", async () => {
    const marker = join(home(), "slow-hook.marker");
    const { child, done } = spawnTsx(SLOW_HOOK, [marker], { ORDO_HOME: home() });
    const deadline = Date.now() + 30_000;
    while (!existsSync(marker) && Date.now() < deadline) await sleep(10);
    child.kill("SIGTERM");
    expect((await done).signal).toBe("SIGTERM");
    const c = await client();
    const [run] = await c.readFlowRuns({ flowName: "slow-crash-hook", limit: 1 });
    expect(run?.state.name).toBe("Crashed");
    // The first step ended while the hook ran; the second was called then, and never began.
    const recorded = await c.readTaskRuns({ flowRunId: run!.id });
    expect(recorded.map((r) => r.dynamicKey)).toEqual(["0"]);
  });
});
