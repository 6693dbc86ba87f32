/**
 * The live connection in React: one {@link LiveStream} per tab; flow-run events refresh
 * the queries that show runs (throttled), and hooks let pages follow events and logs.
 *
 * @module
 */
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import type { LogRecord, OrdoEvent } from "../api/types.js";
import { LiveStream } from "./live-stream.js";

const LiveContext = createContext<LiveStream | undefined>(undefined);

/** Query-key roots refreshed when a flow run changes state. */
const RUN_QUERY_ROOTS = [
  "flow-runs",
  "flow-run",
  "task-runs",
  "graph",
  "dashboard",
  "deployment",
  "work-pools",
];

function invalidator(client: QueryClient): (event: OrdoEvent) => void {
  let pending = false;
  return (event) => {
    if (!event.event.startsWith("ordo.flow-run.")) return;
    if (pending) return;
    pending = true;
    // At most one refresh per half second, however many runs change at once.
    setTimeout(() => {
      pending = false;
      for (const root of RUN_QUERY_ROOTS) void client.invalidateQueries({ queryKey: [root] });
    }, 500);
  };
}

/** Opens the tab's live connection and keeps run queries fresh. */
export function LiveProvider({ children }: { readonly children: ReactNode }) {
  const client = useQueryClient();
  const [stream] = useState(() => new LiveStream((url) => new EventSource(url)));
  useEffect(() => {
    const off = stream.onEvent(invalidator(client));
    return () => {
      off();
      stream.close();
    };
  }, [client, stream]);
  return <LiveContext.Provider value={stream}>{children}</LiveContext.Provider>;
}

function useLive(): LiveStream {
  const stream = useContext(LiveContext);
  if (stream === undefined) throw new Error("live hooks outside <LiveProvider>");
  return stream;
}

/** Calls `listener` with every live event in scope while the component is mounted. */
export function useLiveEvents(listener: (event: OrdoEvent) => void): void {
  const stream = useLive();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => stream.onEvent((event) => ref.current(event)), [stream]);
}

/**
 * Calls `listener` with each new log line of `flowRunId` (after `afterLogId`, the last
 * line already shown) while mounted; `undefined` pauses it.
 */
export function useLiveLogs(
  flowRunId: string | undefined,
  afterLogId: number | undefined,
  listener: (log: LogRecord) => void,
): void {
  const stream = useLive();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  const ready = flowRunId !== undefined && afterLogId !== undefined;
  useEffect(() => {
    if (!ready || flowRunId === undefined) return;
    return stream.onLogs(flowRunId, (log) => ref.current(log), afterLogId);
    // afterLogId only seeds the subscription; later lines advance it inside the hub.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stream, flowRunId, ready]);
}
