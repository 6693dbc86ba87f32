import { describe, expect, it } from "vitest";
import { parameterRows } from "../../src/components/schema-form/parameter-rows.js";

describe("a parameter schema as table rows", () => {
  const rows = parameterRows({
    type: "object",
    properties: {
      n: { type: "integer", minimum: 1, maximum: 10, default: 5, description: "How many" },
      mode: { type: "string", enum: ["full", "incremental"] },
      columns: { type: "array", items: { type: "string" } },
      config: { type: "object", properties: { retries: { type: "integer" } }, required: ["retries"] },
      labels: { type: "object", additionalProperties: { type: "string" } },
      either: { type: ["string", "number"] },
      since: { type: "string", format: "date-time" },
    },
    required: ["mode", "config"],
  });

  it("has one row per parameter, nested fields under dotted names", () => {
    expect(rows.map((r) => r.name)).toEqual([
      "n",
      "mode",
      "columns",
      "config",
      "config.retries",
      "labels",
      "either",
      "since",
    ]);
  });

  it("says each one's type, constraints, whether it is required, its default and description", () => {
    expect(rows[0]).toEqual({
      name: "n",
      type: "integer",
      constraints: "≥ 1, ≤ 10",
      required: false,
      defaultValue: "5",
      description: "How many",
    });
    expect(rows[1]).toMatchObject({ type: '"full" | "incremental"', required: true });
    expect(rows[2]).toMatchObject({ type: "array of string" });
    expect(rows[4]).toMatchObject({ type: "integer", required: true });
    expect(rows[5]).toMatchObject({ type: "object (any keys)" });
    expect(rows[6]).toMatchObject({ type: "string | number" });
    expect(rows[7]).toMatchObject({ type: "date-time", constraints: "" });
  });
});
