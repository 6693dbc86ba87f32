/**
 * Migration 4: each flow's parameter JSON Schema, sent by the SDK, against which the
 * server validates the parameters of runs created through the API.
 *
 * @module
 */
import type { Migration } from "../migration.js";

/** The flows' parameter schemas. */
export const migration0004: Migration = {
  version: 4,
  name: "flow-parameter-schema",
  sqlite: "ALTER TABLE flows ADD COLUMN parameter_schema TEXT;",
  postgres: "ALTER TABLE flows ADD COLUMN parameter_schema JSONB;",
};
