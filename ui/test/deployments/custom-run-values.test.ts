import { describe, expect, it } from "vitest";
import {
  parseTags,
  readRunOptions,
  runOptionsDraft,
  splitRunIssues,
} from "../../src/pages/deployments/custom-run-values.js";

describe("the Custom run's own inputs", () => {
  it("start with no name, the deployment's tags and no start time", () => {
    expect(runOptionsDraft({ tags: ["team:data", "copy"] })).toEqual({
      name: "",
      tags: "team:data, copy",
      startAt: "",
    });
  });

  it("read tags from a comma-separated text, without blanks or repeats", () => {
    expect(parseTags(" a, b,,a , c ")).toEqual(["a", "b", "c"]);
    expect(parseTags("")).toEqual([]);
  });

  it("leave the name out when empty (the server picks one) and send the start time in ms", () => {
    const at = new Date(2026, 5, 1, 8, 30).getTime();
    expect(readRunOptions({ name: "  ", tags: "x", startAt: "2026-06-01T08:30" })).toEqual({
      value: { tags: ["x"], scheduledTime: at },
      issues: [],
    });
    expect(readRunOptions({ name: "backfill", tags: "", startAt: "" }).value).toEqual({
      name: "backfill",
      tags: [],
    });
  });

  it("stop a bad start time, a long name and a long tag, each on its input", () => {
    const { issues } = readRunOptions({ name: "n".repeat(201), tags: "t".repeat(201), startAt: "tomorrow" });
    expect(issues.map((i) => i.path)).toEqual(["name", "tags", "startAt"]);
    expect(issues[2]?.message).toBe("must be a date and time");
  });
});

describe("a 422 of create_flow_run on the form", () => {
  it("puts ORDO_INVALID_PARAMETERS problems on the parameters' fields as they are", () => {
    const issues = [{ path: "config.retries", message: "must be <= 10" }];
    expect(splitRunIssues("ORDO_INVALID_PARAMETERS", issues)).toEqual({ parameters: issues, options: [] });
  });

  it("puts body problems on the run's inputs, and parameters.* on the parameters' fields", () => {
    const split = splitRunIssues("ORDO_INVALID_INPUT", [
      { path: "name", message: "Too big" },
      { path: "tags.3", message: "Too small" },
      { path: "scheduledTime", message: "Too small" },
      { path: "parameters.n", message: "expected number" },
      { path: "jobVariables", message: "bad" },
    ]);
    expect(split.options).toEqual([
      { path: "name", message: "Too big" },
      { path: "tags", message: "Too small" },
      { path: "startAt", message: "Too small" },
    ]);
    expect(split.parameters).toEqual([
      { path: "n", message: "expected number" },
      { path: "", message: "jobVariables: bad" },
    ]);
  });
});
