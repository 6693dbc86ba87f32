import SuperJSON from "superjson";
import { describe, expect, it } from "vitest";
import { JSON_SERIALIZER } from "../../../src/results/json-serializer.js";

function roundTrip(value: unknown): unknown {
  const out = JSON_SERIALIZER.serialize(value);
  if (!out.ok) throw new Error(out.reason);
  return JSON_SERIALIZER.deserialize(out.data);
}

function text(value: unknown): string {
  const out = JSON_SERIALIZER.serialize(value);
  if (!out.ok) throw new Error(out.reason);
  return out.data;
}

describe("json serializer round-trips", () => {
  it("primitives, including undefined, NaN, ±Infinity, -0 and bigints", () => {
    for (const v of [undefined, null, true, false, 0, 42, -1.5, "", "hi", "ünï\u2028😀", 2n ** 70n]) {
      expect(roundTrip(v)).toStrictEqual(v);
    }
    expect(roundTrip(NaN)).toBeNaN();
    expect(roundTrip(Infinity)).toBe(Infinity);
    expect(roundTrip(-Infinity)).toBe(-Infinity);
    expect(Object.is(roundTrip(-0), -0)).toBe(true);
  });

  it("Dates, including invalid ones", () => {
    expect(roundTrip(new Date(1_700_000_000_123))).toEqual(new Date(1_700_000_000_123));
    const invalid = roundTrip(new Date(NaN));
    expect(invalid).toBeInstanceOf(Date);
    expect((invalid as Date).getTime()).toBeNaN();
  });

  it("Maps and Sets with non-string keys", () => {
    const map = new Map<unknown, unknown>([
      [1, "a"],
      ["b", new Set([1n, new Date(0)])],
    ]);
    expect(roundTrip(map)).toEqual(map);
  });

  it("undefined properties and array items", () => {
    const back = roundTrip({ a: undefined, list: [1, undefined] }) as Record<string, unknown>;
    expect("a" in back).toBe(true);
    expect(back).toStrictEqual({ a: undefined, list: [1, undefined] });
  });

  it("nested values mixing every kind", () => {
    const value = {
      id: 7n,
      at: new Date(5),
      tags: new Set(["x"]),
      index: new Map([["k", { deep: [new Date(6), undefined, -0] }]]),
      re: /a+b/gi,
      url: new URL("https://example.com/a?b=1"),
      bytes: new Uint8Array([1, 2, 255]),
      floats: new Float64Array([NaN, -0, 1e308]),
      big: new BigInt64Array([-1n, 2n ** 62n]),
      buffer: Buffer.from("hello"),
      raw: new Uint8Array([4, 5]).buffer,
      view: new DataView(new Uint8Array([6]).buffer),
    };
    const back = roundTrip(value) as typeof value;
    expect(back.id).toBe(7n);
    expect(back.at).toEqual(new Date(5));
    expect(back.tags).toEqual(new Set(["x"]));
    expect(back.index).toEqual(value.index);
    expect(back.re.source).toBe("a+b");
    expect(back.re.flags).toBe("gi");
    expect(back.url).toEqual(value.url);
    expect(back.bytes).toEqual(value.bytes);
    expect(Object.is(back.floats[1], -0)).toBe(true);
    expect(back.floats[0]).toBeNaN();
    expect(back.big).toEqual(value.big);
    expect(Buffer.isBuffer(back.buffer)).toBe(true);
    expect(back.buffer.toString()).toBe("hello");
    expect(new Uint8Array(back.raw)).toEqual(new Uint8Array([4, 5]));
    expect(back.view).toBeInstanceOf(DataView);
    expect(back.view.getUint8(0)).toBe(6);
  });

  it("Errors keep name, message and cause", () => {
    const error = new TypeError("bad", { cause: { code: 3 } });
    const back = roundTrip(error) as Error;
    expect(back).toBeInstanceOf(Error);
    expect(back.name).toBe("TypeError");
    expect(back.message).toBe("bad");
    expect(back.cause).toEqual({ code: 3 });
  });

  it("cycles", () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    const back = roundTrip(a) as Record<string, unknown>;
    expect(back.self).toBe(back);
  });

  it("objects with toJSON(), as what toJSON() returns, even when it holds rich values", () => {
    class Money {
      constructor(readonly cents: bigint) {}
      toJSON(): unknown {
        return { cents: this.cents, at: new Date(1) };
      }
    }
    expect(roundTrip({ price: new Money(5n) })).toEqual({ price: { cents: 5n, at: new Date(1) } });
    class Label {
      toJSON(): string {
        return "label";
      }
    }
    expect(roundTrip([new Label()])).toEqual(["label"]);
  });

  it("plain JSON with keys superjson refuses, like constructor", () => {
    expect(roundTrip({ constructor: 1, prototype: 2 })).toEqual({ constructor: 1, prototype: 2 });
  });
});

describe("json serializer text", () => {
  it("is a superjson document any superjson reader can read", () => {
    for (const v of [42, "s", true, null, undefined, { a: [1, { b: "c" }] }, { d: new Date(0), n: 1n }]) {
      expect(SuperJSON.parse(text(v))).toEqual(v);
    }
  });

  it("is exactly what superjson writes for plain JSON", () => {
    for (const v of [42, "s", { a: [1, { b: "c" }] }, [true, null]]) {
      expect(text(v)).toBe(SuperJSON.stringify(v));
    }
  });

  it("is short for small values", () => {
    expect(text(42)).toBe('{"json":42}');
    expect(text("hi")).toBe('{"json":"hi"}');
  });
});

describe("json serializer refusals", () => {
  it("refuses functions and class instances with a path", () => {
    const out = JSON_SERIALIZER.serialize({ rows: [1], client: new (class PgClient {})() });
    expect(out).toMatchObject({ ok: false, path: "result.client" });
    if (!out.ok) expect(out.reason).toContain("PgClient instance");
  });

  it("refuses reserved keys next to values that need annotations", () => {
    const out = JSON_SERIALIZER.serialize({ constructor: 1, at: new Date(0) });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.reason).toContain('"constructor"');
  });

  it("refuses corrupt text on the way back", () => {
    expect(() => JSON_SERIALIZER.deserialize("[1]")).toThrow(/not a json-serializer document/);
  });
});
