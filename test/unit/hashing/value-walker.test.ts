import { describe, expect, it } from "vitest";
import { describeType } from "../../../src/hashing/describe-value.js";
import { formatPath } from "../../../src/hashing/value-path.js";
import { walkValue, type ValueFolder } from "../../../src/hashing/value-walker.js";

const countLeaves: ValueFolder<number> = {
  primitive: () => 1,
  array: (_v, items) => items.reduce((a, b) => a + b, 0),
  object: (_v, _keys, values) => values.reduce((a, b) => a + b, 0),
  map: (_v, keys, values) => [...keys, ...values].reduce((a, b) => a + b, 0),
  set: (_v, members) => members.reduce((a, b) => a + b, 0),
  date: () => 1,
  regexp: () => 1,
  url: () => 1,
  error: (_v, cause) => 1 + (cause?.folded ?? 0),
  bytes: () => 1,
  toJSON: (_v, json) => json,
  cycle: () => 0,
};

describe("walkValue", () => {
  it("folds every part of a value bottom-up", () => {
    const result = walkValue({ a: [1, 2], m: new Map([["k", 3]]), s: new Set([4]) }, countLeaves, {
      root: "value",
      cycles: "fail",
    });
    expect(result).toEqual({ ok: true, value: 5 }); // 1, 2, "k", 3, 4
  });

  it("folds cycles with cycle() when asked to", () => {
    const a: unknown[] = [1];
    a.push(a);
    expect(walkValue(a, countLeaves, { root: "value", cycles: "fold" })).toEqual({ ok: true, value: 1 });
    expect(walkValue(a, countLeaves, { root: "value", cycles: "fail" })).toMatchObject({
      ok: false,
      problem: { path: "value[1]", typeName: "cycle" },
    });
  });

  it("lets errors thrown by user code through", () => {
    const tricky = {
      get boom(): number {
        throw new RangeError("getter failed");
      },
    };
    expect(() => walkValue(tricky, countLeaves, { root: "value", cycles: "fail" })).toThrow("getter failed");
  });
});

describe("formatPath", () => {
  it("writes paths as JavaScript expressions", () => {
    expect(formatPath("args", [1, "client"])).toBe("args[1].client");
    expect(formatPath("result", ["a-b", 0])).toBe('result["a-b"][0]');
    expect(formatPath("v", [{ step: "map-value", index: 0, key: 2n }])).toBe("v.get(2n)");
    expect(formatPath("v", [{ step: "map-value", index: 3, key: {} }])).toBe("[...v.values()][3]");
    expect(formatPath("v", [{ step: "to-json" }, "x"])).toBe("v.toJSON().x");
  });
});

describe("describeType", () => {
  it("names functions, classes, symbols and instances", () => {
    expect(describeType(function load() {})).toBe("function load");
    expect(describeType(class Pool {})).toBe("class Pool");
    expect(describeType(Symbol("s"))).toBe("symbol s");
    expect(describeType(Promise.resolve())).toBe("Promise");
    expect(describeType(new (class Pool {})())).toBe("Pool instance");
  });
});
