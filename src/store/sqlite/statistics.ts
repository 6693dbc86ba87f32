/**
 * Keeping SQLite's query-planner statistics current.
 *
 * Without statistics (`sqlite_stat1`, `sqlite_stat4`) SQLite guesses that an equality on
 * the first column of an index matches about ten rows, so for `state_type = ? AND name
 * prefix` or `state_type IN (…) AND expected_start_time range` it walks every run of the
 * state through an index led by `state_type`: a third of a second at a million runs,
 * where the name or time index answers in a millisecond.
 *
 * SQLite decides which tables need analysing: `PRAGMA optimize` with the debug bit lists
 * the tables whose indexes have no statistics yet (new tables, new indexes) or whose size
 * changed about tenfold since they were analysed. Each index of those tables is then
 * analysed in full, one index per write transaction with a turn of the event loop in
 * between. A sampled ANALYZE (`analysis_limit`, which plain `PRAGMA optimize` sets to
 * 2,000) is not used: it stops counting each value of an index's first column at the
 * limit, so it records about 2,000 runs per state type instead of 200,000 and makes the
 * `state_type` indexes look selective, which is the wrong choice it should have prevented.
 * At a million runs a full ANALYZE takes 80–490 ms per flow-run index on two shared cores.
 *
 * @module
 */
import type BetterSqlite3 from "better-sqlite3";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { WriteTransactions } from "./write-transaction.js";

/**
 * `PRAGMA optimize` bits: 0x01 only list what would be done, 0x02 analyse tables that
 * might benefit, 0x10000 check every table, not only those queried on this connection.
 */
const LIST_TABLES_TO_ANALYZE = "optimize(0x10003)";

/** `ANALYZE "main"."flow_runs"` → `flow_runs`. */
const ANALYZE_LINE = /^ANALYZE "main"\."((?:[^"]|"")+)"$/;

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The tables SQLite says would benefit from ANALYZE, with their indexes (tables without indexes are left out). */
export function tablesToAnalyze(db: BetterSqlite3.Database): Map<string, string[]> {
  const lines = db.pragma(LIST_TABLES_TO_ANALYZE) as { optimize: string }[];
  const indexesOf = db.prepare<[string], { name: string }>(
    "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? ORDER BY name",
  );
  const tables = new Map<string, string[]>();
  for (const { optimize } of lines) {
    const table = ANALYZE_LINE.exec(optimize)?.[1]?.replaceAll('""', '"');
    if (table === undefined) continue;
    const indexes = indexesOf.all(table).map((row) => row.name);
    if (indexes.length > 0) tables.set(table, indexes);
  }
  return tables;
}

/**
 * Analyses, in full, every index of the tables that need it (see the module notes), one
 * index per write transaction, yielding to the event loop before each. Returns the
 * indexes analysed, `table.index`; none when the statistics are current.
 */
export async function refreshStatistics(
  db: BetterSqlite3.Database,
  transactions: WriteTransactions,
): Promise<string[]> {
  db.pragma("analysis_limit = 0");
  const analyzed: string[] = [];
  for (const [table, indexes] of tablesToAnalyze(db)) {
    for (const index of indexes) {
      await yieldToLoop();
      await transactions.run("statistics", () => {
        db.exec(`ANALYZE "main".${quoted(index)}`);
      });
      analyzed.push(`${table}.${index}`);
    }
  }
  return analyzed;
}
