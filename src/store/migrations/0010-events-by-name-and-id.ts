/**
 * Migration 10: events of one name in id order. Events are listed by id (oldest or newest
 * first); with task-run events, one name (`ordo.task-run.Completed`) can hold millions of
 * rows, and an index on `(event, occurred)` made a page of them sort every match. The
 * index on `(event, id)` serves the page directly and replaces it, so writing an event
 * costs no more than before; a time range (`since`, `until`) is checked along the way.
 *
 * @module
 */
import type { Migration } from "../migration.js";

const statements = `
DROP INDEX events_event_occurred_idx;
CREATE INDEX events_event_id_idx ON events (event, id);
`;

/** Events indexed by name, then id. */
export const migration0010: Migration = {
  version: 10,
  name: "events-by-name-and-id",
  sqlite: statements,
  postgres: statements,
};
