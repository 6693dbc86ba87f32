import { describe, expect, it } from "vitest";
import { uuid7, uuid7Time } from "../../../src/ids/uuid7.js";

describe("uuid7", () => {
  it("makes RFC 9562 version-7 ids", () => {
    expect(uuid7()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
  it("encodes the creation time", () => {
    const at = Date.UTC(2030, 0, 1);
    expect(uuid7Time(uuid7(at))).toBeGreaterThanOrEqual(at);
  });
  it("sorts ids in creation order and never repeats one, even within a millisecond", () => {
    const ids = Array.from({ length: 20_000 }, () => uuid7());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });
  it("returns independent strings (the buffer it writes into is reused)", () => {
    const a = uuid7();
    const b = uuid7();
    expect(a).not.toBe(b);
    expect(a.length).toBe(36);
  });
});
