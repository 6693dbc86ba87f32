import { describe, expect, it } from "vitest";
import { withOffset } from "../../src/pages/concurrency/concurrency-view.js";
import { holderIds, HOLDERS_SHOWN } from "../../src/pages/concurrency/use-holder-runs.js";

describe("the Concurrency page's URL", () => {
  it("pages each section by its own offset, keeping the other's", () => {
    const params = new URLSearchParams("globalOffset=100");
    expect(withOffset(params, "tagOffset", 100).toString()).toBe("globalOffset=100&tagOffset=100");
    expect(withOffset(params, "globalOffset", 0).toString()).toBe("");
  });
});

describe("slot holders", () => {
  it("are looked up once for the table: the first few of each tag, without repeats", () => {
    const many = Array.from({ length: 9 }, (_, i) => `t${i}`);
    const ids = holderIds([{ activeSlots: many }, { activeSlots: ["t1", "x"] }, { activeSlots: [] }]);
    expect(ids).toEqual([...many.slice(0, HOLDERS_SHOWN), "x"]);
  });

  it("never ask for more than the API's 1,000 ids", () => {
    const limits = Array.from({ length: 300 }, (_, i) => ({
      activeSlots: [`a${i}`, `b${i}`, `c${i}`, `d${i}`],
    }));
    expect(holderIds(limits)).toHaveLength(1000);
  });
});
