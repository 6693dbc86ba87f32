/**
 * What a CLI command costs from start to exit: wall time and CPU time (user + system, the
 * process and its children, from Linux's `/proc`) of the built `ordo` running commands
 * that talk to a server (a server in this process, SQLite in a temp folder, one work pool
 * and one flow run in it), alternately with a bare `node -e 0`. With `--compare BIN`, the
 * same commands of another build's `bin/ordo.js` (a checkout of an earlier commit, say)
 * run alternately with this one's, and the table gives both with their ratio.
 *
 * Run: `npm run build && npm run bench:cli [-- --rounds 10] [--compare ../before/bin/ordo.js]`.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { loadAverage, machineLine } from "../shared/machine.js";
import { processCpu } from "../shared/process-cpu.js";
import { startQuietServer } from "../shared/quiet-server.js";
import { median } from "../shared/stats.js";
import { renderTable } from "../shared/table.js";

const { values } = parseArgs({
  options: { rounds: { type: "string", default: "10" }, compare: { type: "string" } },
});
const rounds = Number(values.rounds);
const ROOT = resolve(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "ordo.js");
const OTHER = values.compare === undefined ? undefined : resolve(values.compare);

const COMMANDS: readonly (readonly string[])[] = [
  ["--version"],
  ["flow-run", "ls", "--limit", "5"],
  ["deployment", "ls"],
  ["work-pool", "inspect", "bench"],
];

if (!existsSync(join(ROOT, "dist", "cli", "main.js"))) {
  console.error("bench:cli measures the built package: run `npm run build` first");
  process.exit(1);
}
if (OTHER !== undefined && !existsSync(OTHER)) {
  console.error(`--compare: no file ${OTHER}`);
  process.exit(1);
}

const home = mkdtempSync(join(tmpdir(), "ordo-bench-cli-"));
const server = await startQuietServer(home);
const env = { ...process.env, ORDO_HOME: join(home, "cli"), ORDO_API_URL: server.apiUrl };
for (const [path, body] of [
  ["/work_pools", { name: "bench", type: "process" }],
  ["/flow_runs", { flowName: "bench", name: "seeded" }],
] as const) {
  const answer = await fetch(`${server.apiUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`seeding ${path}: HTTP ${answer.status}`);
}

/** Children's CPU ms reaped so far by this process. */
function childrenMs(): number {
  return processCpu(process.pid)?.childrenMs ?? Number.NaN;
}

/** Wall and CPU ms of one process `node ARGS` (it must exit 0), started asynchronously so that the server in this process answers it. */
async function measure(args: readonly string[]): Promise<{ wallMs: number; cpuMs: number }> {
  const cpuBefore = childrenMs();
  const started = performance.now();
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: "ignore" });
    child.on("error", fail);
    child.on("close", done);
  });
  const wallMs = performance.now() - started;
  if (code !== 0) throw new Error(`node ${args.join(" ")} exited ${code}`);
  return { wallMs, cpuMs: childrenMs() - cpuBefore };
}

console.log(machineLine());
console.log(`load average at start: ${loadAverage()}`);
await measure([BIN, "--version"]); // warms the file cache
const rows: string[][] = [];
const bare = { wall: [] as number[], cpu: [] as number[] };
for (const command of COMMANDS) {
  const mine = { wall: [] as number[], cpu: [] as number[] };
  const other = { wall: [] as number[], cpu: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    const a = await measure([BIN, ...command]);
    mine.wall.push(a.wallMs);
    mine.cpu.push(a.cpuMs);
    if (OTHER !== undefined) {
      const b = await measure([OTHER, ...command]);
      other.wall.push(b.wallMs);
      other.cpu.push(b.cpuMs);
    }
    const n = await measure(["-e", "0"]);
    bare.wall.push(n.wallMs);
    bare.cpu.push(n.cpuMs);
  }
  const cells = [`ordo ${command.join(" ")}`, fmtMs(median(mine.wall)), fmtMs(median(mine.cpu))];
  if (OTHER !== undefined) {
    cells.push(
      fmtMs(median(other.wall)),
      fmtMs(median(other.cpu)),
      (median(mine.cpu) / median(other.cpu)).toFixed(2),
    );
  }
  rows.push(cells);
}
await server.stop(1000);
rmSync(home, { recursive: true, force: true });

rows.push([
  "node -e 0",
  fmtMs(median(bare.wall)),
  fmtMs(median(bare.cpu)),
  ...(OTHER === undefined ? [] : ["", "", ""]),
]);
const header = ["command", "wall ms", "CPU ms"];
if (OTHER !== undefined) header.push("other wall ms", "other CPU ms", "CPU ratio");
console.log(`\n${rounds} processes each, medians${OTHER === undefined ? "" : `; other: ${OTHER}`}`);
console.log(renderTable(header, rows));
console.log(`load average at end: ${loadAverage()}`);

function fmtMs(ms: number): string {
  return Math.round(ms).toString();
}
