import { describe, expect, it } from "vitest";
import { offsetPage, readOffset } from "../../src/components/offset-page.js";
import {
  readVariableView,
  variableFilter,
  VARIABLES_PAGE_SIZE,
  writeVariableView,
} from "../../src/pages/variables/variable-filters.js";

describe("the Variables page's URL", () => {
  it("round-trips the prefix and offset, leaving defaults out", () => {
    const view = { prefix: "db", offset: 50 };
    expect(writeVariableView(view).toString()).toBe("prefix=db&offset=50");
    expect(readVariableView(writeVariableView(view))).toEqual(view);
    expect(writeVariableView({ prefix: "", offset: 0 }).toString()).toBe("");
  });

  it("reads a bad offset as the first page", () => {
    expect(readOffset(new URLSearchParams("offset=-5"))).toBe(0);
    expect(readOffset(new URLSearchParams("offset=abc"))).toBe(0);
    expect(readOffset(new URLSearchParams("offset=1.5"))).toBe(0);
  });

  it("asks the server for one row more than a page, by lowercase name prefix", () => {
    expect(variableFilter({ prefix: "DB", offset: 50 })).toEqual({
      namePrefix: "db",
      limit: VARIABLES_PAGE_SIZE + 1,
      offset: 50,
    });
    expect(variableFilter({ prefix: "", offset: 0 })).toEqual({ limit: VARIABLES_PAGE_SIZE + 1, offset: 0 });
  });
});

describe("offset pages", () => {
  it("show a page and know a next page exists from the extra row", () => {
    expect(offsetPage([1, 2, 3], 2)).toEqual({ items: [1, 2], hasMore: true });
    expect(offsetPage([1, 2], 2)).toEqual({ items: [1, 2], hasMore: false });
  });
});
