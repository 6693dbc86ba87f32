import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { checkSerializable, inspectSerializable } from "../../../src/results/check-serializable.js";

describe("checkSerializable", () => {
  it("accepts plain data and the rich types superjson keeps", () => {
    const value = {
      a: [1, "x", null, undefined, 2n, NaN],
      d: new Date(),
      m: new Map([[{ k: 1 }, new Set([1])]]),
      r: /x/,
      u: new URL("https://example.com"),
      e: new Error("e"),
      b: Buffer.from("b"),
      t: new Int16Array(2),
      ab: new ArrayBuffer(2),
      bare: Object.create(null) as object,
    };
    expect(checkSerializable(value)).toEqual({ ok: true });
  });

  it("refuses a function with its path", () => {
    expect(checkSerializable({ onDone: () => 1 })).toMatchObject({ ok: false, path: "result.onDone" });
  });

  it("refuses a class instance that superjson would flatten to a plain object", () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const check = checkSerializable([new Point(1, 2)]);
    expect(check).toMatchObject({ ok: false, path: "result[0]" });
    if (!check.ok) expect(check.reason).toContain("Point instance");
  });

  it("refuses streams and promises", () => {
    const stream = checkSerializable({ body: Readable.from(["a"]) });
    expect(stream).toMatchObject({ ok: false, path: "result.body" });
    const promise = checkSerializable(Promise.resolve(1));
    expect(promise.ok).toBe(false);
    if (!promise.ok) expect(promise.reason).toContain("await it first");
  });

  it("refuses symbols, also as Map keys", () => {
    expect(checkSerializable(new Map([[Symbol("k"), 1]]))).toMatchObject({
      ok: false,
      path: "[...result.keys()][0]",
    });
  });

  it("refuses subclasses of Map and Set, which would come back as plain Maps and Sets", () => {
    class Registry extends Map<string, number> {}
    expect(checkSerializable(new Registry()).ok).toBe(false);
  });

  it("accepts cycles", () => {
    const a: unknown[] = [];
    a.push(a);
    expect(checkSerializable(a)).toEqual({ ok: true });
  });

  it("uses the given root name", () => {
    expect(checkSerializable({ f: () => 1 }, "value")).toMatchObject({ path: "value.f" });
  });
});

describe("inspectSerializable", () => {
  it("says when plain JSON suffices", () => {
    expect(inspectSerializable({ a: [1, "b", true, null] })).toEqual({
      ok: true,
      plainJson: true,
      hasToJSON: false,
    });
    expect(inspectSerializable({ a: undefined })).toMatchObject({ plainJson: false });
    expect(inspectSerializable([-0])).toMatchObject({ plainJson: false });
    expect(inspectSerializable({ d: new Date() })).toMatchObject({ plainJson: false });
  });

  it("notes objects taken through toJSON()", () => {
    expect(
      inspectSerializable({
        x: { a: 1 },
        y: new (class {
          toJSON = () => 1;
        })(),
      }),
    ).toMatchObject({
      ok: true,
      hasToJSON: true,
      plainJson: true,
    });
  });
});
