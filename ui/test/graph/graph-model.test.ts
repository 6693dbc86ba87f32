import { describe, expect, it } from "vitest";
import type { FlowRunGraph } from "../../src/api/types.js";
import {
  buildGraphModel,
  EDGE_DATA,
  EDGE_PARENT,
  EDGE_WAIT,
  isTerminalStateType,
  liveEdge,
} from "../../src/graph/graph-model.js";

const COLUMNS = ["id", "kind", "name", "stateType", "stateName", "startTime", "endTime", "parentTaskRunId"];

function page(nodes: FlowRunGraph["nodes"], edges: FlowRunGraph["edges"], nextCursor?: string): FlowRunGraph {
  return {
    flowRunId: "run",
    columns: COLUMNS,
    nodes,
    edges,
    ...(nextCursor === undefined ? {} : { nextCursor }),
  };
}

describe("the graph model", () => {
  const first = page(
    [
      ["a", "task", "extract", "COMPLETED", "Completed", 1000, 1100, null],
      ["b", "task", "transform", "RUNNING", "Running", 1100, null, null],
      ["s", "flow", "child", "COMPLETED", "Completed", 1050, 1090, "a"],
    ],
    [
      ["a", "b", "data"],
      ["a", "b", "wait"],
      ["a", "s", "parent"],
    ],
    "b",
  );
  const second = page(
    [
      ["c", "task", "load", "PENDING", "Pending", null, null, null],
      ["b", "task", "transform", "COMPLETED", "Completed", 1100, 1200, null],
    ],
    [
      ["b", "c", "wait"],
      ["elsewhere", "c", "data"],
    ],
  );
  const model = buildGraphModel([first, second]);

  it("merges the pages' nodes in order, a node read twice keeping its last row", () => {
    expect(model.nodes.map((n) => n.id)).toEqual(["a", "b", "s", "c"]);
    expect(model.nodes[1]).toMatchObject({ stateType: "COMPLETED", end: 1200 });
    expect(model.index.get("c")).toBe(3);
    expect(model.taskCount).toBe(3);
  });

  it("keeps one edge per pair, data before waitFor before nesting, and drops edges to unknown runs", () => {
    expect(Array.from(model.edgeFrom)).toEqual([0, 0, 1]);
    expect(Array.from(model.edgeTo)).toEqual([1, 2, 3]);
    expect(Array.from(model.edgeKind)).toEqual([EDGE_DATA, EDGE_PARENT, EDGE_WAIT]);
  });

  it("keeps the stronger kind when a weaker edge came first", () => {
    const m = buildGraphModel([
      page(
        [
          ["x", "task", "x", "COMPLETED", "Completed", 1, 2, null],
          ["y", "task", "y", "COMPLETED", "Completed", 3, 4, null],
        ],
        [
          ["x", "y", "wait"],
          ["x", "y", "data"],
        ],
      ),
    ]);
    expect(Array.from(m.edgeKind)).toEqual([EDGE_DATA]);
  });

  it("knows the terminal state types", () => {
    expect(["COMPLETED", "FAILED", "CRASHED", "CANCELLED"].every(isTerminalStateType)).toBe(true);
    expect(["RUNNING", "PENDING", "SCHEDULED", "PAUSED", "CANCELLING"].some(isTerminalStateType)).toBe(false);
  });

  it("draws open-ended nodes to now while live, otherwise to the last known time", () => {
    expect(liveEdge(model, true, 5000)).toBe(5000);
    expect(liveEdge(model, false, 5000)).toBe(1200);
    expect(liveEdge(model, false, 5000, 1500)).toBe(1500);
    expect(liveEdge(buildGraphModel([]), false, 5000)).toBe(5000);
  });
});
