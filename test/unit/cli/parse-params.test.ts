import { describe, expect, it } from "vitest";
import { OrdoError } from "../../../src/errors/ordo-error.js";
import { parseParams } from "../../../src/cli/parse-params.js";

function failure(run: () => unknown): OrdoError {
  try {
    run();
  } catch (error) {
    if (error instanceof OrdoError) return error;
    throw error;
  }
  throw new Error("no error was thrown");
}

describe("parseParams: --param k=v", () => {
  it("parses values that are JSON as JSON", () => {
    expect(parseParams(["n=3", "ok=true", "ids=[1,2]", 'cfg={"a":1}', "nothing=null", 'q="quoted"'])).toEqual(
      {
        n: 3,
        ok: true,
        ids: [1, 2],
        cfg: { a: 1 },
        nothing: null,
        q: "quoted",
      },
    );
  });

  it("keeps values that are not JSON as strings", () => {
    expect(
      parseParams(["table=users", "when=2024-01-01", "expr=a=b", "empty=", "spaced=hello world"]),
    ).toEqual({
      table: "users",
      when: "2024-01-01",
      expr: "a=b",
      empty: "",
      spaced: "hello world",
    });
  });

  it("lets a later pair override an earlier one", () => {
    expect(parseParams(["n=1", "n=2"])).toEqual({ n: 2 });
  });

  it.each(["novalue", "=3", " =3", ""])("rejects %j with ORDO_INVALID_INPUT naming the pair", (pair) => {
    const error = failure(() => parseParams([pair]));
    expect(error.code).toBe("ORDO_INVALID_INPUT");
    expect(error.message).toContain(`"${pair}"`);
  });

  it("treats __proto__ as a plain key", () => {
    const params = parseParams(['__proto__={"polluted":true}']);
    expect(Object.getPrototypeOf(params)).toBe(Object.prototype);
    expect(Object.keys(params)).toEqual(["__proto__"]);
  });
});

describe("parseParams: --params-json", () => {
  it("takes a JSON object", () => {
    expect(parseParams([], '{"table": "users", "limit": 10}')).toEqual({ table: "users", limit: 10 });
  });

  it("lets --param entries override its keys", () => {
    expect(parseParams(["limit=5"], '{"table": "users", "limit": 10}')).toEqual({ table: "users", limit: 5 });
  });

  it.each([
    ["{not json", "not valid JSON"],
    ["[1, 2]", "got an array"],
    ["3", "got a number"],
    ["null", "got null"],
    ['"text"', "got a string"],
  ])("rejects %s with ORDO_INVALID_INPUT", (json, reason) => {
    const error = failure(() => parseParams([], json));
    expect(error.code).toBe("ORDO_INVALID_INPUT");
    expect(error.message).toContain("--params-json");
    expect(error.message).toContain(reason);
  });

  it("gives no parameters when neither option is used", () => {
    expect(parseParams([])).toEqual({});
  });
});
