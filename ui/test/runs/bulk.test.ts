import { describe, expect, it } from "vitest";
import { confirmQuestion, outcomeSummary, runBulk } from "../../src/pages/runs/bulk.js";

describe("bulk actions over selected runs", () => {
  it("acts on each id once and keeps every failure with its error", async () => {
    const seen: string[] = [];
    const outcome = await runBulk(["a", "b", "a", "c"], (id) => {
      seen.push(id);
      return id === "b" ? Promise.reject(new Error("ORDO_NOT_FOUND")) : Promise.resolve();
    });
    expect(seen.sort()).toEqual(["a", "b", "c"]);
    expect([...outcome.done].sort()).toEqual(["a", "c"]);
    expect(outcome.failed).toEqual([{ id: "b", error: new Error("ORDO_NOT_FOUND") }]);
  });

  it("runs at most `concurrency` actions at once", async () => {
    let running = 0;
    let peak = 0;
    await runBulk(
      Array.from({ length: 10 }, (_, i) => String(i)),
      async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
      },
      3,
    );
    expect(peak).toBe(3);
  });

  it("does nothing for no ids", async () => {
    expect(await runBulk([], () => Promise.reject(new Error("never")))).toEqual({ done: [], failed: [] });
  });

  it("asks and reports in words", () => {
    expect(confirmQuestion("Cancel", 1)).toBe("Cancel 1 run?");
    expect(confirmQuestion("Delete", 3, "This cannot be undone.")).toBe(
      "Delete 3 runs? This cannot be undone.",
    );
    expect(outcomeSummary("Cancelled", { done: ["a"], failed: [{ id: "b", error: null }] })).toBe(
      "Cancelled 1 of 2 runs",
    );
  });
});
