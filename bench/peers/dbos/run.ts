/**
 * DBOS Transact vs Ordo: N sequential durable steps (default 1,000) in one DBOS workflow
 * on a throwaway PostgreSQL (fsync on), then N sequential tasks in one Ordo flow run, in
 * the same process; prints µs per step for each and the ratio (target: Ordo ≥ 50× faster).
 *
 * Run: `node --import tsx bench/peers/dbos/run.ts [--n 1000] [--reps 5] [--timeout 600]`
 * from the repository root (see docs/benchmarks.md). Installs its own dependencies into
 * bench/peers/dbos/node_modules when missing; needs `initdb` and `pg_ctl` on PATH.
 *
 * @module
 */
import { loadAverage, machineLine } from "../../shared/machine.js";
import { loadOrdo } from "../../shared/ordo.js";
import { count, fmt, median, timeMs, usPer } from "../../shared/stats.js";
import { renderTable } from "../../shared/table.js";
import { createDatabase, launchDbos, type DbosBench } from "./dbos-steps.js";
import { ensureDependencies } from "./install.js";
import { defineOrdoSteps } from "./ordo-steps.js";
import { PostgresCluster } from "./postgres-cluster.js";

const TARGET_RATIO = 50;

interface Args {
  readonly n: number;
  readonly reps: number;
  readonly timeoutSeconds: number;
}

function parseArgs(argv: readonly string[]): Args {
  const values: Record<string, number> = { n: 1000, reps: 5, timeout: 600 };
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i]?.replace(/^--/, "") ?? "";
    const value = Number(argv[i + 1]);
    if (!(name in values) || !Number.isInteger(value) || value < 1) {
      throw new Error(
        `bad argument ${argv[i]} ${argv[i + 1]} (usage: run.ts [--n 1000] [--reps 5] [--timeout 600])`,
      );
    }
    values[name] = value;
  }
  return { n: values.n!, reps: values.reps!, timeoutSeconds: values.timeout! };
}

/** Warm-up runs of `warmupN` steps, then `reps` timed runs of `n`; returns µs per step of each. */
async function stepTimes(
  run: (n: number) => Promise<number>,
  n: number,
  plan: { readonly warmupN: number; readonly warmups: number; readonly reps: number },
): Promise<number[]> {
  for (let i = 0; i < plan.warmups; i++) await run(plan.warmupN);
  const times: number[] = [];
  for (let i = 0; i < plan.reps; i++) {
    let done = 0;
    const ms = await timeMs(async () => {
      done = await run(n);
    });
    if (done !== n) throw new Error(`expected ${n} steps, got ${done}`);
    times.push(usPer(ms, n));
  }
  return times;
}

const args = parseArgs(process.argv.slice(2));
console.log(`DBOS Transact vs Ordo: ${count(args.n)} sequential durable steps`);
console.log(machineLine());
console.log(`loadavg before: ${loadAverage()}`);
ensureDependencies();

const ordo = await loadOrdo("ordo-bench-peer-");
let cluster: PostgresCluster | undefined;
const abort = (why: string, code: number) => {
  console.error(`\n${why}: stopping PostgreSQL and cleaning up`);
  cluster?.stop();
  void ordo.dispose().finally(() => process.exit(code));
};
process.once("SIGINT", () => abort("interrupted", 130));
process.once("SIGTERM", () => abort("terminated", 143));
setTimeout(() => abort(`timed out after ${args.timeoutSeconds} s`, 124), args.timeoutSeconds * 1000).unref();

try {
  cluster = await PostgresCluster.start();
  const facts = await createDatabase(cluster.url("postgres"), "dbos_bench");
  console.log(
    `PostgreSQL ${facts.version} (throwaway cluster on 127.0.0.1:${cluster.port}): ` +
      `fsync=${facts.fsync}, synchronous_commit=${facts.synchronousCommit}`,
  );
  let dbos: DbosBench | undefined;
  let dbosUs: number[];
  try {
    dbos = await launchDbos(cluster.url("dbos_bench"));
    console.log(`DBOS Transact ${dbos.version}; running…`);
    dbosUs = await stepTimes(dbos.steps, args.n, {
      warmupN: Math.min(args.n, 100),
      warmups: 2,
      reps: args.reps,
    });
  } finally {
    await dbos?.shutdown();
    cluster.stop();
  }

  const ordoSteps = defineOrdoSteps(ordo.sdk);
  const ordoPlan = { warmupN: args.n, warmups: 2, reps: Math.max(5, args.reps) };
  const batchedUs = await stepTimes(ordoSteps.batched, args.n, ordoPlan);
  const syncUs = await stepTimes(ordoSteps.sync, args.n, ordoPlan);

  const dbosMedian = median(dbosUs);
  const row = (name: string, us: number[]) => [
    name,
    fmt(median(us)),
    fmt(Math.min(...us)),
    String(us.length),
  ];
  console.log("");
  console.log(
    renderTable(
      ["system", "µs/step (median)", "min", "runs"],
      [
        row("DBOS Transact (PostgreSQL, fsync=on)", dbosUs),
        row("Ordo (SQLite WAL, default batched)", batchedUs),
        row('Ordo (durability: "sync")', syncUs),
      ],
    ),
  );
  const batchedRatio = dbosMedian / median(batchedUs);
  const syncRatio = dbosMedian / median(syncUs);
  console.log("");
  console.log(
    `DBOS ÷ Ordo (batched): ${fmt(batchedRatio)}× (target ≥ ${TARGET_RATIO}×: ${batchedRatio >= TARGET_RATIO ? "PASS" : "MISS"})`,
  );
  console.log(`DBOS ÷ Ordo (sync):    ${fmt(syncRatio)}×`);
  console.log(`loadavg after: ${loadAverage()}`);
} finally {
  cluster?.stop();
  await ordo.dispose();
}
