/**
 * Migration 6: concurrency limits and their slot leases.
 *
 * One table holds both kinds of limit: a tag limit on `db` is the row named `tag:db`,
 * global limits have names without `:`. A held slot is a lease row (one per limit and
 * holder) that counts only until `expires_at`; rate-limit slots are not leases but a
 * decaying counter on the limit row (`decaying_slots` as of `decayed_at`), so the slots
 * in use are `sum(live leases) + max(0, decaying_slots − elapsed × slot_decay_per_second)`.
 *
 * @module
 */
import type { Migration } from "../migration.js";

const sqlite = `
CREATE TABLE concurrency_limits (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  slot_limit INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  slot_decay_per_second REAL NOT NULL DEFAULT 0,
  decaying_slots REAL NOT NULL DEFAULT 0,
  decayed_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX concurrency_limits_name_key ON concurrency_limits (name);

CREATE TABLE concurrency_leases (
  limit_name TEXT NOT NULL,
  holder TEXT NOT NULL,
  slots INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (limit_name, holder)
);
CREATE INDEX concurrency_leases_holder_idx ON concurrency_leases (holder);
CREATE INDEX concurrency_leases_expires_at_idx ON concurrency_leases (expires_at);
`;

const postgres = `
CREATE TABLE concurrency_limits (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  slot_limit INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  slot_decay_per_second DOUBLE PRECISION NOT NULL DEFAULT 0,
  decaying_slots DOUBLE PRECISION NOT NULL DEFAULT 0,
  decayed_at BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX concurrency_limits_name_key ON concurrency_limits (name);

CREATE TABLE concurrency_leases (
  limit_name TEXT NOT NULL,
  holder TEXT NOT NULL,
  slots INTEGER NOT NULL,
  expires_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (limit_name, holder)
);
CREATE INDEX concurrency_leases_holder_idx ON concurrency_leases (holder);
CREATE INDEX concurrency_leases_expires_at_idx ON concurrency_leases (expires_at);
`;

/** Concurrency limits and slot leases. */
export const migration0006: Migration = {
  version: 6,
  name: "concurrency-limits",
  sqlite,
  postgres,
};
