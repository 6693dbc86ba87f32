/**
 * `GET /api/stream`: one server-sent-events stream of events (flow-run state changes
 * among them) and log lines, with filters. It reads the database, so it shows what every
 * process writes, including flows run in embedded mode on the same database.
 *
 * @module
 */
import { setTimeout as sleep } from "node:timers/promises";
import { createRoute, z } from "@hono/zod-openapi";
import { streamSSE } from "hono/streaming";
import * as api from "../../api/index.js";
import { ERROR_ANSWERS } from "../openapi-helpers.js";
import type { OrdoApp, ServerDeps } from "../server-deps.js";

const commaList = z
  .string()
  .max(5000)
  .transform((text) =>
    text
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
  );

/** The stream's filters, from the query string. */
export const StreamQuerySchema = z.object({
  /** Event names, comma-separated; `*` at the end matches by prefix (`ordo.flow-run.*`). */
  events: commaList.optional(),
  /** Only events of this resource (`ordo.flow-run.<id>`); `*` at the end matches by prefix. */
  resourceId: z.string().min(1).max(2000).optional(),
  /** Only this flow run: its events and its log lines. */
  flowRunId: z.string().min(1).max(64).optional(),
  /** `events`, `logs` or both (default both). */
  topics: commaList.pipe(z.array(z.enum(["events", "logs"]))).optional(),
  /** The lowest log level sent (10 debug … 50 critical). */
  minLevel: z.coerce.number().int().min(0).max(100).optional(),
  /** Start after this event id (else: only new events). */
  afterEventId: z.string().max(64).optional(),
  /** Start after this log id (else: the flow run's logs from the start, or only new ones). */
  afterLogId: z.coerce.number().int().optional(),
});

const stream = createRoute({
  method: "get",
  path: "/api/stream",
  tags: ["Events"],
  summary: "Live stream (server-sent events) of events and log lines",
  description:
    "Messages are `event: event` with an event as data, and `event: log` with a log line. `: ping` comments keep the connection alive.",
  request: { query: StreamQuerySchema },
  responses: {
    200: { description: "The stream", content: { "text/event-stream": { schema: z.string() } } },
    ...ERROR_ANSWERS,
  },
});

/** How often the stream looks for new rows, and pings. */
export interface StreamTiming {
  readonly pollMs?: number | undefined;
  readonly pingMs?: number | undefined;
}

/** Registers the live stream. */
export function registerStreamRoute(app: OrdoApp, { store }: ServerDeps, timing: StreamTiming = {}): void {
  const pollMs = timing.pollMs ?? 200;
  const pingMs = timing.pingMs ?? 15_000;
  app.openapi(stream, async (c) => {
    const q = c.req.valid("query");
    const topics = new Set(q.topics ?? ["events", "logs"]);
    const resourceId =
      q.resourceId ?? (q.flowRunId === undefined ? undefined : `ordo.flow-run.${q.flowRunId}`);
    // Without a starting point: only new events, and a flow run's logs from its start
    // (all logs: only new ones).
    let afterEventId = q.afterEventId ?? (await store.records.positions.newestEventId());
    let afterLogId =
      q.afterLogId ?? (q.flowRunId === undefined ? await store.records.positions.newestLogId() : 0);
    return streamSSE(c, async (sse) => {
      let lastPing = Date.now();
      while (!sse.aborted && !sse.closed) {
        if (topics.has("events")) {
          const events = await api.readEvents(store, {
            events: q.events,
            resourceId,
            afterId: afterEventId,
            limit: 500,
          });
          for (const event of events) {
            await sse.writeSSE({ event: "event", id: `e:${event.id}`, data: JSON.stringify(event) });
            afterEventId = event.id;
          }
        }
        if (topics.has("logs")) {
          const logs = await api.readLogs(store, {
            flowRunId: q.flowRunId,
            minLevel: q.minLevel,
            afterId: afterLogId,
            limit: 1000,
          });
          for (const log of logs) {
            await sse.writeSSE({ event: "log", id: `l:${log.id ?? ""}`, data: JSON.stringify(log) });
            afterLogId = log.id ?? afterLogId;
          }
        }
        if (Date.now() - lastPing >= pingMs) {
          await sse.write(": ping\n\n");
          lastPing = Date.now();
        }
        await sleep(pollMs);
      }
    });
  });
}
