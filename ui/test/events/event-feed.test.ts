import { describe, expect, it } from "vitest";
import type { OrdoEvent } from "../../src/api/types.js";
import { mergeFeed, prependLive } from "../../src/pages/events/event-feed.js";
import { resourceLink } from "../../src/pages/events/resource-links.js";

function ev(id: string): OrdoEvent {
  return {
    id,
    occurred: 0,
    event: "x",
    resource: { "ordo.resource.id": "r" },
    related: [],
    payload: {},
    received: 0,
  };
}

describe("prependLive", () => {
  it("puts a new event on top", () => {
    expect(prependLive([ev("a")], ev("b")).map((e) => e.id)).toEqual(["b", "a"]);
  });

  it("ignores an event it already has", () => {
    expect(prependLive([ev("b"), ev("a")], ev("a")).map((e) => e.id)).toEqual(["b", "a"]);
  });

  it("keeps at most the cap, dropping the oldest", () => {
    expect(prependLive([ev("b"), ev("a")], ev("c"), 2).map((e) => e.id)).toEqual(["c", "b"]);
  });
});

describe("mergeFeed", () => {
  it("shows live events above the loaded pages, each event once", () => {
    const feed = mergeFeed([ev("d"), ev("c")], [[ev("c"), ev("b")], [ev("a")]]);
    expect(feed.map((e) => e.id)).toEqual(["d", "c", "b", "a"]);
  });
});

describe("resourceLink", () => {
  it("links a flow run's events to the run", () => {
    expect(resourceLink("ordo.flow-run.0193-abc")).toBe("/runs/0193-abc");
  });

  it("links flows by name, encoded", () => {
    expect(resourceLink("ordo.flow.my flow")).toBe("/flows/my%20flow");
  });

  it("does not link resources without a page", () => {
    expect(resourceLink("ordo.tag.nightly")).toBeUndefined();
    expect(resourceLink("shop.order.42")).toBeUndefined();
    expect(resourceLink("ordo.flow-run.")).toBeUndefined();
    expect(resourceLink(undefined)).toBeUndefined();
  });
});
