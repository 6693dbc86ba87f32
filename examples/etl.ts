/**
 * etl: extract n random numbers → transform them → load them, then return a summary.
 *
 * Shows: zod parameters with a default, three tasks passing data, retries with
 * exponential back-off on the step that talks to the outside world, run logs and
 * `taskContext()`.
 *
 * Run it (from the repository root, after `npm ci`):
 *
 *   npx ordo run examples/etl.ts:etl --param n=5
 *   npx ordo run examples/etl.ts:etl --param n=5 --param flakyLoad=true   # watch load retry
 *   npx ordo flow-run ls
 *   npx ordo task-run ls --flow-run <flow run id>
 */
import { setTimeout as sleep } from "node:timers/promises";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { createTableArtifact, exponentialBackoff, flow, getRunLogger, task, taskContext } from "ordo";

/** Extract: in a real pipeline this reads an API or a database (here: a short wait). */
const extract = task({ name: "extract" }, async (n: number): Promise<number[]> => {
  await sleep(10);
  const numbers = Array.from({ length: n }, () => Math.round(Math.random() * 1000) / 10);
  getRunLogger().info("extracted %d numbers", numbers.length);
  return numbers;
});

/** Transform: a pure function of its input (a task's function may be sync or async). */
const transform = task({ name: "transform" }, (numbers: number[]) =>
  numbers.map((value, index) => ({ index, value, squared: Math.round(value * value * 100) / 100 })),
);

type Row = ReturnType<typeof transform.fn>[number];

/**
 * Load: the step that talks to the outside world, so it retries: up to 3 more attempts,
 * waiting 1 s, 2 s, then 4 s. With `flaky` set, its first attempt fails on purpose.
 */
const load = task(
  { name: "load", retries: 3, retryDelaySeconds: exponentialBackoff(1) },
  async (rows: Row[], flaky: boolean) => {
    const { attempt } = taskContext();
    if (flaky && attempt === 1) throw new Error("the warehouse did not answer (simulated)");
    await sleep(10); // in a real pipeline: write the rows to the warehouse
    getRunLogger().info("loaded %d rows on attempt %d", rows.length, attempt);
    return rows.length;
  },
);

/** The flow: `n` is validated by zod (`--param n=5` arrives as the number 5). */
export const etl = flow(
  {
    name: "etl",
    params: z.object({
      n: z.number().int().min(1).max(100_000).default(5),
      flakyLoad: z.boolean().default(false),
    }),
  },
  async ({ n, flakyLoad }) => {
    const numbers = await extract(n);
    const rows = await transform(numbers);
    const loaded = await load(rows, flakyLoad);
    const total = numbers.reduce((sum, x) => sum + x, 0);
    const summary = {
      loaded,
      min: numbers.reduce((a, b) => Math.min(a, b), Infinity),
      max: numbers.reduce((a, b) => Math.max(a, b), -Infinity),
      mean: Math.round((total / n) * 100) / 100,
    };
    getRunLogger().info("summary: %j", summary);
    // A table for people (the UI and `ordo artifact ls`), versioned under its key.
    await createTableArtifact([summary], { key: "etl-summary", description: "rows loaded and their range" });
    return summary;
  },
);

// `ordo run` imports this file; this block runs only when the file is started directly.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await etl({ n: Number(process.argv[2] ?? 5) }));
}
