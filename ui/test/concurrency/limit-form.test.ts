import { describe, expect, it } from "vitest";
import { ConcurrencyLimitNameSchema, ConcurrencyTagSchema } from "../../../src/schemas/concurrency-limit.js";
import {
  formatDecay,
  formatSlots,
  globalLimitNameProblem,
  parseSlotCount,
  parseSlotDecay,
  tagProblem,
  usage,
} from "../../src/pages/concurrency/limit-form.js";

describe("tags with a limit", () => {
  it("accept any text without surrounding spaces, up to 255 characters", () => {
    expect(tagProblem("db")).toBeUndefined();
    expect(tagProblem("Big DB: eu-1")).toBeUndefined();
    expect(tagProblem("")).toBe("Enter a tag.");
    expect(tagProblem(" db")).toBe("A tag cannot start or end with spaces.");
    expect(tagProblem("a".repeat(256))).toBe("A tag has at most 255 characters.");
  });

  it("agree with the server's rule", () => {
    for (const tag of ["db", "", " db", "db ", "a b", "a".repeat(255), "a".repeat(256), "ü"]) {
      expect(tagProblem(tag) === undefined, tag).toBe(ConcurrencyTagSchema.safeParse(tag).success);
    }
  });
});

describe("global limit names", () => {
  it("accept letters, digits, '_', '-' and '.', starting with a letter or digit", () => {
    expect(globalLimitNameProblem("openai.api")).toBeUndefined();
    expect(globalLimitNameProblem("DB_writes-2")).toBeUndefined();
    expect(globalLimitNameProblem("")).toBe("Enter a name.");
    expect(globalLimitNameProblem("tag:db")).toMatch(/letters, digits/);
    expect(globalLimitNameProblem(".x")).toMatch(/letters, digits/);
  });

  it("agree with the server's rule", () => {
    for (const name of ["a", "A.b-c_d", "", "-a", "a b", "tag:db", "a".repeat(255), "a".repeat(256)]) {
      expect(globalLimitNameProblem(name) === undefined, name).toBe(
        ConcurrencyLimitNameSchema.safeParse(name).success,
      );
    }
  });
});

describe("limits and decay", () => {
  it("read a limit as a whole number from 0 to 1,000,000", () => {
    expect(parseSlotCount("10")).toEqual({ ok: true, value: 10 });
    expect(parseSlotCount(" 0 ")).toEqual({ ok: true, value: 0 });
    expect(parseSlotCount("")).toEqual({ ok: false, message: "Enter a limit." });
    for (const bad of ["-1", "1.5", "abc", "1000001"]) expect(parseSlotCount(bad).ok, bad).toBe(false);
  });

  it("read decay as slots per second, empty as none", () => {
    expect(parseSlotDecay("")).toEqual({ ok: true, value: 0 });
    expect(parseSlotDecay("0.5")).toEqual({ ok: true, value: 0.5 });
    expect(parseSlotDecay("-1").ok).toBe(false);
    expect(parseSlotDecay("fast").ok).toBe(false);
  });

  it("print slots with one decimal and decay as a rate", () => {
    expect(formatSlots(2)).toBe("2");
    expect(formatSlots(1.46)).toBe("1.5");
    expect(formatDecay(0)).toBe("—");
    expect(formatDecay(1)).toBe("1 slot/s");
    expect(formatDecay(0.25)).toBe("0.3 slots/s");
  });

  it("count a limit of 0 as full", () => {
    expect(usage(0, 0)).toBe(1);
    expect(usage(3, 10)).toBeCloseTo(0.3);
    expect(usage(12, 10)).toBe(1);
  });
});
