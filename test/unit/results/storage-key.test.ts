import { describe, expect, it } from "vitest";
import { isOrdoError } from "../../../src/errors/ordo-error.js";
import { MemoryStorage } from "../../../src/results/memory-storage.js";
import { assertStorageKey, isSafeStorageKey } from "../../../src/results/storage-key.js";

describe("storage keys", () => {
  it("accepts UUIDs and simple names", () => {
    for (const key of ["0190d3c2-6c4b-7d1e-9f00-1a2b3c4d5e6f", "a", "result_1.json", "A-b.c"]) {
      expect(isSafeStorageKey(key)).toBe(true);
    }
  });

  it("refuses traversal, separators, hidden names, empty and overlong keys", () => {
    for (const key of [
      "",
      ".",
      "..",
      "../x",
      "a/b",
      "a\\b",
      ".hidden",
      "x\u0000",
      "~",
      "a b",
      "k".repeat(201),
    ]) {
      expect(isSafeStorageKey(key)).toBe(false);
    }
  });

  it("throws ORDO_INVALID_INPUT for an unsafe key", () => {
    try {
      assertStorageKey("../../etc/passwd");
      expect.unreachable();
    } catch (error) {
      expect(isOrdoError(error, "ORDO_INVALID_INPUT")).toBe(true);
      expect((error as Error).message).toContain("../../etc/passwd");
    }
  });

  it("is enforced by MemoryStorage as a rejection", async () => {
    await expect(new MemoryStorage().write("../x", new Uint8Array())).rejects.toThrow(
      /invalid result storage key/,
    );
  });
});
