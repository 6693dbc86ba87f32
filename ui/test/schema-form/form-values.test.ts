import { describe, expect, it } from "vitest";
import { draftOf, jsonIssues, readDraft, type Draft } from "../../src/components/schema-form/form-values.js";
import { fieldFor, type JsonSchema } from "../../src/components/schema-form/schema-fields.js";

const SCHEMA: JsonSchema = {
  type: "object",
  properties: {
    n: { type: "integer", minimum: 1, maximum: 100, default: 5 },
    ratio: { type: "number", exclusiveMinimum: 0 },
    table: { type: "string", minLength: 2 },
    mode: { type: "string", enum: ["full", "incremental"] },
    flag: { type: "boolean", default: false },
    day: { type: "string", format: "date" },
    ids: { type: "array", items: { type: "integer" }, maxItems: 2 },
    config: {
      type: "object",
      properties: { retries: { type: "integer", maximum: 10 }, name: { type: "string" } },
      required: ["retries"],
    },
    extra: { type: "object", properties: { level: { type: "integer" } }, required: ["level"] },
    labels: { type: "object", additionalProperties: { type: "string" } },
  },
  required: ["table", "mode", "ids", "config"],
};
const root = fieldFor(SCHEMA);

/** The draft of the schema's defaults with some inputs changed. */
function draftWith(changes: Record<string, Draft>): Draft {
  return { ...(draftOf(root, undefined) as Record<string, Draft>), ...changes };
}

function read(changes: Record<string, Draft>) {
  return readDraft(root, draftWith(changes));
}

const valid = { table: "users", mode: "1", ids: ["1"], config: { retries: "3", name: "" } };

describe("form inputs → JSON value", () => {
  it("types each input: whole numbers, numbers, enums, booleans, lists, nested objects", () => {
    const { value, issues } = read({ ...valid, ratio: "0.5", flag: true, day: "2026-02-28" });
    expect(issues).toEqual([]);
    expect(value).toEqual({
      n: 5,
      ratio: 0.5,
      table: "users",
      mode: "incremental",
      flag: true,
      day: "2026-02-28",
      ids: [1],
      config: { retries: 3 },
    });
  });

  it("leaves out empty optional inputs, and an optional object nothing was filled in", () => {
    const { value } = read(valid);
    expect(value).not.toHaveProperty("ratio");
    expect(value).not.toHaveProperty("day");
    expect(value).not.toHaveProperty("extra");
    expect(value).not.toHaveProperty("labels");
  });

  it("says which required inputs are missing, by dotted path", () => {
    const { issues } = read({ table: "", mode: "", ids: [], config: { retries: "", name: "" } });
    expect(issues).toEqual([
      { path: "table", message: "is required" },
      { path: "mode", message: "is required" },
      { path: "config.retries", message: "is required" },
    ]);
  });

  it("checks numbers: not a number, not whole, below the minimum, above the maximum, exclusive bounds", () => {
    expect(read({ ...valid, n: "abc" }).issues).toEqual([{ path: "n", message: "must be a number" }]);
    expect(read({ ...valid, n: "2.5" }).issues).toEqual([{ path: "n", message: "must be a whole number" }]);
    expect(read({ ...valid, n: "0" }).issues).toEqual([{ path: "n", message: "must be ≥ 1" }]);
    expect(read({ ...valid, n: "101" }).issues).toEqual([{ path: "n", message: "must be ≤ 100" }]);
    expect(read({ ...valid, ratio: "0" }).issues).toEqual([{ path: "ratio", message: "must be > 0" }]);
  });

  it("checks nested fields with their dotted path", () => {
    expect(read({ ...valid, config: { retries: "11", name: "" } }).issues).toEqual([
      { path: "config.retries", message: "must be ≤ 10" },
    ]);
  });

  it("checks list items by index and the list's size", () => {
    expect(read({ ...valid, ids: ["1", "x"] }).issues).toEqual([
      { path: "ids.1", message: "must be a number" },
    ]);
    expect(read({ ...valid, ids: ["1", "2", "3"] }).issues).toEqual([
      { path: "ids", message: "must have at most 2 items" },
    ]);
  });

  it("checks text length and dates", () => {
    expect(read({ ...valid, table: "u" }).issues).toEqual([
      { path: "table", message: "must be at least 2 characters" },
    ]);
    expect(read({ ...valid, day: "2026-02-30" }).issues).toEqual([
      { path: "day", message: "must be a date (YYYY-MM-DD)" },
    ]);
  });

  it("validates an optional object once one of its fields is filled", () => {
    expect(read({ ...valid, extra: { level: "" } }).issues).toEqual([]);
    expect(read({ ...valid, extra: { level: "x" } }).issues).toEqual([
      { path: "extra.level", message: "must be a number" },
    ]);
  });

  it("reads JSON fields, and says when their text is not JSON or not an object", () => {
    expect(read({ ...valid, labels: '{"a": "b"}' }).value).toMatchObject({ labels: { a: "b" } });
    expect(read({ ...valid, labels: "{a" }).issues[0]).toMatchObject({ path: "labels" });
    expect(read({ ...valid, labels: "{a" }).issues[0]?.message).toMatch(/^is not valid JSON/);
    expect(read({ ...valid, labels: "[1]" }).issues).toEqual([
      { path: "labels", message: "must be a JSON object" },
    ]);
  });

  it("keeps what was typed into an invalid input in the value (for Edit as JSON)", () => {
    expect(read({ ...valid, n: "abc" }).value).toMatchObject({ n: "abc" });
  });

  it("sends null for an empty required input that allows null", () => {
    const field = fieldFor({
      type: "object",
      properties: { note: { type: ["string", "null"] } },
      required: ["note"],
    });
    expect(readDraft(field, { note: "" })).toEqual({ value: { note: null }, issues: [] });
  });

  it("reads a date-time input in the local time zone and sends it in UTC", () => {
    const field = fieldFor({ type: "string", format: "date-time" });
    const local = new Date(2026, 2, 1, 3, 30).getTime();
    expect(readDraft(field, "2026-03-01T03:30")).toEqual({
      value: new Date(local).toISOString(),
      issues: [],
    });
    expect(readDraft(field, "2026-13-01T03:30").issues).toEqual([
      { path: "", message: "must be a date and time" },
    ]);
  });
});

