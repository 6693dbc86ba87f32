/**
 * Live messages (events and log lines): from the server's `GET /api/stream` (server-sent
 * events) in HTTP mode, or by polling the database through the client in embedded mode.
 *
 * @module
 */
import { setTimeout as sleep } from "node:timers/promises";
import { OrdoError } from "../errors/index.js";
import { uuid7 } from "../ids/uuid7.js";
import type { LogRecord, OrdoEvent } from "../schemas/index.js";
import type { OrdoClient } from "./ordo-client.js";

/** One live message. */
export type LiveMessage =
  { readonly kind: "event"; readonly event: OrdoEvent } | { readonly kind: "log"; readonly log: LogRecord };

/** What to follow. */
export interface LiveQuery {
  /** Event names; a trailing `*` matches by prefix. */
  readonly events?: readonly string[] | undefined;
  readonly resourceId?: string | undefined;
  /** One flow run's events and log lines (its logs from the start). */
  readonly flowRunId?: string | undefined;
  readonly topics?: readonly ("events" | "logs")[] | undefined;
  readonly minLevel?: number | undefined;
}

/** Where to read from. */
export interface LiveSource {
  readonly client: OrdoClient;
  /** The server's API URL (`http://host:port/api`); without it the client is polled. */
  readonly apiUrl?: string | undefined;
  readonly apiKey?: string | undefined;
  readonly signal: AbortSignal;
  /** Polling interval in embedded mode, ms. Default 250. */
  readonly pollMs?: number | undefined;
}

/**
 * Follows live messages until `signal` aborts.
 *
 * @example
 * ```ts
 * for await (const m of liveMessages({ client, signal }, { events: ["ordo.flow-run.*"] })) console.log(m);
 * ```
 */
export function liveMessages(source: LiveSource, query: LiveQuery): AsyncGenerator<LiveMessage> {
  return source.apiUrl === undefined
    ? pollMessages(source, query)
    : serverSentMessages(source, source.apiUrl, query);
}

function streamUrl(apiUrl: string, query: LiveQuery): string {
  const params = new URLSearchParams();
  if (query.events !== undefined) params.set("events", query.events.join(","));
  if (query.resourceId !== undefined) params.set("resourceId", query.resourceId);
  if (query.flowRunId !== undefined) params.set("flowRunId", query.flowRunId);
  if (query.topics !== undefined) params.set("topics", query.topics.join(","));
  if (query.minLevel !== undefined) params.set("minLevel", String(query.minLevel));
  return `${apiUrl.replace(/\/$/, "")}/stream?${params.toString()}`;
}

/** Parses a server-sent-events body into `{ event, data }` messages. */
export async function* parseServerSentEvents(
  body: AsyncIterable<Uint8Array>,
): AsyncGenerator<{ event: string; data: string }> {
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length > 0) yield { event, data: data.join("\n") };
    }
  }
}

async function* serverSentMessages(
  source: LiveSource,
  apiUrl: string,
  query: LiveQuery,
): AsyncGenerator<LiveMessage> {
  const headers: Record<string, string> = { accept: "text/event-stream" };
  if (source.apiKey !== undefined) headers.authorization = `Bearer ${source.apiKey}`;
  let response: Response;
  try {
    response = await fetch(streamUrl(apiUrl, query), { headers, signal: source.signal });
  } catch (error) {
    if (source.signal.aborted) return;
    throw new OrdoError(
      "ORDO_SERVER_UNAVAILABLE",
      `cannot reach the server at ${apiUrl}`,
      { apiUrl },
      { cause: error },
    );
  }
  if (!response.ok || response.body === null) {
    throw new OrdoError("ORDO_SERVER_ERROR", `the server answered ${response.status} to the live stream`, {
      status: response.status,
    });
  }
  try {
    for await (const message of parseServerSentEvents(response.body)) {
      if (message.event === "event") yield { kind: "event", event: JSON.parse(message.data) as OrdoEvent };
      else if (message.event === "log") yield { kind: "log", log: JSON.parse(message.data) as LogRecord };
    }
  } catch (error) {
    if (!source.signal.aborted) throw error;
  }
}

async function* pollMessages(source: LiveSource, query: LiveQuery): AsyncGenerator<LiveMessage> {
  const { client, signal } = source;
  const topics = new Set(query.topics ?? ["events", "logs"]);
  const resourceId =
    query.resourceId ?? (query.flowRunId === undefined ? undefined : `ordo.flow-run.${query.flowRunId}`);
  const events = query.events === undefined ? undefined : [...query.events];
  // Start after what exists now: event ids are UUIDv7, ordered by the time they were
  // received, so an id made now sorts after every event received before. A flow run's
  // logs are followed from its start.
  let afterEventId = uuid7();
  let afterLogId = 0;
  if (query.flowRunId === undefined && topics.has("logs")) {
    for (;;) {
      const page = await client.readLogs({ afterId: afterLogId, limit: 100_000 });
      if (page.length === 0) break;
      afterLogId = page.at(-1)?.id ?? afterLogId;
    }
  }
  while (!signal.aborted) {
    if (topics.has("events")) {
      for (const event of await client.readEvents({
        events,
        resourceId,
        afterId: afterEventId,
        limit: 500,
      })) {
        afterEventId = event.id;
        yield { kind: "event", event };
      }
    }
    if (topics.has("logs")) {
      for (const log of await client.readLogs({
        flowRunId: query.flowRunId,
        minLevel: query.minLevel,
        afterId: afterLogId,
        limit: 1000,
      })) {
        afterLogId = log.id ?? afterLogId;
        yield { kind: "log", log };
      }
    }
    await sleep(source.pollMs ?? 250, undefined, { signal }).catch(() => undefined);
  }
}
