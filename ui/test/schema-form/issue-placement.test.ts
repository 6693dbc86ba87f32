import { describe, expect, it } from "vitest";
import { draftOf } from "../../src/components/schema-form/form-values.js";
import {
  fieldPaths,
  issueText,
  placeIssues,
  relativeIssues,
} from "../../src/components/schema-form/issue-placement.js";
import { fieldFor } from "../../src/components/schema-form/schema-fields.js";

const root = fieldFor({
  type: "object",
  properties: {
    n: { type: "integer" },
    config: { type: "object", properties: { retries: { type: "integer" } } },
    ids: { type: "array", items: { type: "integer" } },
    labels: { type: "object", additionalProperties: { type: "string" } },
  },
});

describe("server issues on their fields", () => {
  const paths = fieldPaths(root, draftOf(root, { ids: [1, 2] }));

  it("lists every shown field's path, list items included", () => {
    expect(paths).toEqual(["n", "config", "config.retries", "ids", "ids.0", "ids.1", "labels"]);
  });

  it("puts an issue on the field of its exact path", () => {
    const placed = placeIssues([{ path: "config.retries", message: "must be <= 10" }], paths);
    expect(placed.byPath.get("config.retries")).toEqual(["must be <= 10"]);
    expect(placed.unplaced).toEqual([]);
  });

  it("puts an issue inside a JSON field on that field, naming the rest of the path", () => {
    const placed = placeIssues([{ path: "labels.a", message: "must be string" }], paths);
    expect(placed.byPath.get("labels")).toEqual(["a: must be string"]);
  });

  it("keeps issues of no field (the root, unknown parameters) for the top of the form", () => {
    const issues = [
      { path: "", message: "must NOT have additional properties" },
      { path: "zzz", message: "is unknown" },
    ];
    expect(placeIssues(issues, paths).unplaced).toEqual(issues);
  });

  it("writes an issue as 'path: message'", () => {
    expect(issueText({ path: "config.retries", message: "must be ≤ 10" })).toBe(
      "config.retries: must be ≤ 10",
    );
    expect(issueText({ path: "", message: "is not valid JSON" })).toBe("is not valid JSON");
  });
});

describe("problems of a request field that holds the form's value", () => {
  it("are made relative to it; the field itself is the whole form", () => {
    const issues = [
      { path: "input.by", message: "must NOT have fewer than 1 characters" },
      { path: "input", message: "is required" },
      { path: "other", message: "x" },
    ];
    expect(relativeIssues(issues, "input")).toEqual([
      { path: "by", message: "must NOT have fewer than 1 characters" },
      { path: "", message: "is required" },
      { path: "other", message: "x" },
    ]);
  });
});
