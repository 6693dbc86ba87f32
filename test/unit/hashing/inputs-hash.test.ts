import { describe, expect, it } from "vitest";
import { INPUTS } from "../../../src/cache/cache-policies.js";
import type { CacheKeyContext } from "../../../src/cache/cache-key-context.js";
import { isOrdoError } from "../../../src/errors/ordo-error.js";
import { inputsHash } from "../../../src/hashing/inputs-hash.js";

function ctx(args: readonly unknown[], taskKey = "fetch-rows"): CacheKeyContext {
  return { taskKey, taskSource: "async (t) => t", args, flowRunId: "run-1", flowParameters: {} };
}

describe("inputsHash", () => {
  it("gives equal arguments the same key, object key order aside", () => {
    expect(inputsHash(ctx([]), ["users", { limit: 10, since: new Date(0) }])).toBe(
      inputsHash(ctx([]), ["users", { since: new Date(0), limit: 10 }]),
    );
  });

  it("gives different arguments different keys", () => {
    expect(inputsHash(ctx([]), ["users"])).not.toBe(inputsHash(ctx([]), ["orders"]));
    expect(inputsHash(ctx([]), [1])).not.toBe(inputsHash(ctx([]), [1n]));
  });

  it("does not depend on the flow run, the parameters or the source", () => {
    const a = inputsHash(ctx([]), [1]);
    const b = inputsHash(
      { ...ctx([]), flowRunId: "run-2", flowParameters: { x: 1 }, taskSource: "other" },
      [1],
    );
    expect(a).toBe(b);
  });

  it("differs between tasks called with the same arguments", () => {
    expect(inputsHash(ctx([], "add"), [1, 2])).not.toBe(inputsHash(ctx([], "multiply"), [1, 2]));
  });

  it("equals the key of the INPUTS policy", () => {
    const args = [1, { a: [2] }];
    expect(inputsHash(ctx(args), args)).toBe(INPUTS.computeKey(ctx(args)));
  });

  it("names the unhashable argument in its error", () => {
    try {
      inputsHash(ctx([]), ["users", { client: new (class PgClient {})() }]);
      expect.unreachable();
    } catch (error) {
      expect(isOrdoError(error, "ORDO_UNHASHABLE_INPUT")).toBe(true);
      expect((error as Error).message).toContain("args[1].client");
      expect((error as Error).message).toContain("PgClient");
    }
  });
});
