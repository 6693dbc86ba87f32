import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
process.env.ORDO_HOME = mkdtempSync(join(tmpdir(), "rss-probe-"));
process.env.ORDO_LOGGING_LEVEL = "WARNING";
const { flow, task } = await import("../../src/index.js");
const { RssMonitor, collectGarbage } = await import("./rss-monitor.js");
const noopLean = task({ name: "noop-lean", cacheResultInMemory: false }, (i: number) => i);
const noop = task({ name: "noop" }, (i: number) => i);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const lean = flow({ name: "lean" }, async ({ n }: { n: number }) => (await Promise.all(noopLean.map(range(n)).map((f) => f.result()))).length);
const mapped = flow({ name: "mapped" }, async ({ n }: { n: number }) => (await Promise.all(noop.map(range(n)).map((f) => f.result()))).length);
const monitor = RssMonitor.start();
const n = Number(process.argv[2] ?? 100000);
const which = process.argv[3] ?? "lean";
for (let i = 0; i < Number(process.argv[4] ?? 3); i++) {
  collectGarbage();
  monitor.reset();
  const t = performance.now();
  const c = process.cpuUsage();
  await (which === "lean" ? lean({ n }) : mapped({ n }));
  const ms = performance.now() - t;
  const cpu = process.cpuUsage(c);
  console.log(`${which} ${n}: ${((ms * 1000) / n).toFixed(1)} µs/task, cpu ${((cpu.user + cpu.system) / n).toFixed(1)} µs/task, peak ${(monitor.peak() / 2 ** 20).toFixed(0)} MB`);
}
await monitor.close();
process.exit(0);
