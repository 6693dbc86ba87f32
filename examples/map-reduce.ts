/**
 * map-reduce: fan one task out over 1,000 items with `t.map`, then reduce the results.
 *
 * Shows: `t.map(items, unmapped(x))` (one task run per item, all submitted at once and
 * run concurrently by the flow's task runner, at most 64 at a time by default), and
 * passing the list of futures straight into the reducing task: Ordo waits for them and
 * records which task runs fed the reduce.
 *
 * Run it (from the repository root, after `npm ci`):
 *
 *   npx ordo run examples/map-reduce.ts:mapReduce
 *   npx ordo run examples/map-reduce.ts:mapReduce --param items=10000 --param weight=3
 *   npx ordo task-run ls --flow-run <flow run id> --limit 5
 */
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { flow, getRunLogger, task, unmapped } from "ordo";

/** The map step: one task run per item. */
const score = task({ name: "score" }, (item: number, weight: number) => (item % 7) * weight);

/** The reduce step: receives the mapped values, in item order. */
const sum = task({ name: "sum" }, (values: number[]) => values.reduce((total, v) => total + v, 0));

export const mapReduce = flow(
  {
    name: "map-reduce",
    params: z.object({
      items: z.number().int().min(1).max(100_000).default(1000),
      weight: z.number().default(2),
    }),
  },
  async ({ items, weight }) => {
    const inputs = Array.from({ length: items }, (_, i) => i);
    // One future per item; `unmapped(weight)` passes the same weight to every call.
    const scores = score.map(inputs, unmapped(weight));
    // A list of futures is resolved before `sum` starts; a failed one would fail `sum`.
    const total = await sum(scores);
    getRunLogger().info("scored %d items, total %d", scores.length, total);
    return { items: scores.length, total };
  },
);

// `ordo run` imports this file; this block runs only when the file is started directly.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await mapReduce({ items: Number(process.argv[2] ?? 1000) }));
}
