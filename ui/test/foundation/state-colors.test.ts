import { describe, expect, it } from "vitest";
import {
  STATE_HEX,
  stateColorKey,
  stateColorProperties,
  stateColorVar,
} from "../../src/theme/state-colors.js";

describe("the state palette", () => {
  it("defines a CSS property for every colour a state can map to, light and dark from one table", () => {
    const properties = stateColorProperties();
    expect(properties["--state-completed"]).toBe(
      `light-dark(${STATE_HEX.completed!.light}, ${STATE_HEX.completed!.dark})`,
    );
    const states = [
      ["Scheduled", "SCHEDULED"],
      ["Late", "SCHEDULED"],
      ["Pending", "PENDING"],
      ["Running", "RUNNING"],
      ["Paused", "PAUSED"],
      ["Cancelling", "CANCELLING"],
      ["Completed", "COMPLETED"],
      ["Cached", "COMPLETED"],
      ["Failed", "FAILED"],
      ["Crashed", "CRASHED"],
      ["Cancelled", "CANCELLED"],
    ] as const;
    const keys = new Set(states.map(([name, type]) => stateColorKey(name, type)));
    expect(keys.size).toBe(Object.keys(STATE_HEX).length);
    for (const key of keys) expect(properties).toHaveProperty(`--state-${key}`);
  });

  it("names the property by state name first, then by type", () => {
    expect(stateColorVar("Late", "SCHEDULED")).toBe("var(--state-late)");
    expect(stateColorVar("TimedOut", "FAILED")).toBe("var(--state-failed)");
    expect(stateColorVar("Retrying", "RUNNING")).toBe("var(--state-running)");
  });
});
