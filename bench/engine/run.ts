/**
 * Ordo engine benchmark: µs per task and peak RSS for no-op tasks, tracked and untracked,
 * against the floor of inserting the same rows with better-sqlite3 directly.
 *
 * Run: `node --expose-gc --import tsx bench/engine/run.ts [--quick]` (see docs/benchmarks.md).
 * `--expose-gc` lets the benchmark collect garbage before each case and before reading RSS.
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadAverage, machineLine } from "../shared/machine.js";
import { loadOrdo } from "../shared/ordo.js";
import { count, fmt, mb } from "../shared/stats.js";
import { FloorTable } from "./floor.js";
import { FLAT_TOLERANCE, isFlat, largeRuns } from "./large-runs.js";
import { measure, type Measurement } from "./measure.js";
import { parseOptions } from "./options.js";
import { passMiss, ratioLine, resultsTable, type ResultRow } from "./report.js";
import { collectGarbage, RssMonitor } from "./rss-monitor.js";
import { trackedCases } from "./tracked-cases.js";
import { untrackedParallel, untrackedSequential } from "./untracked-cases.js";

const MAPPED_TARGET_US = 20;
const SEQUENTIAL_TARGET_US = 50;
const LARGE_RSS_TARGET_MB = 300;

const opts = parseOptions(process.argv.slice(2));
const [small, medium, large] = opts.mappedSizes;
const seqN = opts.sequential;
const each = { warmups: opts.warmups, reps: opts.reps };

console.log(
  `Ordo engine benchmark (${opts.quick ? "--quick: smaller sizes, targets not meaningful" : "full"})`,
);
console.log(machineLine());
console.log(`loadavg before: ${loadAverage()}`);
const gcOn = collectGarbage();
if (!gcOn) console.log("note: run with --expose-gc for RSS figures taken after a garbage collection");

const monitor = RssMonitor.start();
const ordo = await loadOrdo("ordo-bench-engine-");
const floorDir = mkdtempSync(join(tmpdir(), "ordo-bench-floor-"));
try {
  const cases = trackedCases(ordo.sdk);
  const run = (label: string, n: number, work: (n: number) => unknown) =>
    measure(label, n, work, monitor, each);
  const flowCall = await measure("empty flow run", 1, () => cases.empty(), monitor, { warmups: 3, reps: 9 });
  collectGarbage();
  const baselineRss = process.memoryUsage.rss();

  const mappedSmall = await run("tracked: noop.map(range)", small, cases.mapped);
  const mappedMedium = await run("tracked: noop.map(range)", medium, cases.mapped);
  const sequential = await run("tracked: for … await noop(i)", seqN, cases.sequential);
  const sequentialSync = await run('tracked: same, durability: "sync"', seqN, cases.sequentialSync);

  const plainParallel: Measurement[] = [];
  for (const n of opts.mappedSizes)
    plainParallel.push(await run("untracked: Promise.all(async noop)", n, untrackedParallel));
  const plainSequential = await run("untracked: for … await noop(i)", seqN, untrackedSequential);

  const floor = new FloorTable(floorDir);
  const floors = new Map<number, Measurement>();
  try {
    for (const n of new Set([small, medium, large, seqN])) {
      const label = "floor: better-sqlite3 insert, 1 tx";
      floors.set(
        n,
        await measure(label, n, (k) => floor.insert(k), monitor, { ...each, before: () => floor.reset() }),
      );
    }
  } finally {
    floor.close();
  }

  const lean = await largeRuns(
    "tracked: map, cacheResultInMemory: false",
    large,
    opts.largeRuns,
    cases.mappedLean,
    monitor,
  );
  const largeM = lean.measurement;
  const flat = isFlat(lean.rssAfter);
  const largePass = largeM.peakRss < LARGE_RSS_TARGET_MB * 2 ** 20 && flat;

  const rows: ResultRow[] = [
    { m: mappedSmall },
    {
      m: mappedMedium,
      verdict: { target: `≤ ${MAPPED_TARGET_US} µs`, pass: mappedMedium.usPerTask <= MAPPED_TARGET_US },
    },
    { m: largeM, verdict: { target: `< ${LARGE_RSS_TARGET_MB} MB, flat`, pass: largePass } },
    {
      m: sequential,
      verdict: { target: `≤ ${SEQUENTIAL_TARGET_US} µs`, pass: sequential.usPerTask <= SEQUENTIAL_TARGET_US },
    },
    { m: sequentialSync },
    ...plainParallel.map((m) => ({ m })),
    { m: plainSequential },
    ...[...floors.values()].sort((a, b) => a.n - b.n).map((m) => ({ m })),
  ];
  console.log(`\n${resultsTable(rows)}\n`);
  console.log(`flow-call overhead: ${fmt(flowCall.usPerTask / 1000)} ms per empty flow run (median)`);
  console.log(
    `RSS baseline (Ordo loaded, first flow runs done${gcOn ? ", after gc" : ""}): ${mb(baselineRss)}`,
  );
  console.log("\nratios (median µs/task):");
  console.log(ratioLine(`tracked ÷ untracked, mapped ${count(medium)}`, mappedMedium, plainParallel[1]!));
  console.log(ratioLine(`tracked ÷ untracked, sequential ${count(seqN)}`, sequential, plainSequential));
  console.log(ratioLine(`tracked ÷ floor, mapped ${count(medium)}`, mappedMedium, floors.get(medium)!));
  console.log(ratioLine(`tracked ÷ floor, mapped ${count(large)} (lean)`, largeM, floors.get(large)!));
  console.log(ratioLine(`tracked ÷ floor, sequential ${count(seqN)}`, sequential, floors.get(seqN)!));
  console.log(ratioLine(`sync ÷ floor, sequential ${count(seqN)}`, sequentialSync, floors.get(seqN)!));
  console.log(`\n${count(large)} lean runs, peak RSS of each: ${lean.peakRss.map(mb).join(", ")}`);
  console.log(
    `${count(large)} lean runs, RSS after each${gcOn ? " (after gc)" : ""}: ${lean.rssAfter.map(mb).join(", ")}` +
      ` → ${flat ? "flat" : "growing"} (last ≤ first + ${FLAT_TOLERANCE * 100}%): ${passMiss(flat)}`,
  );
  console.log(`process peak RSS (maxRSS): ${mb(process.resourceUsage().maxRSS * 1024)}`);
  console.log(`loadavg after: ${loadAverage()}`);
} finally {
  await ordo.dispose();
  await monitor.close();
  rmSync(floorDir, { recursive: true, force: true });
}
