import { describe, expect, it } from "vitest";
import {
  eventNames,
  matchesEventFilter,
  readEventFilter,
  toApiFilter,
  writeEventFilter,
} from "../../src/pages/events/event-filter-url.js";

describe("the events filter in the URL", () => {
  it("reads the event names and resource id", () => {
    const params = new URLSearchParams("event=ordo.flow-run.*&resource=ordo.flow-run.abc");
    expect(readEventFilter(params)).toEqual({ event: "ordo.flow-run.*", resource: "ordo.flow-run.abc" });
  });

  it("reads blank or missing values as no filter", () => {
    expect(readEventFilter(new URLSearchParams("event=%20%20"))).toEqual({
      event: undefined,
      resource: undefined,
    });
  });

  it("writes the filters, drops blank ones, and keeps other parameters", () => {
    const next = writeEventFilter(new URLSearchParams("resource=old&x=1"), {
      event: " shop.* ",
      resource: "",
    });
    expect(next.toString()).toBe("x=1&event=shop.*");
  });

  it("reads back what it writes", () => {
    const state = { event: "ordo.flow-run.Failed, ordo.flow-run.Crashed", resource: "ordo.flow-run.*" };
    expect(readEventFilter(writeEventFilter(new URLSearchParams(), state))).toEqual(state);
  });
});

describe("the API filter", () => {
  it("splits comma-separated event names", () => {
    expect(toApiFilter({ event: "ordo.flow-run.Failed, ,ordo.flow-run.Crashed" })).toEqual({
      events: ["ordo.flow-run.Failed", "ordo.flow-run.Crashed"],
    });
  });

  it("passes the resource id as is, prefix star included", () => {
    expect(toApiFilter({ resource: "ordo.flow-run.*" })).toEqual({ resourceId: "ordo.flow-run.*" });
  });

  it("is empty without filters", () => {
    expect(toApiFilter({})).toEqual({});
  });

  it("sends at most the 50 names the API accepts", () => {
    const many = Array.from({ length: 60 }, (_, i) => `e${i}`).join(",");
    expect(eventNames({ event: many })).toHaveLength(50);
  });
});

describe("matchesEventFilter (live events)", () => {
  const failed = { event: "ordo.flow-run.Failed", resource: { "ordo.resource.id": "ordo.flow-run.abc" } };

  it("matches names exactly, or by prefix when they end in a star", () => {
    expect(matchesEventFilter(failed, { event: "ordo.flow-run.Failed" })).toBe(true);
    expect(matchesEventFilter(failed, { event: "ordo.flow-run.*" })).toBe(true);
    expect(matchesEventFilter(failed, { event: "ordo.flow-run" })).toBe(false);
    expect(matchesEventFilter(failed, { event: "ordo.task-run.*, ordo.flow-run.F*" })).toBe(true);
  });

  it("matches the resource id exactly, or by prefix", () => {
    expect(matchesEventFilter(failed, { resource: "ordo.flow-run.abc" })).toBe(true);
    expect(matchesEventFilter(failed, { resource: "ordo.flow-run.*" })).toBe(true);
    expect(matchesEventFilter(failed, { resource: "ordo.flow-run.ab" })).toBe(false);
  });

  it("needs both filters to match", () => {
    expect(matchesEventFilter(failed, { event: "ordo.flow-run.*", resource: "ordo.flow.*" })).toBe(false);
  });

  it("lets every event through without filters", () => {
    expect(matchesEventFilter(failed, {})).toBe(true);
  });
});
