import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isOrdoError } from "../../../src/errors/ordo-error.js";
import { LocalFileStorage } from "../../../src/results/local-file-storage.js";
import { loadResult } from "../../../src/results/load-result.js";
import { persistResult } from "../../../src/results/persist-result.js";

let dir: string;
let base: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ordo-storage-"));
  base = join(dir, "home", "storage");
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("LocalFileStorage", () => {
  it("creates its folder on first write and stores one file per key", async () => {
    const storage = new LocalFileStorage(base);
    await storage.write("k1", new Uint8Array([1, 2, 3]));
    expect(await readdir(base)).toEqual(["k1"]);
    expect([...(await readFile(join(base, "k1")))]).toEqual([1, 2, 3]);
  });

  it("reads back what it wrote", async () => {
    const storage = new LocalFileStorage(base);
    await storage.write("k1", Buffer.from("hello"));
    expect(Buffer.from(await storage.read("k1")).toString()).toBe("hello");
  });

  it("replaces a key's file atomically and leaves no temporary files", async () => {
    const storage = new LocalFileStorage(base, { fsync: true });
    await storage.write("k1", Buffer.from("first"));
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => storage.write("k1", Buffer.from(`version-${i}`.repeat(1000)))),
    );
    const text = Buffer.from(await storage.read("k1")).toString();
    expect(text).toMatch(/^(version-\d+)+$/);
    expect(new Set(text.split(/(?=version-)/)).size).toBe(1); // one whole version, never a mix
    expect(await readdir(base)).toEqual(["k1"]);
  });

  it("never shows a partial file to a concurrent reader", async () => {
    const storage = new LocalFileStorage(base);
    const big = Buffer.alloc(4 * 1024 * 1024, 1);
    await storage.write("big", Buffer.alloc(10, 2));
    const writes = storage.write("big", big);
    const sizes: number[] = [];
    for (let i = 0; i < 20; i++) sizes.push((await storage.read("big")).byteLength);
    await writes;
    sizes.push((await storage.read("big")).byteLength);
    for (const size of sizes) expect([10, big.byteLength]).toContain(size);
    expect(sizes.at(-1)).toBe(big.byteLength);
  });

  it("rejects a missing key with ORDO_RESULT_NOT_AVAILABLE", async () => {
    const storage = new LocalFileStorage(base, { name: "disk" });
    const error = await storage.read("nope").catch((e: unknown) => e);
    expect(isOrdoError(error, "ORDO_RESULT_NOT_AVAILABLE")).toBe(true);
    expect((error as Error).message).toContain('"nope"');
    expect((error as Error).message).toContain('"disk"');
  });

  it("refuses path traversal on every operation", async () => {
    const storage = new LocalFileStorage(base);
    await writeFile(join(dir, "secret"), "s");
    for (const key of ["../secret", "../../secret", "a/../../secret", "/etc/passwd", "..", ".hidden"]) {
      for (const op of [
        () => storage.write(key, new Uint8Array([1])),
        () => storage.read(key),
        () => storage.exists(key),
        () => storage.delete(key),
      ]) {
        const error = await op().catch((e: unknown) => e);
        expect(isOrdoError(error, "ORDO_INVALID_INPUT")).toBe(true);
      }
    }
    expect(await readFile(join(dir, "secret"), "utf8")).toBe("s");
  });

  it("tells whether a key exists, and deletes it", async () => {
    const storage = new LocalFileStorage(base);
    expect(await storage.exists("k1")).toBe(false);
    await storage.write("k1", new Uint8Array([1]));
    expect(await storage.exists("k1")).toBe(true);
    await storage.delete("k1");
    expect(await storage.exists("k1")).toBe(false);
    await storage.delete("k1"); // deleting twice is fine
  });

  it("recreates its folder when it was removed between writes", async () => {
    const storage = new LocalFileStorage(base);
    await storage.write("k1", new Uint8Array([1]));
    await rm(base, { recursive: true });
    await storage.write("k2", new Uint8Array([2]));
    expect(await storage.exists("k2")).toBe(true);
  });
});

describe("persisting and loading results through files", () => {
  it("round-trips a large result through a storage reference", async () => {
    const storage = new LocalFileStorage(base);
    const value = { rows: Array.from({ length: 500 }, (_, i) => ({ id: BigInt(i), at: new Date(i) })) };
    const outcome = await persistResult(value, { storage });
    if (!outcome.ok || outcome.ref.kind !== "storage") throw new Error("expected a storage reference");
    expect(outcome.ref.storage).toBe("local");
    expect(await readdir(base)).toEqual([outcome.ref.key]);
    expect(await loadResult(outcome.ref, [storage])).toEqual(value);
  });

  it("loads a result written by another storage object on the same folder", async () => {
    const outcome = await persistResult("x".repeat(10_000), { storage: new LocalFileStorage(base) });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(await loadResult(outcome.ref, [new LocalFileStorage(base)])).toBe("x".repeat(10_000));
  });

  it("says ORDO_RESULT_NOT_AVAILABLE when the result file was deleted", async () => {
    const storage = new LocalFileStorage(base);
    const outcome = await persistResult("y".repeat(10_000), { storage });
    if (!outcome.ok || outcome.ref.kind !== "storage") throw new Error("expected a storage reference");
    await rm(join(base, outcome.ref.key));
    const error = await loadResult(outcome.ref, [storage]).catch((e: unknown) => e);
    expect(isOrdoError(error, "ORDO_RESULT_NOT_AVAILABLE")).toBe(true);
  });
});
