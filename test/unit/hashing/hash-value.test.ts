import { describe, expect, it } from "vitest";
import { checkHashable, isHashable } from "../../../src/hashing/check-hashable.js";
import { hashValue, sha256Hex } from "../../../src/hashing/hash-value.js";
import { isOrdoError } from "../../../src/errors/ordo-error.js";

describe("hashValue", () => {
  it("is the SHA-256 of the canonical text, as 64 hex digits", () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashValue({ a: 1 })).toMatch(/^[0-9a-f]{64}$/);
    expect(hashValue("abc")).toBe(sha256Hex('"abc"'));
  });

  it("hashes equal values equally, key order aside", () => {
    expect(hashValue({ a: [1, new Date(3)], b: new Set([2, 1]) })).toBe(
      hashValue({ b: new Set([1, 2]), a: [1, new Date(3)] }),
    );
  });

  it("hashes 1, 1n and '1' differently", () => {
    expect(new Set([hashValue(1), hashValue(1n), hashValue("1")]).size).toBe(3);
  });

  it("throws ORDO_UNHASHABLE_INPUT with the given root name", () => {
    try {
      hashValue([() => 1], "args");
      expect.unreachable();
    } catch (error) {
      expect(isOrdoError(error, "ORDO_UNHASHABLE_INPUT")).toBe(true);
      expect((error as Error).message).toContain("args[0]");
    }
  });
});

describe("checkHashable and isHashable", () => {
  it("accepts data", () => {
    expect(checkHashable({ a: [1n, new Map([[1, new Uint8Array(2)]])] })).toEqual({ ok: true });
    expect(isHashable({ when: new Date() })).toBe(true);
  });

  it("reports where the first problem is, without throwing", () => {
    const result = checkHashable({ db: new (class PgClient {})() }, "args");
    expect(result).toMatchObject({ ok: false, problem: { path: "args.db", typeName: "PgClient instance" } });
    expect(isHashable({ run: () => 1 })).toBe(false);
  });
});
