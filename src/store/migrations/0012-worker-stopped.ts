/**
 * Migration 12: when a worker said it stopped (its last heartbeat on a graceful
 * shutdown). A stopped worker is OFFLINE at once, not three heartbeat intervals later;
 * its next heartbeat (it started again) clears the column.
 *
 * @module
 */
import type { Migration } from "../migration.js";

/** The stopped-at column of workers. */
export const migration0012: Migration = {
  version: 12,
  name: "worker-stopped",
  sqlite: `
ALTER TABLE workers ADD COLUMN stopped_at BIGINT;
`,
  postgres: `
ALTER TABLE workers ADD COLUMN stopped_at BIGINT;
`,
};
