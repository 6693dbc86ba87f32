import { describe, expect, it } from "vitest";
import {
  hasFields,
  initialFormState,
  readForm,
  toFormMode,
  toJsonMode,
} from "../../src/components/schema-form/form-state.js";

const SCHEMA = {
  type: "object",
  properties: { n: { type: "integer", maximum: 10, default: 5 }, name: { type: "string" } },
  required: ["name"],
};

describe("the schema form's state", () => {
  it("starts from the given value over the schema's defaults, problems hidden until the first submit", () => {
    const state = initialFormState(SCHEMA, { name: "a" });
    expect(state.showIssues).toBe(false);
    expect(readForm(state)).toEqual({ value: { n: 5, name: "a" }, issues: [] });
  });

  it("switches to JSON with the fields' current value, and back with the JSON's", () => {
    const json = toJsonMode(initialFormState(SCHEMA, { name: "a" }));
    expect(json.mode).toBe("json");
    expect(JSON.parse(json.jsonText)).toEqual({ n: 5, name: "a" });
    const back = toFormMode({ ...json, jsonText: '{"n": 7, "name": "b"}' });
    expect("problem" in back).toBe(false);
    if (!("problem" in back)) expect(readForm(back).value).toEqual({ n: 7, name: "b" });
  });

  it("stays in JSON when the text cannot be read", () => {
    const json = toJsonMode(initialFormState(SCHEMA, {}));
    const back = toFormMode({ ...json, jsonText: "{n:" });
    expect(back).toHaveProperty("problem");
  });

  it("validates JSON mode's value as the fields would, and says when it is not JSON", () => {
    const json = toJsonMode(initialFormState(SCHEMA, {}));
    expect(readForm({ ...json, jsonText: '{"n": 11, "name": "x"}' }).issues).toEqual([
      { path: "n", message: "must be ≤ 10" },
    ]);
    expect(readForm({ ...json, jsonText: "nope" }).issues[0]?.message).toMatch(/^is not valid JSON/);
  });

  it("is one JSON editor of an object when there is no schema", () => {
    const state = initialFormState(undefined, { a: 1 });
    expect(hasFields(state)).toBe(false);
    expect(readForm(state)).toEqual({ value: { a: 1 }, issues: [] });
  });
});
