/**
 * Migration 8: where a deployment's code comes from. `source` holds a local folder, an
 * uploaded bundle (by hash) or a git repository (URL, ref, subdirectory) as JSON;
 * deployments written before it keep their `path`, which reads as a local source.
 *
 * @module
 */
import type { Migration } from "../migration.js";

/** The deployment source column. */
export const migration0008: Migration = {
  version: 8,
  name: "deployment-source",
  sqlite: `
ALTER TABLE deployments ADD COLUMN source TEXT;
`,
  postgres: `
ALTER TABLE deployments ADD COLUMN source JSONB;
`,
};
