/**
 * The paused-run timeout query, the same on both databases: the ids of PAUSED flow runs
 * whose pause timed out, read from the pause's `timeoutAt` inside the database, so that a
 * pass over many runs paused for days reads none of them.
 *
 * @module
 */
import { sql, type Kysely } from "kysely";
import { StateType } from "../../states/index.js";
import type { Database } from "../database.js";

/** The query of the ids of PAUSED flow runs whose pause timed out before `now`, in id order. */
export function selectPausedRunsDue(qb: Kysely<Database>, dialect: "sqlite" | "postgres", now: number) {
  const timeoutAt =
    dialect === "sqlite"
      ? sql<number>`json_extract(pause, '$.timeoutAt')`
      : sql<number>`(pause->>'timeoutAt')::numeric`;
  return qb
    .selectFrom("flow_runs")
    .select("id")
    .where("state_type", "=", StateType.PAUSED)
    .where(timeoutAt, "<", now)
    .orderBy("id");
}
