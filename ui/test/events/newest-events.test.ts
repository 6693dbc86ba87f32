import { describe, expect, it } from "vitest";
import type { EventFilter, OrdoEvent } from "../../src/api/types.js";
import { newestFirst, readNewestEvents, type ReadEvents } from "../../src/pages/events/newest-events.js";

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);
const MIN = 60_000;

function ev(n: number, occurred: number, event = "ordo.flow-run.Completed"): OrdoEvent {
  return {
    id: `e${String(n).padStart(6, "0")}`,
    occurred,
    event,
    resource: { "ordo.resource.id": `ordo.flow-run.${n}` },
    related: [],
    payload: {},
    received: occurred,
  };
}

/** The API's semantics in memory: since ≤ occurred < until, oldest id first, at most limit. */
function fakeApi(events: readonly OrdoEvent[]): { read: ReadEvents; calls: EventFilter[] } {
  const calls: EventFilter[] = [];
  const read: ReadEvents = (filter) => {
    calls.push(filter);
    const out = events
      .filter((e) => filter.since === undefined || e.occurred >= filter.since)
      .filter((e) => filter.until === undefined || e.occurred < filter.until)
      .filter((e) => filter.events === undefined || filter.events.includes(e.event))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .slice(0, filter.limit ?? 500);
    return Promise.resolve(out);
  };
  return { read, calls };
}

async function readAll(read: ReadEvents, pageSize: number, fetchLimit: number): Promise<OrdoEvent[][]> {
  const pages: OrdoEvent[][] = [];
  let page = await readNewestEvents(read, { filter: {}, now: NOW, pageSize, fetchLimit });
  pages.push([...page.events]);
  while (page.nextUntil !== undefined) {
    page = await readNewestEvents(read, {
      filter: {},
      now: NOW,
      pageSize,
      fetchLimit,
      until: page.nextUntil,
      startWindowMs: page.windowMs,
    });
    pages.push([...page.events]);
    if (pages.length > 1000) throw new Error("no end");
  }
  return pages;
}

