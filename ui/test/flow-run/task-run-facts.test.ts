import { describe, expect, it } from "vitest";
import {
  argumentLabel,
  inputRows,
  taskStateHistory,
  upstreamIds,
} from "../../src/pages/task-run/task-run-facts.js";

describe("a task run's inputs", () => {
  it("names argument paths by their position, counting from one", () => {
    expect(argumentLabel("0")).toBe("argument 1");
    expect(argumentLabel("1.rows.0")).toBe("argument 2 › rows › 0");
    expect(argumentLabel("options")).toBe("options");
  });

  it("lists arguments in numeric order, then the runs it waited for", () => {
    const rows = inputRows({ inputs: { "10": ["c"], "2": ["b"], "0": ["a", "a2"] }, waitFor: ["w"] });
    expect(rows).toEqual([
      { label: "argument 1", path: "0", taskRunIds: ["a", "a2"] },
      { label: "argument 3", path: "2", taskRunIds: ["b"] },
      { label: "argument 11", path: "10", taskRunIds: ["c"] },
      { label: "waited for", taskRunIds: ["w"] },
    ]);
  });

  it("has no rows for a task run fed by no upstream run", () => {
    expect(inputRows({ inputs: {}, waitFor: [] })).toEqual([]);
  });

  it("collects each upstream id once, for one request of their names", () => {
    expect(upstreamIds({ inputs: { "0": ["a", "b"], "1": ["b"] }, waitFor: ["a", "c"] })).toEqual([
      "a",
      "b",
      "c",
    ]);
  });
});

describe("a task run's state history", () => {
  it("reads the compact history and adds the errors of the detailed records", () => {
    const error = { name: "Error", message: "the publisher is down" };
    const states = taskStateHistory(
      [
        ["PENDING", "Pending", 1],
        ["RUNNING", "Running", 2],
        ["FAILED", "Failed", 3, "Error: the publisher is down"],
      ],
      [{ type: "FAILED", name: "Failed", timestamp: 3, message: "Error: the publisher is down", error }],
    );
    expect(states).toEqual([
      { type: "PENDING", name: "Pending", timestamp: 1 },
      { type: "RUNNING", name: "Running", timestamp: 2 },
      { type: "FAILED", name: "Failed", timestamp: 3, message: "Error: the publisher is down", error },
    ]);
  });
});
