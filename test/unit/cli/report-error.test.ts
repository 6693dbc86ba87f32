import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { OrdoError } from "../../../src/errors/ordo-error.js";
import { describeError } from "../../../src/cli/report-error.js";

describe("describeError", () => {
  it("prints Ordo errors as one line with their code", () => {
    expect(describeError(new OrdoError("ORDO_NOT_FOUND", "flow run x not found"))).toEqual({
      line: "error: flow run x not found (ORDO_NOT_FOUND)",
      exitCode: 1,
    });
  });

  it.each([
    "ORDO_INVALID_INPUT",
    "ORDO_INVALID_ENTRYPOINT",
    "ORDO_INVALID_PARAMETERS",
    "ORDO_INVALID_SETTING",
    "ORDO_UNKNOWN_SETTING",
    "ORDO_INVALID_PROFILES_FILE",
    "ORDO_PROFILE_NOT_FOUND",
    "ORDO_PROFILE_EXISTS",
    "ORDO_PROFILE_ACTIVE",
  ] as const)("treats %s as a usage error (exit 2)", (code) => {
    expect(describeError(new OrdoError(code, "bad")).exitCode).toBe(2);
  });

  it("collapses multi-line messages to one line", () => {
    expect(
      describeError(new OrdoError("ORDO_INVALID_PARAMETERS", "invalid:\n  n: expected number\n")).line,
    ).toBe("error: invalid: n: expected number (ORDO_INVALID_PARAMETERS)");
  });

  it("prints commander's parse errors as usage errors", () => {
    const error = new CommanderError(
      1,
      "commander.unknownOption",
      "error: unknown option '--x'\n(Did you mean --json?)",
    );
    expect(describeError(error)).toEqual({
      line: "error: unknown option '--x' (Did you mean --json?) (ORDO_INVALID_INPUT)",
      exitCode: 2,
    });
  });

  it("prints nothing and exits 0 after --help and --version", () => {
    expect(describeError(new CommanderError(0, "commander.helpDisplayed", "(outputHelp)"))).toEqual({
      line: undefined,
      exitCode: 0,
    });
    expect(describeError(new CommanderError(0, "commander.version", "0.1.0")).exitCode).toBe(0);
  });

  it("prints other errors with their name and exits 1, without a stack", () => {
    expect(describeError(new TypeError("x is not a function"))).toEqual({
      line: "error: TypeError: x is not a function",
      exitCode: 1,
    });
    expect(describeError("plain")).toEqual({ line: "error: plain", exitCode: 1 });
  });
});
