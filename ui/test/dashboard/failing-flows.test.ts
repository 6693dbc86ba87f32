import { describe, expect, it } from "vitest";
import type { StateName, StateType } from "../../src/api/types.js";
import { groupFailingFlows } from "../../src/pages/dashboard/failing-flows.js";
import { stateSeries, stateTypeLabel } from "../../src/pages/dashboard/state-series.js";

let n = 0;
function run(flowName: string, type: StateType, at: number) {
  n += 1;
  return {
    id: `run-${n}`,
    flowName,
    state: { type, name: stateTypeLabel(type) as StateName, timestamp: at },
    expectedStartTime: at,
    createdAt: at,
  };
}

describe("groupFailingFlows", () => {
  it("counts failed and crashed runs per flow, most failures first", () => {
    const flows = groupFailingFlows([
      run("etl", "FAILED", 1),
      run("report", "FAILED", 2),
      run("etl", "CRASHED", 3),
      run("etl", "FAILED", 4),
    ]);
    expect(flows.map((f) => [f.flowName, f.failed, f.crashed])).toEqual([
      ["etl", 2, 1],
      ["report", 1, 0],
    ]);
  });

  it("names each flow's most recent failure", () => {
    const late = run("etl", "CRASHED", 50);
    const [etl] = groupFailingFlows([run("etl", "FAILED", 10), late, run("etl", "FAILED", 20)]);
    expect(etl).toMatchObject({ lastAt: 50, lastRunId: late.id });
  });

  it("breaks ties by the most recent failure, then by name", () => {
    const flows = groupFailingFlows([run("b", "FAILED", 5), run("a", "FAILED", 5), run("c", "FAILED", 9)]);
    expect(flows.map((f) => f.flowName)).toEqual(["c", "a", "b"]);
  });

  it("ignores runs in other states", () => {
    expect(groupFailingFlows([run("etl", "COMPLETED", 1), run("etl", "RUNNING", 2)])).toEqual([]);
  });

  it("keeps the top flows only", () => {
    const runs = ["a", "b", "c", "d"].map((name, i) => run(name, "FAILED", i));
    expect(groupFailingFlows(runs, 2)).toHaveLength(2);
  });
});

describe("state series", () => {
  it("names state types in words and colours them from the palette", () => {
    expect(stateSeries("COMPLETED")).toEqual({ label: "Completed", color: "var(--state-completed)" });
    expect(stateSeries("CANCELLING")).toEqual({ label: "Cancelling", color: "var(--state-cancelled)" });
  });

  it("gives an unknown key the pending grey", () => {
    expect(stateSeries("WEIRD").color).toBe("var(--state-pending)");
  });
});
