/**
 * Every migration, in order. Add a new one as the next number; never edit an applied one.
 *
 * @module
 */
import type { Migration } from "../migration.js";
import { migration0001 } from "./0001-init.js";

/** The migrations, ordered by version. */
export const MIGRATIONS: readonly Migration[] = [migration0001];
