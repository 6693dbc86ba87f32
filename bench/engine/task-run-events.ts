/**
 * The cost of task-run events: 10,000 mapped no-op tasks in one flow run (embedded
 * SQLite, the engine benchmark's main case) under each `ORDO_TASK_RUN_EVENTS` value.
 * The setting is read when the client opens, so each value runs in a child process of its
 * own with a fresh `ORDO_HOME`; the values take turns, round after round, so they share the
 * machine's load. Prints the median wall and CPU µs per task of each value.
 *
 * Run: `node --expose-gc --import tsx bench/engine/task-run-events.ts [--rounds 3] [--reps 8] [--n 10000]`
 * (after `npm run build`: the children load `dist/`, as the engine benchmark does).
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadAverage, machineLine } from "../shared/machine.js";
import { loadOrdo } from "../shared/ordo.js";
import { fmt, median, timeWithCpu, usPer } from "../shared/stats.js";
import { trackedCases } from "./tracked-cases.js";

const MODES = ["off", "failures", "terminal", "all"] as const;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/** One child: a warm-up, then `reps` measured runs; prints `[wallUs[], cpuUs[]]` as JSON. */
async function child(n: number, reps: number): Promise<void> {
  const ordo = await loadOrdo("ordo-bench-events-");
  try {
    const cases = trackedCases(ordo.sdk);
    await cases.mapped(n);
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < reps; i++) {
      globalThis.gc?.();
      const t = await timeWithCpu(() => cases.mapped(n));
      wall.push(usPer(t.ms, n));
      cpu.push(usPer(t.cpuMs, n));
    }
    console.log(JSON.stringify([wall, cpu]));
  } finally {
    await ordo.dispose();
  }
}

async function main(): Promise<void> {
  const rounds = flag("rounds", 3);
  const reps = flag("reps", 8);
  const n = flag("n", 10_000);
  if (process.argv.includes("--child")) return child(n, reps);
  console.log(`Task-run events: ${n} mapped no-op tasks, ${rounds} rounds × ${reps} runs per value`);
  console.log(machineLine());
  console.log(`loadavg before: ${loadAverage()}`);
  const results = new Map<string, { wall: number[]; cpu: number[] }>(
    MODES.map((m) => [m, { wall: [], cpu: [] }]),
  );
  const self = fileURLToPath(import.meta.url);
  for (let round = 0; round < rounds; round++) {
    for (const mode of MODES) {
      const out = execFileSync(
        process.execPath,
        [...process.execArgv, self, "--child", "--n", String(n), "--reps", String(reps)],
        { env: { ...process.env, ORDO_TASK_RUN_EVENTS: mode }, encoding: "utf8" },
      );
      const [wall, cpu] = JSON.parse(out.trim().split("\n").at(-1) ?? "[]") as [number[], number[]];
      results.get(mode)?.wall.push(...wall);
      results.get(mode)?.cpu.push(...cpu);
    }
  }
  const off = results.get("off");
  const base = off === undefined ? 0 : median(off.cpu);
  console.log("value      µs/task (median)   CPU µs/task (median)   CPU vs off");
  for (const [mode, r] of results) {
    const cpu = median(r.cpu);
    console.log(
      `${mode.padEnd(10)} ${fmt(median(r.wall)).padStart(16)}   ${fmt(cpu).padStart(20)}   ${`${cpu >= base ? "+" : ""}${fmt(cpu - base)}`.padStart(10)}`,
    );
  }
  console.log(`loadavg after: ${loadAverage()}`);
}

await main();
