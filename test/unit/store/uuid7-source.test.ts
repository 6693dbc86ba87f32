import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { uuid7, uuid7Time } from "../../../src/ids/uuid7.js";
import { UUID7_SOURCE } from "../../../src/store/sqlite/uuid7-source.js";

// The writer thread's generator, evaluated as the thread evaluates it.
// eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is Ordo's own constant
const threadUuid7 = new Function("require", `${UUID7_SOURCE}; return uuid7;`)(
  createRequire(import.meta.url),
) as () => string;

describe("the writer thread's UUIDv7 source", () => {
  it("makes version 7, variant 10 ids carrying the current time", () => {
    const before = Date.now();
    const id = threadUuid7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuid7Time(id)).toBeGreaterThanOrEqual(before);
    expect(uuid7Time(id)).toBeLessThanOrEqual(Date.now());
  });

  it("makes ids that sort in the order they were made, also many in one millisecond", () => {
    const ids = Array.from({ length: 10_000 }, () => threadUuid7());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("sorts after the ids the main thread made earlier", async () => {
    const main = uuid7();
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(threadUuid7() > main).toBe(true);
  });
});
