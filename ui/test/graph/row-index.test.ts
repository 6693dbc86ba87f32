import { describe, expect, it } from "vitest";
import { RowIndex } from "../../src/graph/row-index.js";

describe("free-row search (RowIndex)", () => {
  it("gives the wanted row when it is free at x", () => {
    const rows = new RowIndex();
    expect(rows.nearestFree(0, 0)).toBe(0);
    expect(rows.nearestFree(5, 0)).toBe(5);
  });

  it("gives the next row below when the wanted row is still busy at x", () => {
    const rows = new RowIndex();
    rows.occupy(0, 100);
    expect(rows.nearestFree(0, 50)).toBe(1);
    expect(rows.nearestFree(0, 100)).toBe(0);
  });

  it("goes up only when a free row above is strictly closer than the first free row below", () => {
    const rows = new RowIndex();
    for (const r of [0, 2, 3, 4]) rows.occupy(r, 100);
    // Wanted 3: row 1 is 2 away above, row 5 is 2 away below: the tie goes below.
    expect(rows.nearestFree(3, 50)).toBe(5);
    rows.occupy(5, 100);
    // Now row 6 is 3 away below and row 1 is 2 away above.
    expect(rows.nearestFree(3, 50)).toBe(1);
  });

  it("counts the rows used and grows past its initial capacity", () => {
    const rows = new RowIndex();
    for (let i = 0; i < 1000; i++) rows.occupy(rows.nearestFree(0, 0), 10);
    expect(rows.rowCount).toBe(1000);
    expect(rows.nearestFree(0, 5)).toBe(1000);
    expect(rows.nearestFree(0, 10)).toBe(0);
    expect(rows.busyUntil(999)).toBe(10);
    expect(rows.busyUntil(1000)).toBe(Number.NEGATIVE_INFINITY);
  });

  it("places 100,000 nodes that all want row 0 in O(n log n), not O(n²)", () => {
    const rows = new RowIndex();
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) rows.occupy(rows.nearestFree(0, 0), 1);
    expect(rows.rowCount).toBe(100_000);
    // ~100 ms idle; quadratic would take minutes.
    expect(performance.now() - started).toBeLessThan(3000);
  });
});
