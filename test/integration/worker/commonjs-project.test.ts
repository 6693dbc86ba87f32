/**
 * A project as `npm init` makes it: a `package.json` without `"type": "module"`, so
 * Node.js loads its TypeScript files as CommonJS (tsx compiles their `import`s to
 * `require`). Its flows run with `ordo run`, deploy with `ordo deploy`, and run on a
 * worker (loaded through tsx: a CommonJS file is not compiled ahead).
 */
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFlowProject } from "../../helpers/flow-project.js";
import { useWorkerHarness } from "./harness.js";

const harness = useWorkerHarness();

const FLOW = `
import { z } from "zod";
import { flow, task } from "ordo";

const double = task({ name: "double" }, (n: number): number => n * 2);

export const etl = flow(
  { name: "commonjs-etl", params: z.object({ n: z.number().int().min(1).default(2) }) },
  async ({ n }) => double(n),
);
`;

let project = "";
beforeEach(() => {
  project = createFlowProject("commonjs-", {
    "package.json": JSON.stringify({ name: "etl", type: "commonjs" }),
    "flows/etl.ts": FLOW,
  });
});
afterEach(() => rmSync(project, { recursive: true, force: true }));

describe('a TypeScript project without "type": "module"', () => {
  it("runs its flow with `ordo run`, refuses bad parameters by the flow's schema, and deploys it with its schema", async () => {
    const { ordo, client } = harness();
    const run = ordo(["run", "flows/etl.ts:etl", "--param", "n=21"], {}, project);
    expect((await run.exited).code).toBe(0);
    expect(run.output()).toMatch(/finished in state Completed/);

    const refused = ordo(["run", "flows/etl.ts:etl", "--param", "n=0"], {}, project);
    expect((await refused.exited).code).not.toBe(0);
    expect(refused.output()).toMatch(/n: Too small.*ORDO_INVALID_PARAMETERS/);

    await client.orchestration.createWorkPool({ name: "local", type: "process" });
    const deploy = ordo(["deploy", "flows/etl.ts:etl", "--name", "cjs", "--pool", "local"], {}, project);
    expect((await deploy.exited).code).toBe(0);
    const deployment = await client.orchestration.readDeployment("commonjs-etl/cjs");
    expect(deployment.parameterSchema).toMatchObject({ properties: { n: { type: "integer", minimum: 1 } } });
  });

  it("runs its deployment on a worker, loaded through tsx", async () => {
    const { client, dir, worker, waitForRun } = harness();
    await client.orchestration.createWorkPool({ name: "local", type: "process" });
    await client.orchestration.createDeployment({
      flowName: "commonjs-etl",
      name: "cjs",
      entrypoint: "flows/etl.ts:etl",
      path: project,
      workPoolName: "local",
    });
    await worker("local");
    const created = await client.orchestration.createDeploymentFlowRun("commonjs-etl/cjs", {
      parameters: { n: 5 },
    });
    const finished = await waitForRun(
      created.id,
      (r) => r.state.type === "COMPLETED" || r.state.type === "FAILED",
    );
    expect(finished.state.type).toBe("COMPLETED");

    const cache = join(dir, "cache", "flows");
    const [key] = readdirSync(cache);
    const manifest = JSON.parse(readFileSync(join(cache, key!, "manifest.json"), "utf8")) as {
      output: string | null;
      reason: string;
    };
    expect(manifest.output).toBeNull();
    expect(manifest.reason).toMatch(/is not an ES module/);
  });
});
