import { describe, expect, it } from "vitest";
import {
  canvasPalette,
  resolveScheme,
  STATE_KEYS,
  stateColorIndex,
  stateFills,
} from "../../src/graph/canvas-palette.js";
import { buildGraphModel } from "../../src/graph/graph-model.js";
import { fitLabel } from "../../src/graph/graph-scene.js";
import { graphRefetchInterval } from "../../src/graph/refresh.js";
import { keyAction, PAN_STEP, ZOOM_STEP } from "../../src/graph/stage-keys.js";
import { graphLabel, nodeHref, stateCounts } from "../../src/graph/state-counts.js";
import { STATE_HEX } from "../../src/theme/state-colors.js";

describe("keyboard control", () => {
  it("zooms with + and −, pans with the arrows (further with Shift), fits with 0", () => {
    expect(keyAction("+", false)).toEqual({ kind: "zoom", factor: ZOOM_STEP });
    expect(keyAction("=", false)).toEqual({ kind: "zoom", factor: ZOOM_STEP });
    expect(keyAction("-", false)).toEqual({ kind: "zoom", factor: 1 / ZOOM_STEP });
    expect(keyAction("ArrowRight", false)).toEqual({ kind: "pan", dx: -PAN_STEP, dy: 0 });
    expect(keyAction("ArrowUp", true)).toEqual({ kind: "pan", dx: 0, dy: 4 * PAN_STEP });
    expect(keyAction("0", false)).toEqual({ kind: "fit" });
    expect(keyAction("a", false)).toBeUndefined();
    expect(keyAction("Tab", false)).toBeUndefined();
  });
});

describe("canvas colours", () => {
  it("follows the user's pick, else the system", () => {
    expect(resolveScheme("dark", false)).toBe("dark");
    expect(resolveScheme("light", true)).toBe("light");
    expect(resolveScheme(null, true)).toBe("dark");
    expect(resolveScheme(null, false)).toBe("light");
  });

  it("uses the one state palette, Late darker than Scheduled and Cached apart from Completed", () => {
    const light = stateFills("light");
    expect(light[stateColorIndex("Completed", "COMPLETED")]).toBe(STATE_HEX.completed!.light);
    expect(light[stateColorIndex("Cached", "COMPLETED")]).toBe(STATE_HEX.cached!.light);
    expect(light[stateColorIndex("Late", "SCHEDULED")]).toBe(STATE_HEX.late!.light);
    expect(stateFills("dark")[stateColorIndex("Retrying", "RUNNING")]).toBe(STATE_HEX.running!.dark);
    expect(STATE_KEYS.length).toBe(Object.keys(STATE_HEX).length);
    expect(canvasPalette("dark").background).not.toBe(canvasPalette("light").background);
  });
});

describe("labels and legends", () => {
  it("cuts a label that does not fit with an ellipsis, or drops it when there is no room", () => {
    expect(fitLabel("transform", 54, 100)).toBe("transform");
    expect(fitLabel("transform-data", 84, 50)).toBe("transfo…");
    expect(fitLabel("transform", 54, 10)).toBe("");
  });

  const model = buildGraphModel([
    {
      flowRunId: "r",
      columns: [],
      nodes: [
        ["a", "task", "a", "COMPLETED", "Completed", 1, 2, null],
        ["b", "task", "b", "FAILED", "Failed", 1, 2, null],
        ["c", "task", "c", "COMPLETED", "Completed", 1, 2, null],
        ["d", "task", "d", "RUNNING", "Running", 1, null, null],
        ["s", "flow", "sub", "COMPLETED", "Cached", 1, 2, null],
      ],
      edges: [],
    },
  ]);

  it("counts runs by state name, running first, in lifecycle order", () => {
    expect(stateCounts(model).map((c) => `${c.stateName} ${c.count}`)).toEqual([
      "Running 1",
      "Cached 1",
      "Completed 2",
      "Failed 1",
    ]);
  });

  it("names the canvas with the counts a screen reader announces", () => {
    expect(graphLabel("Run graph", model)).toBe("Run graph: 4 task runs, 1 subflow run");
    expect(graphLabel("Run graph", buildGraphModel([]))).toBe("Run graph: 0 task runs");
    expect(graphLabel("Run graph", undefined)).toBe("Run graph: loading");
  });

  it("opens task runs at /task-runs/:id and subflow runs at /runs/:id", () => {
    expect(nodeHref({ kind: "task", id: "t1" })).toBe("/task-runs/t1");
    expect(nodeHref({ kind: "flow", id: "f1" })).toBe("/runs/f1");
  });
});

describe("refreshing a live graph", () => {
  it("reads it every 3 s up to 10,000 nodes, slower for more, never slower than 30 s, not at all once over", () => {
    expect(graphRefetchInterval(true, 10)).toBe(3000);
    expect(graphRefetchInterval(true, 10_000)).toBe(3000);
    expect(graphRefetchInterval(true, 50_000)).toBe(15_000);
    expect(graphRefetchInterval(true, 1_000_000)).toBe(30_000);
    expect(graphRefetchInterval(false, 10)).toBe(false);
  });
});
