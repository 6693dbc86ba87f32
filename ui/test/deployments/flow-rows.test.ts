import { describe, expect, it } from "vitest";
import type { Flow, FlowRun } from "../../src/api/types.js";
import { flowRows } from "../../src/pages/flows/flow-rows.js";

function run(id: string, flowName: string): FlowRun {
  return {
    id,
    flowId: `f-${flowName}`,
    flowName,
    name: id,
    state: { type: "COMPLETED", name: "Completed", timestamp: 1 },
    parameters: {},
    tags: [],
    runCount: 1,
    retries: 0,
    totalRunTimeMs: 0,
    createdAt: 1,
    updatedAt: 1,
  };
}

describe("the flows list's rows", () => {
  const runs = [run("r3", "etl"), run("r2", "hello"), run("r1", "etl")];
  const deployments = [{ flowName: "etl" }, { flowName: "etl" }, { flowName: "approval" }];

  it("give each listed flow its newest run and its number of deployments", () => {
    const flows: Flow[] = [
      { id: "1", name: "etl", tags: ["x"], createdAt: 5 },
      { id: "2", name: "quiet", tags: [], createdAt: 6 },
    ];
    expect(flowRows(flows, deployments, runs)).toEqual([
      { name: "etl", tags: ["x"], createdAt: 5, latestRun: runs[0], deployments: 2 },
      { name: "quiet", tags: [], createdAt: 6, latestRun: undefined, deployments: 0 },
    ]);
  });
});
