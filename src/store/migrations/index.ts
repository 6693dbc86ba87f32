/**
 * Every migration, in order. Add a new one as the next number; never edit an applied one.
 *
 * @module
 */
import type { Migration } from "../migration.js";
import { migration0001 } from "./0001-init.js";
import { migration0002 } from "./0002-idempotency-variables-artifacts-events.js";
import { migration0003 } from "./0003-flow-run-list-indexes.js";
import { migration0004 } from "./0004-flow-parameter-schema.js";
import { migration0005 } from "./0005-deployments-work-pools.js";
import { migration0006 } from "./0006-concurrency-limits.js";
import { migration0007 } from "./0007-flow-run-pause.js";
import { migration0008 } from "./0008-deployment-source.js";
import { migration0009 } from "./0009-flow-run-late-and-hosted-indexes.js";
import { migration0010 } from "./0010-events-by-name-and-id.js";
import { migration0011 } from "./0011-flow-run-suspensions.js";
import { migration0012 } from "./0012-worker-stopped.js";

/** The migrations, ordered by version. */
export const MIGRATIONS: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
  migration0011,
  migration0012,
];
