import { describe, expect, it } from "vitest";
import { cacheExpiresAt } from "../../../src/cache/cache-expiration.js";

describe("cacheExpiresAt", () => {
  it("is now plus the expiration, in ms", () => {
    expect(cacheExpiresAt(1_000, 1.5)).toBe(2_500);
    expect(cacheExpiresAt(1_000, 0)).toBe(1_000);
  });

  it("is undefined (never expires) without cacheExpirationSeconds", () => {
    expect(cacheExpiresAt(1_000, undefined)).toBeUndefined();
  });

  it("refuses negative and non-finite durations", () => {
    expect(() => cacheExpiresAt(0, -1)).toThrow(/cacheExpirationSeconds/);
    expect(() => cacheExpiresAt(0, Number.NaN)).toThrow(/cacheExpirationSeconds/);
    expect(() => cacheExpiresAt(0, Infinity)).toThrow(/cacheExpirationSeconds/);
  });
});
