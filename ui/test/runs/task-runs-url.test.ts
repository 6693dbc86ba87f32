import { describe, expect, it } from "vitest";
import {
  DEFAULT_TASK_RUNS_QUERY,
  parseRunsView,
  parseTaskRunsQuery,
  taskRunsQueryToParams,
  toTaskRunFilter,
} from "../../src/pages/runs/task-runs-url.js";

describe("the Runs page's views", () => {
  it("shows flow runs unless the URL asks for task runs", () => {
    expect(parseRunsView(new URLSearchParams(""))).toBe("flow-runs");
    expect(parseRunsView(new URLSearchParams("view=task-runs"))).toBe("task-runs");
    expect(parseRunsView(new URLSearchParams("view=other"))).toBe("flow-runs");
  });
});

describe("task-run filters in the URL", () => {
  it("round-trips states, task keys and tags, and selects the task-run view", () => {
    const query = { states: ["FAILED" as const], taskKeys: ["load"], tags: ["prod"] };
    const params = taskRunsQueryToParams(query);
    expect(params.get("view")).toBe("task-runs");
    expect(parseTaskRunsQuery(params)).toEqual(query);
  });

  it("drops unknown states and blanks", () => {
    expect(parseTaskRunsQuery(new URLSearchParams("state=boom&state=completed&task=&tag=%20"))).toEqual({
      states: ["COMPLETED"],
      taskKeys: [],
      tags: [],
    });
  });

  it("asks the API for every task run when nothing is filtered", () => {
    expect(toTaskRunFilter(DEFAULT_TASK_RUNS_QUERY)).toEqual({});
    expect(toTaskRunFilter({ states: ["RUNNING"], taskKeys: [], tags: ["a"] })).toEqual({
      stateTypes: ["RUNNING"],
      tags: ["a"],
    });
  });
});
