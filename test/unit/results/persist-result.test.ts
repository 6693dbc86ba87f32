import { describe, expect, it } from "vitest";
import { isOrdoError } from "../../../src/errors/ordo-error.js";
import { loadInlineResult, loadResult } from "../../../src/results/load-result.js";
import { MemoryStorage } from "../../../src/results/memory-storage.js";
import {
  DEFAULT_INLINE_LIMIT_BYTES,
  persistResult,
  prepareResult,
} from "../../../src/results/persist-result.js";
import type { TextSerializer } from "../../../src/results/serializer.js";

describe("persistResult", () => {
  it("keeps small results inline, without touching storage", async () => {
    const storage = new MemoryStorage();
    const outcome = await persistResult({ rows: 3 }, { storage });
    expect(outcome).toEqual({
      ok: true,
      ref: { kind: "inline", serializer: "json", data: '{"json":{"rows":3}}' },
    });
    expect(storage.size).toBe(0);
  });

  it("keeps undefined, numbers and short strings inline", async () => {
    for (const value of [undefined, 42, "done"]) {
      const outcome = await persistResult(value);
      expect(outcome.ok && outcome.ref.kind).toBe("inline");
      if (outcome.ok && outcome.ref.kind === "inline") expect(loadInlineResult(outcome.ref)).toBe(value);
    }
  });

  it("writes results over the inline limit to storage under a UUIDv7 key", async () => {
    const storage = new MemoryStorage("mem");
    const value = "x".repeat(DEFAULT_INLINE_LIMIT_BYTES);
    const outcome = await persistResult(value, { storage });
    if (!outcome.ok || outcome.ref.kind !== "storage") throw new Error("expected a storage reference");
    expect(outcome.ref.storage).toBe("mem");
    expect(outcome.ref.serializer).toBe("json");
    expect(outcome.ref.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await loadResult(outcome.ref, [storage])).toBe(value);
  });

  it("puts the boundary at inlineLimitBytes of UTF-8 text", () => {
    const storage = new MemoryStorage();
    const data = '{"json":"ab"}'; // 13 bytes
    expect(prepareResult("ab", { storage, inlineLimitBytes: 13 })).toMatchObject({
      ok: true,
      ref: { kind: "inline", data },
    });
    expect(prepareResult("ab", { storage, inlineLimitBytes: 12 })).toMatchObject({
      ok: true,
      ref: { kind: "storage" },
    });
    // "é" is 2 bytes in UTF-8: '{"json":"éé"}' is 15 bytes for 13 UTF-16 units
    expect(prepareResult("éé", { storage, inlineLimitBytes: 14 })).toMatchObject({
      ref: { kind: "storage" },
    });
    expect(prepareResult("éé", { storage, inlineLimitBytes: 15 })).toMatchObject({ ref: { kind: "inline" } });
  });

  it("sends everything to storage with inlineLimitBytes 0", async () => {
    const storage = new MemoryStorage();
    const outcome = await persistResult(undefined, { storage, inlineLimitBytes: 0 });
    expect(outcome).toMatchObject({ ok: true, ref: { kind: "storage" } });
    expect(storage.size).toBe(1);
    if (outcome.ok) expect(await loadResult(outcome.ref, [storage])).toBeUndefined();
  });

  it("uses the key generator it is given", () => {
    const prepared = prepareResult("abc", {
      storage: new MemoryStorage(),
      inlineLimitBytes: 0,
      newKey: () => "k-1",
    });
    expect(prepared).toMatchObject({ ok: true, ref: { key: "k-1" }, write: { key: "k-1" } });
  });

  it("says why a large result cannot be persisted without storage", async () => {
    const outcome = await persistResult("x".repeat(10_000));
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.reason).toContain("no result storage is configured");
  });

  it("describes a value that cannot be serialized instead of throwing", async () => {
    const outcome = await persistResult({ client: new (class PgClient {})() });
    expect(outcome).toMatchObject({ ok: false, path: "result.client" });
    if (!outcome.ok) expect(outcome.reason).toContain("PgClient instance");
  });

  it("stores bytes inline as base64 and in storage as raw bytes", async () => {
    const small = await persistResult(new Uint8Array([1, 2, 3]), { serializer: "bytes" });
    expect(small).toEqual({ ok: true, ref: { kind: "inline", serializer: "bytes", data: "AQID" } });
    const storage = new MemoryStorage();
    const big = new Uint8Array(5000).fill(7);
    const stored = await persistResult(big, { serializer: "bytes", storage });
    if (!stored.ok || stored.ref.kind !== "storage") throw new Error("expected a storage reference");
    expect((await storage.read(stored.ref.key)).byteLength).toBe(5000);
    expect(await loadResult(stored.ref, [storage])).toEqual(big);
    if (small.ok) expect(await loadResult(small.ref)).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("measures the inline limit of bytes on the base64 text", () => {
    expect(prepareResult(new Uint8Array(3), { serializer: "bytes", inlineLimitBytes: 4 })).toMatchObject({
      ref: { kind: "inline" },
    });
    expect(prepareResult(new Uint8Array(4), { serializer: "bytes", inlineLimitBytes: 4 })).toMatchObject({
      ok: false,
    });
  });

  it("accepts a custom serializer object", async () => {
    const upper: TextSerializer = {
      name: "upper",
      format: "text",
      serialize: (v) => ({ ok: true, data: String(v).toUpperCase() }),
      deserialize: (t) => t.toLowerCase(),
    };
    const outcome = await persistResult("abc", { serializer: upper });
    expect(outcome).toEqual({ ok: true, ref: { kind: "inline", serializer: "upper", data: "ABC" } });
    if (outcome.ok) expect(await loadResult(outcome.ref, [], { serializers: [upper] })).toBe("abc");
  });

  it("throws for an unknown serializer name", () => {
    expect(() => prepareResult(1, { serializer: "yaml" })).toThrow(/unknown result serializer "yaml"/);
  });
});

describe("loadResult", () => {
  it("decodes inline references", async () => {
    expect(await loadResult({ kind: "inline", serializer: "json", data: '{"json":[1,2]}' })).toEqual([1, 2]);
  });

  it("refuses a storage that is not configured, naming both", async () => {
    const ref = { kind: "storage", serializer: "json", storage: "s3-prod", key: "k" } as const;
    const error = await loadResult(ref, [new MemoryStorage()]).catch((e: unknown) => e);
    expect(isOrdoError(error, "ORDO_RESULT_NOT_AVAILABLE")).toBe(true);
    expect((error as Error).message).toContain('"s3-prod"');
    expect((error as Error).message).toContain('"memory"');
  });

  it("refuses a missing key with ORDO_RESULT_NOT_AVAILABLE", async () => {
    const ref = { kind: "storage", serializer: "json", storage: "memory", key: "gone" } as const;
    const error = await loadResult(ref, [new MemoryStorage()]).catch((e: unknown) => e);
    expect(isOrdoError(error, "ORDO_RESULT_NOT_AVAILABLE")).toBe(true);
  });

  it("refuses an unknown serializer with ORDO_RESULT_NOT_AVAILABLE", async () => {
    const error = await loadResult({ kind: "inline", serializer: "pickle", data: "x" }).catch(
      (e: unknown) => e,
    );
    expect(isOrdoError(error, "ORDO_RESULT_NOT_AVAILABLE")).toBe(true);
    expect((error as Error).message).toContain('"pickle"');
  });

  it("refuses corrupt data with ORDO_RESULT_NOT_AVAILABLE", async () => {
    const error = await loadResult({ kind: "inline", serializer: "json", data: "{not json" }).catch(
      (e: unknown) => e,
    );
    expect(isOrdoError(error, "ORDO_RESULT_NOT_AVAILABLE")).toBe(true);
    expect((error as Error).message).toContain("inline result");
  });
});
