import { describe, expect, it } from "vitest";
import type { LogRecord, OrdoEvent } from "../../src/api/types.js";
import { LiveStream, streamUrl, type EventSourceLike } from "../../src/live/live-stream.js";

/** A connection the test drives by hand. */
class FakeSource implements EventSourceLike {
  readonly listeners = new Map<string, ((message: MessageEvent<string>) => void)[]>();
  closed = false;
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (message: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, data: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) {
      listener({ data: JSON.stringify(data) } as MessageEvent<string>);
    }
  }
}

function hub(): { stream: LiveStream; sources: FakeSource[] } {
  const sources: FakeSource[] = [];
  const stream = new LiveStream((url) => {
    const source = new FakeSource(url);
    sources.push(source);
    return source;
  });
  return { stream, sources };
}

const event = (id: string, name = "ordo.flow-run.Completed"): OrdoEvent => ({
  id,
  occurred: 1,
  event: name,
  resource: { "ordo.resource.id": "ordo.flow-run.r1" },
  related: [],
  payload: {},
  received: 1,
});

const log = (id: number, flowRunId = "r1"): LogRecord => ({
  id,
  flowRunId,
  level: 20,
  name: "ordo",
  message: `line ${id}`,
  timestamp: 1,
});

describe("streamUrl", () => {
  it("asks for every event when no run's logs are watched", () => {
    expect(streamUrl({})).toBe("/api/stream?topics=events");
  });

  it("asks for one run's events and logs, continuing after the last ids seen", () => {
    const url = new URL(streamUrl({ flowRunId: "r1", afterEventId: "e9", afterLogId: 41 }), "http://x");
    expect(url.searchParams.get("topics")).toBe("events,logs");
    expect(url.searchParams.get("flowRunId")).toBe("r1");
    expect(url.searchParams.get("afterLogId")).toBe("41");
    expect(url.searchParams.get("afterEventId")).toBe("e9");
  });
});

describe("LiveStream", () => {
  it("opens no connection until someone subscribes, and closes it when the last one leaves", () => {
    const { stream, sources } = hub();
    expect(sources).toHaveLength(0);
    const off = stream.onEvent(() => {});
    expect(sources).toHaveLength(1);
    off();
    expect(sources[0]?.closed).toBe(true);
  });

  it("delivers events to every listener over one connection", () => {
    const { stream, sources } = hub();
    const a: string[] = [];
    const b: string[] = [];
    stream.onEvent((e) => a.push(e.id));
    stream.onEvent((e) => b.push(e.id));
    expect(sources).toHaveLength(1);
    sources[0]?.emit("event", event("e1"));
    expect(a).toEqual(["e1"]);
    expect(b).toEqual(["e1"]);
  });

  it("rescopes to a watched run's logs, continuing after the last event, and back when it stops", () => {
    const { stream, sources } = hub();
    stream.onEvent(() => {});
    sources[0]?.emit("event", event("e5"));
    const lines: string[] = [];
    const off = stream.onLogs("r1", (l) => lines.push(l.message), 10);
    expect(sources).toHaveLength(2);
    expect(sources[0]?.closed).toBe(true);
    const scoped = new URL(sources[1]!.url, "http://x");
    expect(scoped.searchParams.get("flowRunId")).toBe("r1");
    expect(scoped.searchParams.get("afterLogId")).toBe("10");
    expect(scoped.searchParams.get("afterEventId")).toBe("e5");
    sources[1]?.emit("log", log(11));
    sources[1]?.emit("log", log(12, "other"));
    expect(lines).toEqual(["line 11"]);
    off();
    expect(sources).toHaveLength(3);
    expect(new URL(sources[2]!.url, "http://x").searchParams.get("topics")).toBe("events");
  });
});