describe("JSON value → form inputs", () => {
  it("fills inputs from the value, and from the schema's defaults where the value says nothing", () => {
    const draft = draftOf(root, {
      table: "users",
      mode: "full",
      ids: [1, 2],
      config: { retries: 3 },
    }) as Record<string, Draft>;
    expect(draft).toMatchObject({
      n: "5",
      table: "users",
      mode: "0",
      flag: false,
      ids: ["1", "2"],
      config: { retries: "3", name: "" },
      labels: "",
    });
  });

  it("reads back to the same value", () => {
    const value = {
      n: 7,
      table: "users",
      mode: "full",
      flag: true,
      ids: [3],
      config: { retries: 0, name: "x" },
    };
    expect(readDraft(root, draftOf(root, value))).toEqual({ value, issues: [] });
  });

  it("shows a date-time value as local time", () => {
    const field = fieldFor({ type: "string", format: "date-time" });
    const at = new Date(2026, 0, 2, 3, 4, 5);
    expect(draftOf(field, at.toISOString())).toBe("2026-01-02T03:04:05");
  });
});

describe("problems of a value typed as JSON", () => {
  it("are the problems the fields would show", () => {
    expect(jsonIssues(root, { table: "users", mode: "full", ids: [], config: { retries: 42 } })).toEqual([
      { path: "config.retries", message: "must be ≤ 10" },
    ]);
  });

  it("include checkboxes and selects holding something else than their values", () => {
    expect(
      jsonIssues(root, { table: "users", mode: "partial", flag: "yes", ids: [], config: { retries: 1 } }),
    ).toEqual([
      { path: "mode", message: "must be one of full, incremental" },
      { path: "flag", message: "must be true or false" },
    ]);
  });

  it("include a value that is not an object", () => {
    expect(jsonIssues(root, [1, 2])).toEqual([{ path: "", message: "must be a JSON object" }]);
  });
});
