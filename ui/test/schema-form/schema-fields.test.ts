import { describe, expect, it } from "vitest";
import {
  constraintText,
  fieldFor,
  itemField,
  type ArrayField,
  type Field,
  type ObjectField,
} from "../../src/components/schema-form/schema-fields.js";

/** The schema zod emits for the etl example and friends (`z.toJSONSchema`, io: "input"). */
const PARAMETERS = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  properties: {
    n: { default: 5, description: "How many numbers", type: "integer", minimum: 1, maximum: 100000 },
    flakyLoad: { default: false, type: "boolean" },
    table: { type: "string", minLength: 1 },
    mode: { type: "string", enum: ["full", "incremental"] },
    day: { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
    since: { type: "string", format: "date-time" },
    ids: { type: "array", items: { type: "integer" }, maxItems: 3 },
    config: {
      title: "Configuration",
      type: "object",
      properties: { retries: { type: "integer", minimum: -9007199254740991, maximum: 10 } },
      required: ["retries"],
    },
    either: { type: ["string", "number"] },
    labels: { type: "object", propertyNames: { type: "string" }, additionalProperties: { type: "string" } },
    note: { type: ["string", "null"] },
    ratio: { type: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 },
    anything: {},
  },
  required: ["table", "mode", "day", "ids", "config", "either", "labels", "note", "ratio", "anything"],
};

function byName(root: Field, name: string): Field {
  if (root.kind !== "object") throw new Error("not an object field");
  const found = root.fields.find((f) => f.path === name);
  if (found === undefined) throw new Error(`no field ${name}`);
  return found;
}

describe("schema → fields", () => {
  const root = fieldFor(PARAMETERS);

  it("reads an object schema as the root group, one field per property in order", () => {
    expect(root.kind).toBe("object");
    expect((root as ObjectField).fields.map((f) => f.path)).toEqual(Object.keys(PARAMETERS.properties));
  });

  it("gives integers and numbers their bounds, and defaults and descriptions", () => {
    expect(byName(root, "n")).toMatchObject({
      kind: "integer",
      label: "n",
      minimum: 1,
      maximum: 100000,
      defaultValue: 5,
      description: "How many numbers",
      required: false,
    });
    expect(byName(root, "ratio")).toMatchObject({ kind: "number", exclusiveMinimum: 0, exclusiveMaximum: 1 });
  });

  it("makes booleans checkboxes, enums selects, strings texts with their length", () => {
    expect(byName(root, "flakyLoad")).toMatchObject({ kind: "boolean", defaultValue: false });
    expect(byName(root, "mode")).toMatchObject({
      kind: "enum",
      required: true,
      options: [
        { label: "full", value: "full" },
        { label: "incremental", value: "incremental" },
      ],
    });
    expect(byName(root, "table")).toMatchObject({ kind: "text", minLength: 1, required: true });
  });

  it("picks date and date-time inputs from the string's format", () => {
    expect(byName(root, "day").kind).toBe("date");
    expect(byName(root, "since").kind).toBe("date-time");
  });

  it("makes arrays lists whose items are fields with indexed paths and labels", () => {
    const ids = byName(root, "ids") as ArrayField;
    expect(ids).toMatchObject({ kind: "array", maxItems: 3 });
    expect(itemField(ids, 1)).toMatchObject({
      kind: "integer",
      path: "ids.1",
      label: "ids 2",
      required: true,
    });
  });

  it("makes nested objects fieldsets titled by their title, with dotted paths", () => {
    const config = byName(root, "config") as ObjectField;
    expect(config).toMatchObject({ kind: "object", label: "Configuration" });
    expect(config.fields[0]).toMatchObject({ kind: "integer", path: "config.retries", required: true });
  });

  it("falls back to JSON for unions, records and empty schemas", () => {
    expect(byName(root, "either").kind).toBe("json");
    expect(byName(root, "labels").kind).toBe("json");
    expect(byName(root, "anything").kind).toBe("json");
  });

  it("reads a type with null as a nullable field of the other type", () => {
    expect(byName(root, "note")).toMatchObject({ kind: "text", nullable: true });
    const viaAnyOf = fieldFor({ anyOf: [{ type: "integer", maximum: 3 }, { type: "null" }] });
    expect(viaAnyOf).toMatchObject({ kind: "integer", maximum: 3, nullable: true });
  });

  it("follows local $refs and stops at dangling or endless ones", () => {
    const schema = {
      type: "object",
      properties: {
        a: { $ref: "#/$defs/Point" },
        b: { $ref: "#/$defs/Missing" },
        c: { $ref: "#/$defs/Loop" },
      },
      $defs: {
        Point: { type: "object", properties: { x: { type: "number" } }, required: ["x"] },
        Loop: { $ref: "#/$defs/Loop" },
      },
    };
    const root = fieldFor(schema);
    expect(byName(root, "a")).toMatchObject({ kind: "object" });
    expect((byName(root, "a") as ObjectField).fields[0]).toMatchObject({ path: "a.x", kind: "number" });
    expect(byName(root, "b").kind).toBe("json");
    expect(byName(root, "c").kind).toBe("json");
  });

  it("reads a const as a one-option select, and an object without properties as no fields", () => {
    expect(fieldFor({ const: "x" })).toMatchObject({ kind: "enum", options: [{ value: "x" }] });
    expect(fieldFor({ type: "object", properties: {} })).toMatchObject({ kind: "object", fields: [] });
  });
});

describe("help text of a field's constraints", () => {
  const root = fieldFor(PARAMETERS);

  it("states bounds, and hides zod's safe-integer range", () => {
    expect(constraintText(byName(root, "n"))).toBe("whole number, ≥ 1, ≤ 100000, optional");
    expect(constraintText((byName(root, "config") as ObjectField).fields[0]!)).toBe("whole number, ≤ 10");
    expect(constraintText(byName(root, "ratio"))).toBe("number, > 0, < 1");
  });

  it("says what a JSON field and a nullable field expect", () => {
    expect(constraintText(byName(root, "labels"))).toBe("JSON");
    expect(constraintText(byName(root, "note"))).toBe("may be empty (null)");
  });
});
