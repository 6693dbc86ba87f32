/**
 * What one pass of the paused-run timeout service costs (every 5 s in `ordo server start`,
 * and before every `flow-run ls`) with many runs paused and none due: `failExpiredPausedRuns`
 * (reads the paused runs, locks only those whose pause had timed out) against locking and
 * checking every paused run (how each pass worked before), measured in the same run on the
 * same SQLite file.
 *
 * Run: `npm run bench:paused-timeouts [-- --runs 2000,20000 --reps 7]`.
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createFlowRun, failExpiredPausedRuns, setFlowRunState } from "../../src/api/index.js";
import { decidePauseExpiry } from "../../src/api/expired-paused-runs.js";
import { StateType, type StateData } from "../../src/states/index.js";
import { openStore, type Store } from "../../src/store/index.js";
import { loadAverage, machineLine } from "../shared/machine.js";
import { fmt, median } from "../shared/stats.js";
import { renderTable } from "../shared/table.js";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "2000,20000" }, reps: { type: "string", default: "7" } },
});
const SIZES = values.runs.split(",").map(Number);
const REPS = Number(values.reps);

function state(type: StateType, name: StateData["name"]): StateData {
  return { type, name, timestamp: Date.now() };
}

/** Adds `count` runs Paused for an hour. */
async function seedPausedRuns(store: Store, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const run = await createFlowRun(store, { flowName: "approvals", name: `approval-${i}` });
    await setFlowRunState(store, run.id, state(StateType.RUNNING, "Running"));
    await setFlowRunState(store, run.id, state(StateType.PAUSED, "Paused"), {
      pause: { key: "pause-0", timeoutAt: Date.now() + 3_600_000 },
    });
  }
}

/** The pass before: every paused run read whole, then locked and checked. */
async function lockEveryPausedRun(store: Store, now: number): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await store.records.flowRunQueries.page({
      stateTypes: [StateType.PAUSED],
      sort: "OLDEST",
      limit: 1000,
      offset: 0,
      cursor,
    });
    for (const seen of page.items) {
      await store.transitionFlowRun(seen.id, (run) => decidePauseExpiry(run, now));
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
}

/** Median ms of `REPS` passes (after one warm-up pass). */
async function medianMs(pass: () => Promise<unknown>): Promise<number> {
  await pass();
  const samples: number[] = [];
  for (let i = 0; i < REPS; i++) {
    const start = performance.now();
    await pass();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

console.log(machineLine());
console.log(`load average at start: ${loadAverage()}`);
const folder = mkdtempSync(join(tmpdir(), "ordo-bench-paused-"));
const rows: string[][] = [];
try {
  let seeded = 0;
  const store = await openStore({ sqlitePath: join(folder, "ordo.db") });
  for (const size of SIZES) {
    await seedPausedRuns(store, size - seeded);
    seeded = size;
    const now = Date.now();
    const service = await medianMs(() => failExpiredPausedRuns(store, now));
    const before = await medianMs(() => lockEveryPausedRun(store, now));
    rows.push([String(size), fmt(service), fmt(before), `${fmt(before / service)}×`]);
  }
  await store.close();
} finally {
  rmSync(folder, { recursive: true, force: true });
}
console.log(`\nOne pass of the paused-run timeout service, none due, SQLite, median of ${REPS}`);
console.log(renderTable(["paused runs", "failExpiredPausedRuns ms", "lock every run ms", "ratio"], rows));
console.log(`\nload average at end: ${loadAverage()}`);
