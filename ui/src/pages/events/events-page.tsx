/**
 * Events, newest first: filtered by name and resource (in the URL), new ones arriving
 * live on top, each expandable, older pages on demand.
 *
 * @module
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { post } from "../../api/client.js";
import type { OrdoEvent } from "../../api/types.js";
import { EmptyState } from "../../components/empty-state.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { PageHeader } from "../../components/page-header.js";
import { useLiveEvents } from "../../live/live-provider.js";
import { mergeFeed, prependLive } from "./event-feed.js";
import { EventFilterBar } from "./event-filter-bar.js";
import { matchesEventFilter, readEventFilter, toApiFilter, writeEventFilter } from "./event-filter-url.js";
import { EventRow } from "./event-row.js";
import { readNewestEvents } from "./newest-events.js";
import "./events.css";

const PAGE_SIZE = 50;

/** The Events page. */
export function EventsPage() {
  const [params, setParams] = useSearchParams();
  const state = readEventFilter(params);
  const apiFilter = toApiFilter(state);
  const filterKey = JSON.stringify(apiFilter);
  const events = useInfiniteQuery({
    queryKey: ["events", apiFilter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      readNewestEvents((filter) => post<OrdoEvent[]>("/events/filter", filter, signal), {
        filter: apiFilter,
        beforeId: pageParam ?? undefined,
        pageSize: PAGE_SIZE,
      }),
    getNextPageParam: (last): string | undefined => last.nextBeforeId,
    // New events come live; reloading every page on focus would only repeat them.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
  const [live, setLive] = useState<{ key: string; events: OrdoEvent[] }>({ key: filterKey, events: [] });
  useLiveEvents((event) => {
    if (!matchesEventFilter(event, state)) return;
    setLive((current) => ({
      key: filterKey,
      events: prependLive(current.key === filterKey ? current.events : [], event),
    }));
  });
  const liveEvents = live.key === filterKey ? live.events : [];
  const feed = mergeFeed(liveEvents, events.data?.pages.map((p) => p.events) ?? []);
  const filtered = state.event !== undefined || state.resource !== undefined;
  return (
    <div className="events-page">
      <PageHeader title="Events" />
      <EventFilterBar
        key={params.toString()}
        value={state}
        onApply={(next) => setParams(writeEventFilter(params, next))}
      />
      {events.error !== null && events.data === undefined ? (
        <ErrorNotice error={events.error} />
      ) : events.data === undefined ? (
        <p className="muted">Loading events…</p>
      ) : feed.length === 0 ? (
        filtered ? (
          <EmptyState title="No events match these filters.">
            <p>New matching events appear here as they happen.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No events yet." command="npx ordo run examples/etl.ts:etl --param n=5">
            <p>Every flow-run and task-run state change is an event; run a flow and they appear here live.</p>
          </EmptyState>
        )
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Occurred</th>
                <th scope="col">Event</th>
                <th scope="col">Resource</th>
                <th scope="col" aria-label="Details" />
              </tr>
            </thead>
            <tbody>
              {feed.map((event) => (
                <EventRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
          <div className="more">
            {events.error !== null && <ErrorNotice error={events.error} />}
            {events.hasNextPage ? (
              <button
                type="button"
                disabled={events.isFetchingNextPage}
                onClick={() => void events.fetchNextPage()}
              >
                {events.isFetchingNextPage ? "Loading…" : "Load older"}
              </button>
            ) : (
              <p className="muted">No older events.</p>
            )}
          </div>
        </>
      )}
    </div>
  );
}
