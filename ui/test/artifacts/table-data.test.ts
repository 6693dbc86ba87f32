import { describe, expect, it } from "vitest";
import { formatCell, normaliseTable } from "../../src/components/artifacts/table-data.js";

describe("table normalisation", () => {
  it("reads a list of row objects, with every key as a column in first-seen order", () => {
    expect(
      normaliseTable([
        { table: "users", rows: 12 },
        { table: "orders", rows: 3, late: true },
      ]),
    ).toEqual({
      columns: ["table", "rows", "late"],
      rows: [
        ["users", 12, undefined],
        ["orders", 3, true],
      ],
    });
  });

  it("reads a list of row arrays, numbering the columns and padding short rows", () => {
    expect(normaliseTable([["a", 1], ["b"]])).toEqual({
      columns: ["1", "2"],
      rows: [
        ["a", 1],
        ["b", undefined],
      ],
    });
  });

  it("reads columns (an object of arrays) into rows as long as the longest column", () => {
    expect(normaliseTable({ table: ["users", "orders"], rows: [12] })).toEqual({
      columns: ["table", "rows"],
      rows: [
        ["users", 12],
        ["orders", undefined],
      ],
    });
  });

  it("reads an empty list as a table without columns or rows", () => {
    expect(normaliseTable([])).toEqual({ columns: [], rows: [] });
  });

  it("refuses data that is no table shape", () => {
    expect(normaliseTable("text")).toBeUndefined();
    expect(normaliseTable(42)).toBeUndefined();
    expect(normaliseTable(null)).toBeUndefined();
    expect(normaliseTable([{ a: 1 }, [1]])).toBeUndefined();
    expect(normaliseTable([1, 2])).toBeUndefined();
    expect(normaliseTable({ a: [1], b: 2 })).toBeUndefined();
    expect(normaliseTable({})).toBeUndefined();
  });
});

describe("table cells", () => {
  it("prints strings as they are, scalars printed, objects as compact JSON, missing as empty", () => {
    expect(formatCell("users")).toBe("users");
    expect(formatCell(12.5)).toBe("12.5");
    expect(formatCell(false)).toBe("false");
    expect(formatCell(null)).toBe("null");
    expect(formatCell(undefined)).toBe("");
    expect(formatCell({ a: [1, 2] })).toBe('{"a":[1,2]}');
  });
});
