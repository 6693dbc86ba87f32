import { describe, expect, it } from "vitest";
import type { EventFilter, OrdoEvent } from "../../src/api/types.js";
import { readNewestEvents, type ReadEvents } from "../../src/pages/events/newest-events.js";

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

function ev(n: number, event = "ordo.flow-run.Completed"): OrdoEvent {
  return {
    id: `e${String(n).padStart(6, "0")}`,
    occurred: NOW + n,
    event,
    resource: { "ordo.resource.id": `ordo.flow-run.${n}` },
    related: [],
    payload: {},
    received: NOW + n,
  };
}

/** The API's semantics in memory: by id, `NEWEST` or `OLDEST` first, bounded by afterId/beforeId, at most limit. */
function fakeApi(events: readonly OrdoEvent[]): { read: ReadEvents; calls: EventFilter[] } {
  const calls: EventFilter[] = [];
  const read: ReadEvents = (filter) => {
    calls.push(filter);
    const sign = filter.sort === "NEWEST" ? -1 : 1;
    const out = events
      .filter((e) => filter.beforeId === undefined || e.id < filter.beforeId)
      .filter((e) => filter.afterId === undefined || e.id > filter.afterId)
      .filter((e) => filter.events === undefined || filter.events.includes(e.event))
      .sort((a, b) => (a.id < b.id ? -sign : sign))
      .slice(0, filter.limit ?? 500);
    return Promise.resolve(out);
  };
  return { read, calls };
}

describe("readNewestEvents", () => {
  it("asks the API once for the newest page, newest first", async () => {
    const api = fakeApi(Array.from({ length: 120 }, (_, i) => ev(i)));
    const page = await readNewestEvents(api.read, {
      filter: { events: ["ordo.flow-run.Completed"] },
      pageSize: 50,
    });
    expect(page.events.map((e) => e.id)).toEqual(Array.from({ length: 50 }, (_, i) => ev(119 - i).id));
    expect(api.calls).toEqual([{ events: ["ordo.flow-run.Completed"], sort: "NEWEST", limit: 51 }]);
  });

  it("continues below the last event's id, one request per page, until none are older", async () => {
    const events = Array.from({ length: 120 }, (_, i) => ev(i));
    const api = fakeApi(events);
    const seen: OrdoEvent[] = [];
    let page = await readNewestEvents(api.read, { filter: {}, pageSize: 50 });
    seen.push(...page.events);
    while (page.nextBeforeId !== undefined) {
      page = await readNewestEvents(api.read, { filter: {}, pageSize: 50, beforeId: page.nextBeforeId });
      seen.push(...page.events);
    }
    expect(seen).toEqual([...events].reverse());
    expect(api.calls).toHaveLength(3);
    expect(api.calls[1]).toMatchObject({ beforeId: ev(70).id });
  });

  it("says there are no older events when the page is not full, or exactly full", async () => {
    expect(
      (await readNewestEvents(fakeApi([ev(1), ev(2)]).read, { filter: {} })).nextBeforeId,
    ).toBeUndefined();
    const exact = Array.from({ length: 50 }, (_, i) => ev(i));
    const page = await readNewestEvents(fakeApi(exact).read, { filter: {}, pageSize: 50 });
    expect(page.events).toHaveLength(50);
    expect(page.nextBeforeId).toBeUndefined();
  });

  it("passes the name and resource filters through", async () => {
    const api = fakeApi([ev(1, "a"), ev(2, "b")]);
    const page = await readNewestEvents(api.read, { filter: { events: ["b"], resourceId: "x*" } });
    expect(api.calls[0]).toMatchObject({ events: ["b"], resourceId: "x*", sort: "NEWEST" });
    expect(page.events.map((e) => e.id)).toEqual([ev(2).id]);
  });

  it("returns an empty page for no events", async () => {
    expect(await readNewestEvents(fakeApi([]).read, { filter: {} })).toEqual({
      events: [],
      nextBeforeId: undefined,
    });
  });
});
