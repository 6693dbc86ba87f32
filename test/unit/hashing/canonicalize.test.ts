import { describe, expect, it } from "vitest";
import { canonicalize } from "../../../src/hashing/canonicalize.js";
import { OrdoError } from "../../../src/errors/ordo-error.js";

function thrown(fn: () => unknown): OrdoError {
  try {
    fn();
  } catch (error) {
    if (error instanceof OrdoError) return error;
    throw error;
  }
  throw new Error("expected an OrdoError");
}

class Client {
  query(): number {
    return 1;
  }
}

describe("canonicalize: equal values give equal text", () => {
  it("ignores object key order, at every depth", () => {
    expect(canonicalize({ b: 1, a: { d: 2, c: 3 } })).toBe(canonicalize({ a: { c: 3, d: 2 }, b: 1 }));
  });

  it("orders many keys (more than a small object) the same way", () => {
    const keys = Array.from({ length: 40 }, (_, i) => `k${(i * 7) % 40}`);
    const forward = Object.fromEntries(keys.map((k) => [k, k]));
    const backward = Object.fromEntries([...keys].reverse().map((k) => [k, k]));
    expect(canonicalize(forward)).toBe(canonicalize(backward));
  });

  it("keeps array order", () => {
    expect(canonicalize([1, 2])).not.toBe(canonicalize([2, 1]));
  });

  it("gives an array of primitives at the top (a task's arguments) the text it has inside a value", () => {
    // The hole in the last array reads as undefined.
    const arrays: unknown[][] = [
      [],
      [1, "a", true, null, undefined, 1n, -0, NaN, -Infinity, 'q"\\'],
      [1, , 2],
    ];
    for (const array of arrays) {
      expect(`{"a":${canonicalize(array)}}`).toBe(canonicalize({ a: array }));
    }
    expect(canonicalize([1, "a", null, undefined, -0])).toBe('[1,"a",null,undefined,-0]');
  });

  it("takes Dates by their time", () => {
    expect(canonicalize(new Date(5))).toBe(canonicalize(new Date(5)));
    expect(canonicalize(new Date(5))).not.toBe(canonicalize(new Date(6)));
    expect(canonicalize(new Date(NaN))).toBe("Date(NaN)");
  });

  it("takes Maps by their entries, whatever the insertion order", () => {
    const a = new Map<unknown, unknown>([
      ["x", 1],
      [2, { y: 1 }],
    ]);
    const b = new Map<unknown, unknown>([
      [2, { y: 1 }],
      ["x", 1],
    ]);
    expect(canonicalize(a)).toBe(canonicalize(b));
    expect(canonicalize(a)).not.toBe(
      canonicalize(
        new Map<unknown, unknown>([
          ["x", 2],
          [2, { y: 1 }],
        ]),
      ),
    );
  });

  it("takes Sets by their members, whatever the insertion order", () => {
    expect(canonicalize(new Set([3, 1, 2]))).toBe(canonicalize(new Set([1, 2, 3])));
    expect(canonicalize(new Set([[1], { a: 1 }]))).toBe(canonicalize(new Set([{ a: 1 }, [1]])));
  });

  it("takes BigInts by value", () => {
    expect(canonicalize(12345678901234567890n)).toBe("12345678901234567890n");
  });

  it("takes typed arrays, ArrayBuffers and Buffers by their bytes", () => {
    expect(canonicalize(new Uint8Array([1, 2]))).toBe(canonicalize(new Uint8Array([1, 2])));
    expect(canonicalize(new Uint8Array([1, 2]))).not.toBe(canonicalize(new Uint8Array([1, 3])));
    expect(canonicalize(new Float64Array([1.5]))).toBe(canonicalize(new Float64Array([1.5])));
    expect(canonicalize(new Uint8Array([1, 2]).buffer)).toBe(canonicalize(new Uint8Array([1, 2]).buffer));
  });

  it("takes only the viewed bytes of a typed array", () => {
    const whole = new Uint8Array([9, 1, 2, 9]);
    expect(canonicalize(whole.subarray(1, 3))).toBe(canonicalize(new Uint8Array([1, 2])));
  });

  it("treats a Buffer and a Uint8Array of the same bytes as equal (documented choice)", () => {
    expect(canonicalize(Buffer.from([1, 2, 3]))).toBe(canonicalize(new Uint8Array([1, 2, 3])));
  });

  it("treats a null-prototype object like a plain one", () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(canonicalize(bare)).toBe(canonicalize({ a: 1 }));
  });

  it("uses toJSON() of class instances", () => {
    class Money {
      constructor(readonly cents: number) {}
      toJSON(): string {
        return `${this.cents}c`;
      }
    }
    expect(canonicalize({ price: new Money(5) })).toBe(canonicalize({ price: "5c" }));
    expect(canonicalize(new Money(5))).not.toBe(canonicalize(new Money(6)));
  });

  it("takes URLs, RegExps and Errors by value", () => {
    expect(canonicalize(new URL("https://a.example/x"))).toBe(canonicalize(new URL("https://a.example/x")));
    expect(canonicalize(/a+/g)).not.toBe(canonicalize(/a+/i));
    expect(canonicalize(new Error("boom"))).toBe(canonicalize(new Error("boom")));
    expect(canonicalize(new Error("boom", { cause: 1 }))).not.toBe(canonicalize(new Error("boom")));
  });

  it("walks a shared (non-cyclic) object every time it appears", () => {
    const shared = { a: 1 };
    expect(canonicalize([shared, shared])).toBe(canonicalize([{ a: 1 }, { a: 1 }]));
  });

  it("does not depend on how a string is escaped", () => {
    for (const s of ['a"b', "a\\b", "line\nbreak", "tab\t", "😀", "\ud800", "x".repeat(100), ""]) {
      expect(canonicalize(s)).toBe(JSON.stringify(s));
    }
  });
});

