/**
 * `ordo run`, `ordo deploy` and `ordo flow-run retry` from the built package load a TypeScript flow file compiled
 * ahead, as runs' processes do: the `ordo` bin starts itself again with the Node.js option
 * that needs, relays signals to that process and ends as it ended.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFlowProject } from "../../helpers/flow-project.js";
import { alive, eventually, useWorkerHarness } from "../worker/harness.js";

const harness = useWorkerHarness();

const FLOWS = `
import { existsSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { flow, task } from "ordo";

const double = task({ name: "double" }, (n: number): number => n * 2);

export const etl = flow(
  { name: "compiled-etl", params: z.object({ n: z.number().int().min(1) }) },
  async ({ n }) => double(n),
);

export const fails = flow({ name: "compiled-fails" }, async () => {
  throw new Error("the flow failed on purpose");
});

export const flaky = flow({ name: "compiled-flaky", params: z.object({ marker: z.string() }) }, async ({ marker }) => {
  const doubled = await double(21);
  if (!existsSync(marker)) {
    writeFileSync(marker, "");
    throw new Error("fails the first time");
  }
  return doubled;
});

export const waits = flow({ name: "compiled-waits", params: z.object({ marker: z.string() }) }, async ({ marker }) => {
  writeFileSync(marker, String(process.pid));
  await new Promise((done) => setTimeout(done, 60_000));
});
`;

let project = "";
beforeEach(() => {
  project = createFlowProject("compiled-cli-", {
    "package.json": JSON.stringify({ name: "etl", type: "module" }),
    "flows/etl.ts": FLOWS,
  });
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

/** The flow files compiled in the Ordo home `dir`, by the names of their cache folders. */
function compiledFlows(dir: string): string[] {
  const cache = join(dir, "cache", "flows");
  return existsSync(cache) ? readdirSync(cache) : [];
}

describe("the CLI loads flow files compiled ahead", () => {
  it("`ordo run` runs the compiled flow and exits as the run ended; `ordo deploy` reads its schema the same way", async () => {
    const { ordo, client, dir } = harness();
    const run = ordo(["run", "flows/etl.ts:etl", "--param", "n=21"], {}, project);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(run.output()).toMatch(/finished in state Completed/);
    const [completed] = await client.readFlowRuns({ flowName: "compiled-etl", limit: 1 });
    expect(completed?.state.name).toBe("Completed");
    expect(compiledFlows(dir)).toHaveLength(1);

    const refused = ordo(["run", "flows/etl.ts:etl", "--param", "n=0"], {}, project);
    expect((await refused.exited).code).toBe(2);
    expect(refused.output()).toMatch(/n: Too small.*ORDO_INVALID_PARAMETERS/);

    const failed = ordo(["run", "flows/etl.ts:fails"], {}, project);
    expect(await failed.exited).toEqual({ code: 1, signal: null });
    expect(failed.output()).toContain("the flow failed on purpose");

    await client.orchestration.createWorkPool({ name: "local", type: "process" });
    const deploy = ordo(["deploy", "flows/etl.ts:etl", "--name", "compiled", "--pool", "local"], {}, project);
    expect((await deploy.exited).code).toBe(0);
    const deployment = await client.orchestration.readDeployment("compiled-etl/compiled");
    expect(deployment.parameterSchema).toMatchObject({ properties: { n: { type: "integer", minimum: 1 } } });
    expect(compiledFlows(dir)).toHaveLength(1); // the same file, compiled once
  });

  it("`ordo flow-run retry` loads the run's flow file compiled ahead and resumes it", async () => {
    const { ordo, client, dir } = harness();
    const marker = join(dir, "flaky.marker");
    const first = ordo(["run", "flows/etl.ts:flaky", "--param", `marker=${marker}`], {}, project);
    expect((await first.exited).code).toBe(1);
    const [failed] = await client.readFlowRuns({ flowName: "compiled-flaky", limit: 1 });
    expect(failed?.state.name).toBe("Failed");

    // Compiled again by the retry, not loaded through tsx.
    rmSync(join(dir, "cache", "flows"), { recursive: true, force: true });
    const retry = ordo(["flow-run", "retry", failed!.id], {}, project);
    expect(await retry.exited).toEqual({ code: 0, signal: null });
    expect(retry.output()).toMatch(/finished in state Completed/);
    expect((await client.readFlowRun(failed!.id)).state.name).toBe("Completed");
    // The task that completed before is not run again.
    expect(await client.readTaskRuns({ flowRunId: failed!.id })).toHaveLength(1);
    expect(compiledFlows(dir)).toHaveLength(1);
  });

  it("relays SIGTERM to the run: it is marked Crashed and `ordo run` ends with the signal", async () => {
    const { ordo, client, dir } = harness();
    const marker = join(dir, "waits.pid");
    const run = ordo(["run", "flows/etl.ts:waits", "--param", `marker=${marker}`], {}, project);
    await eventually("the flow's first line", () => (existsSync(marker) ? true : undefined), 20_000);
    run.child.kill("SIGTERM");
    expect(await run.exited).toEqual({ code: null, signal: "SIGTERM" });
    const [crashed] = await client.readFlowRuns({ flowName: "compiled-waits", limit: 1 });
    expect(crashed?.state).toMatchObject({ name: "Crashed", message: expect.stringContaining("SIGTERM") });
  });

  it("takes the run's process with it when killed outright (SIGKILL): the run is marked Crashed, nothing runs on", async () => {
    const { ordo, client, dir, track } = harness();
    const marker = join(dir, "orphan.pid");
    const run = ordo(["run", "flows/etl.ts:waits", "--param", `marker=${marker}`], {}, project);
    const runPid = await eventually(
      "the flow's first line",
      () => (existsSync(marker) ? Number(readFileSync(marker, "utf8")) : undefined),
      20_000,
    );
    track(runPid);
    expect(runPid).not.toBe(run.child.pid);
    run.child.kill("SIGKILL");
    expect(await run.exited).toEqual({ code: null, signal: "SIGKILL" });
    await eventually("the run's process to end", () => (alive(runPid) ? undefined : true), 5_000);
    const [crashed] = await client.readFlowRuns({ flowName: "compiled-waits", limit: 1 });
    expect(crashed?.state).toMatchObject({ name: "Crashed", message: expect.stringContaining("SIGTERM") });
  });
});
