import { describe, expect, it } from "vitest";
import { OrdoError } from "../../../src/errors/ordo-error.js";
import { parseStateSelection } from "../../../src/cli/state-filter.js";

describe("parseStateSelection", () => {
  it("gives no selection without values", () => {
    expect(parseStateSelection([])).toBeUndefined();
  });

  it("reads upper-case state types as whole types", () => {
    expect(parseStateSelection(["COMPLETED", "FAILED"])).toEqual({
      types: ["COMPLETED", "FAILED"],
      names: undefined,
    });
  });

  it("reads other tokens as state names, case-insensitively", () => {
    expect(parseStateSelection(["failed", "awaitingretry"])).toEqual({
      types: ["FAILED", "SCHEDULED"],
      names: ["Failed", "AwaitingRetry"],
    });
  });

  it("splits comma-separated values and mixes types with names", () => {
    expect(parseStateSelection(["CRASHED,Cached"])).toEqual({
      types: ["CRASHED", "COMPLETED"],
      names: ["Crashed", "Cached"],
    });
  });

  it("rejects an unknown state with ORDO_INVALID_INPUT listing the valid ones", () => {
    let error: unknown;
    try {
      parseStateSelection(["Done"]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OrdoError);
    expect((error as OrdoError).code).toBe("ORDO_INVALID_INPUT");
    expect((error as OrdoError).message).toContain('unknown state "Done"');
    expect((error as OrdoError).message).toContain("AwaitingRetry");
  });
});