describe("readNewestEvents", () => {
  it("returns a few sparse events newest first, and says there are no older ones", async () => {
    const events = [ev(1, NOW - 3 * 24 * 60 * MIN), ev(2, NOW - 2 * MIN), ev(3, NOW - 30 * MIN)];
    const page = await readNewestEvents(fakeApi(events).read, { filter: {}, now: NOW, pageSize: 50 });
    expect(page.events.map((e) => e.id)).toEqual(["e000002", "e000003", "e000001"]);
    expect(page.nextUntil).toBeUndefined();
  });

  it("returns exactly the newest page of dense events, in few requests", async () => {
    const events = Array.from({ length: 3000 }, (_, i) => ev(i, NOW - (3000 - i) * 1000));
    const api = fakeApi(events);
    const page = await readNewestEvents(api.read, { filter: {}, now: NOW, pageSize: 50, fetchLimit: 500 });
    expect(page.events).toEqual(events.slice(-50).reverse());
    expect(page.nextUntil).toBe(events[3000 - 50]?.occurred);
    expect(api.calls.length).toBeLessThanOrEqual(3);
  });

  it("narrows a window that holds more than one answer, and still finds the newest page", async () => {
    // 5,000 events in the last 4 minutes: the first 5-minute window is cut at 500.
    const events = Array.from({ length: 5000 }, (_, i) => ev(i, NOW - 240_000 + i * 48));
    const page = await readNewestEvents(fakeApi(events).read, {
      filter: {},
      now: NOW,
      pageSize: 50,
      fetchLimit: 500,
    });
    expect(page.events).toEqual(events.slice(-50).reverse());
  });

  it("keeps events that share the page's oldest time together on one page", async () => {
    const events = [...Array.from({ length: 60 }, (_, i) => ev(i, NOW - MIN)), ev(100, NOW - 2 * MIN)];
    const page = await readNewestEvents(fakeApi(events).read, { filter: {}, now: NOW, pageSize: 50 });
    expect(page.events).toHaveLength(60);
    expect(page.nextUntil).toBe(NOW - MIN);
  });

  it("orders by the time events occurred, whatever order they arrived in", async () => {
    // Received (id) order differs from occurred order.
    const events = [ev(1, NOW - 1000), ev(2, NOW - 5000), ev(3, NOW - 3000)];
    const page = await readNewestEvents(fakeApi(events).read, { filter: {}, now: NOW });
    expect(page.events.map((e) => e.id)).toEqual(["e000001", "e000003", "e000002"]);
  });

  it.each([
    { pageSize: 40, fetchLimit: 500 },
    { pageSize: 10, fetchLimit: 60 },
  ])(
    "pages through every event once, newest first, across dense and sparse stretches and ties ($pageSize a page, answers of $fetchLimit)",
    async ({ pageSize, fetchLimit }) => {
      let seed = 7;
      const random = () => {
        seed = (seed * 16807) % 2147483647;
        return seed / 2147483647;
      };
      const events: OrdoEvent[] = [];
      let t = NOW;
      for (let i = 0; i < 1500; i++) {
        // Mostly a few ms apart, sometimes the same ms, sometimes days apart.
        const r = random();
        t -= r < 0.2 ? 0 : r < 0.97 ? Math.floor(random() * 200) : Math.floor(random() * 5 * 24 * 60 * MIN);
        events.push(ev(i, t));
      }
      const pages = await readAll(fakeApi(events).read, pageSize, fetchLimit);
      const seen = pages.flat();
      expect(seen).toEqual([...events].sort(newestFirst));
      expect(new Set(seen.map((e) => e.id)).size).toBe(events.length);
    },
  );

  it("passes the names and resource filters to the API", async () => {
    const api = fakeApi([ev(1, NOW - 1000, "a"), ev(2, NOW - 2000, "b")]);
    const page = await readNewestEvents(api.read, { filter: { events: ["b"], resourceId: "x*" }, now: NOW });
    expect(api.calls[0]).toMatchObject({ events: ["b"], resourceId: "x*" });
    expect(page.events.map((e) => e.event)).toEqual(["b"]);
  });

  it("reads nothing from an empty server, and says there is no more", async () => {
    const page = await readNewestEvents(fakeApi([]).read, { filter: {}, now: NOW });
    expect(page.events).toEqual([]);
    expect(page.nextUntil).toBeUndefined();
  });
});

describe("readNewestEvents, looking back", () => {
  it("reads one resource's events (an exact id) in one request", async () => {
    const api = fakeApi([ev(1, NOW - 90 * 24 * 60 * MIN), ev(2, NOW - 1000)]);
    const page = await readNewestEvents(api.read, { filter: { resourceId: "ordo.flow-run.1" }, now: NOW });
    expect(api.calls).toHaveLength(1);
    expect(api.calls[0]?.since).toBeUndefined();
    expect(page.nextUntil).toBeUndefined();
  });

  it("reaches the oldest events of a quiet server in at most five requests", async () => {
    const api = fakeApi([ev(1, NOW - 400 * 24 * 60 * MIN), ev(2, NOW - 3 * 24 * 60 * MIN)]);
    const page = await readNewestEvents(api.read, { filter: {}, now: NOW });
    expect(page.events).toHaveLength(2);
    expect(api.calls.length).toBeLessThanOrEqual(5);
  });

  it("starts the next page with the window that found this one", async () => {
    const events = Array.from({ length: 400 }, (_, i) => ev(i, NOW - (400 - i) * 10 * MIN));
    const api = fakeApi(events);
    const first = await readNewestEvents(api.read, { filter: {}, now: NOW, pageSize: 50 });
    api.calls.length = 0;
    await readNewestEvents(api.read, {
      filter: {},
      now: NOW,
      pageSize: 50,
      until: first.nextUntil,
      startWindowMs: first.windowMs,
    });
    expect(api.calls[0]?.since).toBe((first.nextUntil ?? 0) - first.windowMs);
  });
});
