/**
 * What a run's process costs before the flow's code: the CPU time (user + system, all
 * threads) of a process that starts Node.js, loads Ordo's run side from the built
 * package and the flow file `bench/pickup/flows.ts`, and records the flow with a server
 * (a server in this process, SQLite in a temp folder) — what a warm child does before it
 * waits for its run —
 * with the flow file compiled ahead (the default) and through tsx
 * (`ORDO_COMPILE_FLOWS=false`), alternately. A bare `node -e 0` is measured alongside.
 *
 * Run: `npm run build && npm run bench:run-process [-- --rounds 10]`.
 *
 * @module
 */
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs, promisify } from "node:util";
import { loadAverage, machineLine } from "../shared/machine.js";
import { startQuietServer } from "../shared/quiet-server.js";
import { median } from "../shared/stats.js";
import { renderTable } from "../shared/table.js";

const run = promisify(execFile);
const { values } = parseArgs({ options: { rounds: { type: "string", default: "10" } } });
const rounds = Number(values.rounds);
const ROOT = resolve(import.meta.dirname, "..", "..");
const ENTRYPOINT = "bench/pickup/flows.ts:stamp";

/** The script of the measured process: load, configure, print its own CPU time. */
const LOAD = `
const { loadFlowForRun } = await import(${JSON.stringify(join(ROOT, "dist/worker/flow-run-child.js"))});
const { engineConfig } = await import(${JSON.stringify(join(ROOT, "dist/sdk/engine-config.js"))});
const { recordFlow } = await import(${JSON.stringify(join(ROOT, "dist/engine/flow-engine.js"))});
const flow = await loadFlowForRun(${JSON.stringify(ENTRYPOINT)}, process.cwd());
await recordFlow((await engineConfig()).client, flow.definition);
const cpu = process.cpuUsage();
process.stdout.write(String((cpu.user + cpu.system) / 1000));
`;
const BARE = "const cpu = process.cpuUsage(); process.stdout.write(String((cpu.user + cpu.system) / 1000));";

if (!existsSync(join(ROOT, "dist", "worker", "flow-run-child.js"))) {
  console.error("bench:run-process measures the built package: run `npm run build` first");
  process.exit(1);
}

const home = mkdtempSync(join(tmpdir(), "ordo-bench-run-process-"));
const server = await startQuietServer(home);
/** CPU ms of one process running `script` (as an ES module) with `env`. */
async function cpuMs(script: string, env: Record<string, string>): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ["--experimental-import-meta-resolve", "--input-type=module", "-e", script],
    { cwd: ROOT, env: { ...process.env, ORDO_HOME: home, ORDO_API_URL: server.apiUrl, ...env } },
  );
  return Number(stdout);
}

console.log(machineLine());
console.log(`load average at start: ${loadAverage()}`);
// The first compiled load fills the cache; the measured ones find it.
await cpuMs(LOAD, {});
const samples: Record<string, number[]> = { bare: [], compiled: [], tsx: [] };
for (let i = 0; i < rounds; i++) {
  samples["bare"]!.push(await cpuMs(BARE, {}));
  samples["compiled"]!.push(await cpuMs(LOAD, {}));
  samples["tsx"]!.push(await cpuMs(LOAD, { ORDO_COMPILE_FLOWS: "false" }));
}
await server.stop(1000);
rmSync(home, { recursive: true, force: true });

const rows = [
  ["node, nothing loaded", samples["bare"]!],
  ["flow file compiled ahead (default)", samples["compiled"]!],
  ["flow file through tsx (ORDO_COMPILE_FLOWS=false)", samples["tsx"]!],
] as const;
console.log(`\nCPU time of a run's process until it is ready for its run, ${rounds} processes each`);
console.log(
  renderTable(
    ["process", "median ms", "min ms", "max ms"],
    rows.map(([name, ms]) => [
      name,
      median(ms).toFixed(0),
      Math.min(...ms).toFixed(0),
      Math.max(...ms).toFixed(0),
    ]),
  ),
);
console.log(`load average at end: ${loadAverage()}`);