describe("canonicalize: different values and types give different text", () => {
  it("tells 1, 1n and '1' apart", () => {
    const texts = [canonicalize(1), canonicalize(1n), canonicalize("1")];
    expect(new Set(texts).size).toBe(3);
  });

  it("tells undefined, null, missing keys, NaN, ±Infinity, 0 and -0 apart", () => {
    const texts = [undefined, null, NaN, Infinity, -Infinity, 0, -0].map((v) => canonicalize(v));
    expect(new Set(texts).size).toBe(7);
    expect(canonicalize({ a: undefined })).not.toBe(canonicalize({}));
  });

  it("tells containers of the same members apart", () => {
    const texts = [
      canonicalize([1, 2]),
      canonicalize(new Set([1, 2])),
      canonicalize({ 0: 1, 1: 2 }),
      canonicalize(
        new Map([
          [0, 1],
          [1, 2],
        ]),
      ),
      canonicalize(new Uint8Array([1, 2])),
      canonicalize(new Int8Array([1, 2])),
      canonicalize(new Uint8Array([1, 2]).buffer),
    ];
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("tells a Date from its epoch number and from its ISO string", () => {
    const d = new Date(0);
    expect(new Set([canonicalize(d), canonicalize(0), canonicalize(d.toISOString())]).size).toBe(3);
  });

  it("does not confuse strings that contain the notation's punctuation", () => {
    expect(canonicalize(["a,b"])).not.toBe(canonicalize(["a", "b"]));
    expect(canonicalize({ "a:1": 2 })).not.toBe(canonicalize({ a: "1:2" }));
  });
});

describe("canonicalize: values that are not data", () => {
  it("refuses a function, naming the path and the type", () => {
    const error = thrown(() => canonicalize([1, { run: function loadRows() {} }], "args"));
    expect(error.code).toBe("ORDO_UNHASHABLE_INPUT");
    expect(error.message).toContain("args[1].run");
    expect(error.message).toContain("function loadRows");
  });

  it("refuses a class instance without toJSON, naming its class", () => {
    const error = thrown(() => canonicalize(["users", { client: new Client() }], "args"));
    expect(error.code).toBe("ORDO_UNHASHABLE_INPUT");
    expect(error.message).toContain("args[1].client");
    expect(error.message).toContain("Client instance");
    expect(error.details).toEqual({ path: "args[1].client", type: "Client instance" });
  });

  it("refuses symbols and promises", () => {
    expect(thrown(() => canonicalize({ s: Symbol("x") })).message).toContain("value.s");
    expect(thrown(() => canonicalize({ p: Promise.resolve(1) })).message).toContain("Promise");
  });

  it("quotes keys that are not identifiers in the path", () => {
    expect(thrown(() => canonicalize({ "my key": () => 1 })).message).toContain('value["my key"]');
  });

  it("names paths inside Maps, Sets, causes and toJSON results", () => {
    expect(thrown(() => canonicalize(new Map([["k", () => 1]]))).details?.path).toBe('value.get("k")');
    expect(thrown(() => canonicalize(new Map([[() => 1, 1]]))).details?.path).toBe("[...value.keys()][0]");
    expect(thrown(() => canonicalize(new Set([1, () => 1]))).details?.path).toBe("[...value][1]");
    expect(thrown(() => canonicalize(new Error("x", { cause: () => 1 }))).details?.path).toBe("value.cause");
    const odd = { toJSON: undefined as unknown, x: 1 };
    expect(canonicalize(odd)).toContain('"x":1');
    class Wrapper {
      toJSON(): unknown {
        return { inner: new Client() };
      }
    }
    expect(thrown(() => canonicalize(new Wrapper())).details?.path).toBe("value.toJSON().inner");
  });

  it("refuses cycles with the same code", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    const error = thrown(() => canonicalize([a], "args"));
    expect(error.code).toBe("ORDO_UNHASHABLE_INPUT");
    expect(error.message).toContain("args[0].self");
    expect(error.message).toContain("cycle");
  });

  it("refuses values nested deeper than the walker allows, without overflowing the stack", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 5000; i++) deep = [deep];
    expect(thrown(() => canonicalize(deep)).code).toBe("ORDO_UNHASHABLE_INPUT");
  });
});
