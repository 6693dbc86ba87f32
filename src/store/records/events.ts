/**
 * Events in the database, for both SQLite and PostgreSQL: appended, read oldest or newest
 * first by id (the order they were recorded).
 *
 * @module
 */
import type { Compilable, Kysely } from "kysely";
import { uuid7 } from "../../ids/uuid7.js";
import type { OrdoEvent } from "../../schemas/index.js";
import type { Database, EventsTable } from "../database.js";
import { readJson, type SqlExecutor } from "../sql-executor.js";
import { startsWith } from "./likes.js";

/** An event to append, validated by `api/`. */
export interface EventInsert {
  readonly id?: string | undefined;
  readonly occurred: number;
  readonly event: string;
  readonly resource: Readonly<Record<string, string>>;
  readonly related: readonly Readonly<Record<string, string>>[];
  readonly payload: Readonly<Record<string, unknown>>;
  readonly received: number;
}

/** Which events to read, defaults applied. */
export interface EventQuery {
  readonly events?: readonly string[] | undefined;
  readonly resourceId?: string | undefined;
  readonly since?: number | undefined;
  readonly until?: number | undefined;
  readonly afterId?: string | undefined;
  readonly beforeId?: string | undefined;
  readonly sort?: "OLDEST" | "NEWEST" | undefined;
  readonly limit: number;
}

/**
 * An event written with a recorder batch. The store gives it its id and `received` time
 * inside the write transaction, so ids follow the order in which events are committed.
 */
export type BatchEventInsert = Omit<EventInsert, "id" | "received">;

/** The columns of a batch event, in the order of {@link batchEventValues}. */
export const BATCH_EVENT_COLUMNS = [
  "occurred",
  "event",
  "resource_id",
  "resource",
  "related",
  "payload",
] as const satisfies readonly (keyof EventsTable)[];

/** A batch event's bind values: occurred, event, resource id, then resource, related and payload as JSON. */
export type BatchEventValues = [number, string, string, string, string, string];

/**
 * Batch events as bind values, one array per event in {@link BATCH_EVENT_COLUMNS} order.
 * Events that share one `related` array (those of one task run) serialize it once.
 */
export function batchEventValues(events: readonly BatchEventInsert[]): BatchEventValues[] {
  const related = new Map<object, string>();
  return events.map((e) => {
    let relatedJson = related.get(e.related);
    if (relatedJson === undefined) {
      relatedJson = JSON.stringify(e.related);
      related.set(e.related, relatedJson);
    }
    const values: BatchEventValues = [
      e.occurred,
      e.event,
      e.resource["ordo.resource.id"] ?? "",
      JSON.stringify(e.resource),
      relatedJson,
      JSON.stringify(e.payload),
    ];
    return values;
  });
}

function fromRow(dialect: SqlExecutor["dialect"], row: EventsTable): OrdoEvent {
  return {
    id: row.id,
    occurred: Number(row.occurred),
    event: row.event,
    resource: readJson(dialect, row.resource),
    related: readJson(dialect, row.related),
    payload: readJson(dialect, row.payload),
    received: Number(row.received),
  };
}

/** The row of an event to insert. */
export function eventToRow(input: EventInsert): EventsTable {
  return {
    id: input.id ?? uuid7(input.received),
    occurred: input.occurred,
    event: input.event,
    resource_id: input.resource["ordo.resource.id"] ?? "",
    resource: JSON.stringify(input.resource),
    related: JSON.stringify(input.related),
    payload: JSON.stringify(input.payload),
    received: input.received,
  };
}

/** The insert of one event (ignored when its id exists), to run inside another write. */
export function eventInsertQuery(qb: Kysely<Database>, input: EventInsert): Compilable {
  return qb
    .insertInto("events")
    .values(eventToRow(input))
    .onConflict((oc) => oc.column("id").doNothing());
}

/** Reads and appends events. */
export class EventRecords {
  readonly #sql: SqlExecutor;

  constructor(sql: SqlExecutor) {
    this.#sql = sql;
  }

  /** Appends events in one transaction (an id that exists is skipped). */
  async append(inputs: readonly EventInsert[]): Promise<void> {
    if (inputs.length === 0) return;
    await this.#sql.write(inputs.map((input) => eventInsertQuery(this.#sql.qb, input)));
  }

  /**
   * Events, oldest first (by id, which follows the order they were recorded), or newest
   * first with `sort: "NEWEST"`; `afterId` and `beforeId` bound the ids.
   */
  async list(query: EventQuery): Promise<OrdoEvent[]> {
    let select = this.#sql.qb.selectFrom("events").selectAll();
    const names = query.events;
    if (names !== undefined && names.length > 0) {
      select = select.where((eb) =>
        eb.or(
          names.map((name) =>
            name.endsWith("*") ? startsWith("event", name.slice(0, -1)) : eb("event", "=", name),
          ),
        ),
      );
    }
    const resourceId = query.resourceId;
    if (resourceId !== undefined) {
      select = resourceId.endsWith("*")
        ? select.where(startsWith("resource_id", resourceId.slice(0, -1)))
        : select.where("resource_id", "=", resourceId);
    }
    if (query.since !== undefined) select = select.where("occurred", ">=", query.since);
    if (query.until !== undefined) select = select.where("occurred", "<", query.until);
    if (query.afterId !== undefined) select = select.where("id", ">", query.afterId);
    if (query.beforeId !== undefined) select = select.where("id", "<", query.beforeId);
    const order = query.sort === "NEWEST" ? "desc" : "asc";
    const rows = await this.#sql.all(select.orderBy("id", order).limit(query.limit));
    return rows.map((row) => fromRow(this.#sql.dialect, row));
  }
}
