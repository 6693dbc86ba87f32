import { describe, expect, it } from "vitest";
import type { TaskRun } from "../../../src/schemas/index.js";
import type { BindValue } from "../../../src/store/rows/bind-value.js";
import {
  TASK_RUN_COLUMNS,
  forEachTaskRunRow,
  taskRunColumns,
  taskRunToValues,
} from "../../../src/store/rows/task-run-row.js";

const completed: TaskRun = {
  id: "r1",
  flowRunId: "f",
  taskKey: "t",
  dynamicKey: "0",
  name: "t-0",
  tags: [],
  state: { type: "COMPLETED", name: "Completed", timestamp: 3 },
  stateHistory: [
    ["PENDING", "Pending", 1],
    ["RUNNING", "Running", 2],
    ["COMPLETED", "Completed", 3],
  ],
  runCount: 1,
  startTime: 2,
  endTime: 3,
  inputsHash: "h",
  cacheKey: undefined,
  cacheExpiration: undefined,
  result: { kind: "inline", serializer: "json", data: '{"json":0}' },
  inputs: {},
  waitFor: [],
  parentTaskRunId: undefined,
  createdAt: 1,
  updatedAt: 3,
};

const failed: TaskRun = {
  ...completed,
  id: "r2",
  dynamicKey: "1",
  name: "t-1",
  tags: ["etl"],
  state: {
    type: "FAILED",
    name: "Failed",
    timestamp: 4,
    message: "boom",
    error: { name: "Error", message: "boom" },
  },
  stateHistory: [["FAILED", "Failed", 4, "boom"]],
  result: undefined,
  inputs: { x: ["r1"] },
  waitFor: ["r1"],
  parentTaskRunId: "r0",
  cacheKey: "k",
  cacheExpiration: 9,
};

describe("task-run rows by column", () => {
  it("hold the same rows as taskRunToValues, in order", () => {
    const runs = [completed, failed, completed];
    const rows: BindValue[][] = [];
    forEachTaskRunRow(taskRunColumns(runs), (row) => rows.push([...row]));
    expect(rows).toEqual(runs.map(taskRunToValues));
    expect(rows[0]).toHaveLength(TASK_RUN_COLUMNS.length);
  });

  it("send a column that is NULL in every row as null", () => {
    const table = taskRunColumns([completed, completed]);
    const at = (column: (typeof TASK_RUN_COLUMNS)[number]) => table.columns[TASK_RUN_COLUMNS.indexOf(column)];
    expect(at("cache_key")).toBeNull();
    expect(at("tags")).toBeNull();
    expect(at("state_timestamp")).toEqual([3, 3]);
    expect(taskRunColumns([]).rows).toBe(0);
  });
});
