/**
 * One live connection per browser tab (UI.md), multiplexed: components subscribe to
 * events or to one flow run's log lines, and the hub keeps a single server-sent-events
 * connection to `/api/stream` whose scope follows the subscriptions.
 *
 * Scope: with no log subscription the stream carries every event; while one flow run's
 * logs are watched (its page is open) it carries that run's events and log lines. The
 * connection is reopened when the scope changes, continuing after the last id seen.
 *
 * @module
 */
import type { LogRecord, OrdoEvent } from "../api/types.js";

/** What the hub needs of `EventSource` (injected so the hub is testable). */
export interface EventSourceLike {
  addEventListener(type: "event" | "log", listener: (message: MessageEvent<string>) => void): void;
  addEventListener(type: "error", listener: (event: Event) => void): void;
  close(): void;
}

/** Makes a connection to a URL. */
export type EventSourceFactory = (url: string) => EventSourceLike;

type EventListener = (event: OrdoEvent) => void;
type LogListener = (log: LogRecord) => void;

/** The stream URL for a scope: pure, so the scoping rule is tested. */
export function streamUrl(scope: {
  readonly flowRunId?: string | undefined;
  readonly afterEventId?: string | undefined;
  readonly afterLogId?: number | undefined;
}): string {
  const params = new URLSearchParams();
  if (scope.flowRunId === undefined) {
    params.set("topics", "events");
  } else {
    params.set("topics", "events,logs");
    params.set("flowRunId", scope.flowRunId);
    if (scope.afterLogId !== undefined) params.set("afterLogId", String(scope.afterLogId));
  }
  if (scope.afterEventId !== undefined) params.set("afterEventId", scope.afterEventId);
  return `/api/stream?${params.toString()}`;
}

/** The tab's live connection. */
export class LiveStream {
  private readonly eventListeners = new Set<EventListener>();
  private readonly logListeners = new Map<string, Set<LogListener>>();
  private source: EventSourceLike | undefined;
  private scope: string | undefined;
  private lastEventId: string | undefined;
  private readonly lastLogId = new Map<string, number>();
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly connect: EventSourceFactory) {}

  /** Calls `listener` with every event in scope; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    this.refresh();
    return () => {
      this.eventListeners.delete(listener);
      this.refresh();
    };
  }

  /** Calls `listener` with each new log line of `flowRunId`; returns the unsubscribe function. */
  onLogs(flowRunId: string, listener: LogListener, afterLogId?: number): () => void {
    let set = this.logListeners.get(flowRunId);
    if (set === undefined) {
      set = new Set();
      this.logListeners.set(flowRunId, set);
    }
    set.add(listener);
    if (afterLogId !== undefined) this.lastLogId.set(flowRunId, afterLogId);
    this.refresh();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.logListeners.delete(flowRunId);
      this.refresh();
    };
  }

  /** Closes the connection. */
  close(): void {
    clearTimeout(this.reconnectTimer);
    this.source?.close();
    this.source = undefined;
    this.scope = undefined;
  }

  private wantedScope(): string | undefined {
    if (this.eventListeners.size === 0 && this.logListeners.size === 0) return undefined;
    // The most recently watched run's logs (a page shows one run's logs at a time).
    const runs = [...this.logListeners.keys()];
    return runs.at(-1) ?? "";
  }

  private refresh(): void {
    const wanted = this.wantedScope();
    if (wanted === this.scope && this.source !== undefined) return;
    this.source?.close();
    this.source = undefined;
    this.scope = wanted;
    if (wanted === undefined) return;
    const flowRunId = wanted === "" ? undefined : wanted;
    const url = streamUrl({
      flowRunId,
      afterEventId: this.lastEventId,
      afterLogId: flowRunId === undefined ? undefined : this.lastLogId.get(flowRunId),
    });
    const source = this.connect(url);
    this.source = source;
    source.addEventListener("event", (message) => {
      const event = JSON.parse(message.data) as OrdoEvent;
      this.lastEventId = event.id;
      for (const listener of this.eventListeners) listener(event);
    });
    source.addEventListener("log", (message) => {
      const log = JSON.parse(message.data) as LogRecord;
      const runId = log.flowRunId;
      if (log.id !== undefined) this.lastLogId.set(runId, log.id);
      for (const listener of this.logListeners.get(runId) ?? []) listener(log);
    });
    source.addEventListener("error", () => {
      // EventSource retries by itself, but from the URL it was opened with: reopen from
      // the last ids seen instead, after a short pause.
      source.close();
      if (this.source !== source) return;
      this.source = undefined;
      clearTimeout(this.reconnectTimer);
      this.reconnectTimer = setTimeout(() => this.refresh(), 2000);
    });
  }
}
