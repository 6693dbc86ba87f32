/**
 * Which parameters a flow would drop without a word: keys its `z.object` schema does not
 * name. Schemas that take other keys (loose objects, catch-alls, records, unions) have none.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { unexpectedParameterIssues, unexpectedParameters } from "../../../src/api/unexpected-parameters.js";

const jsonSchemaOf = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
const params = { table: "users", lmit: 5 };

describe("unexpectedParameters", () => {
  it("names the keys a z.object schema leaves out", () => {
    const schema = jsonSchemaOf(z.object({ table: z.string(), limit: z.number().default(10) }));
    expect(unexpectedParameters(schema, params)).toEqual(["lmit"]);
    expect(unexpectedParameters(schema, { table: "users" })).toEqual([]);
    expect(unexpectedParameterIssues(schema, params, "etl")).toEqual([
      { path: "lmit", message: "is not a parameter of flow etl (its parameters: limit, table)" },
    ]);
    expect(unexpectedParameterIssues(jsonSchemaOf(z.object({})), params, "etl")).toEqual([
      { path: "table", message: "is not a parameter of flow etl (it takes none)" },
      { path: "lmit", message: "is not a parameter of flow etl (it takes none)" },
    ]);
    expect(unexpectedParameterIssues(schema, { table: "users" }, "etl")).toEqual([]);
  });

  it("finds none where the schema takes other keys, or refuses them itself", () => {
    const open = [
      z.looseObject({ table: z.string() }),
      z.object({ table: z.string() }).catchall(z.number()),
      z.record(z.string(), z.unknown()),
      z.union([z.object({ table: z.string() }), z.object({ lmit: z.number() })]),
      z.strictObject({ table: z.string() }), // additionalProperties: false, checked by the schema
    ];
    for (const schema of open) expect(unexpectedParameters(jsonSchemaOf(schema), params)).toEqual([]);
    expect(unexpectedParameters({ type: "object", additionalProperties: true }, params)).toEqual([]);
  });
});
