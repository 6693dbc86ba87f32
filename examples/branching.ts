/**
 * branching: what runs next depends on what a task returned, or on how it ended.
 *
 * Shows: plain `if` on a task's value (flows are ordinary TypeScript: no DSL for
 * branches), and `t.state()` to branch on a failure without try/catch.
 *
 * Run it (from the repository root, after `npm ci`):
 *
 *   npx ordo run examples/branching.ts:branching                                    # in stock: ship
 *   npx ordo run examples/branching.ts:branching --param sku=lamp --param quantity=5 # short: back-order
 *   npx ordo run examples/branching.ts:branching --param quantity=500               # too large: manual review
 *   npx ordo task-run ls --flow-run <flow run id>   # only the branch taken has task runs
 */
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { flow, getRunLogger, task } from "ordo";

/** A stand-in for an inventory service. */
const STOCK: Readonly<Record<string, number>> = { chair: 40, desk: 12, lamp: 3 };

const checkStock = task({ name: "check-stock" }, (sku: string) => STOCK[sku] ?? 0);

/** Fails for orders over 100 items: the flow branches on that failure. */
const fraudCheck = task({ name: "fraud-check" }, (quantity: number) => {
  if (quantity > 100) throw new Error(`an order of ${quantity} items needs a human`);
  return "ok";
});

const ship = task({ name: "ship" }, (sku: string, quantity: number) => `shipped ${quantity} × ${sku}`);
const backorder = task(
  { name: "backorder" },
  (sku: string, missing: number) => `back-ordered ${missing} × ${sku}`,
);
const manualReview = task({ name: "manual-review" }, (reason: string) => `sent to review: ${reason}`);

export const branching = flow(
  {
    name: "branching",
    params: z.object({ sku: z.string().default("chair"), quantity: z.number().int().positive().default(2) }),
  },
  async ({ sku, quantity }) => {
    const logger = getRunLogger();

    // Branch on how a task ended: `.state()` returns its final State and never throws.
    const check = await fraudCheck.state(quantity);
    if (check.isFailed()) {
      logger.warning("fraud check failed: %s", check.message);
      return { outcome: "review", detail: await manualReview(check.message ?? "fraud check failed") };
    }

    // Branch on a task's value: an ordinary `if`.
    const inStock = await checkStock(sku);
    if (inStock >= quantity) {
      return { outcome: "shipped", detail: await ship(sku, quantity) };
    }
    logger.info("only %d of %d in stock", inStock, quantity);
    return { outcome: "backordered", detail: await backorder(sku, quantity - inStock) };
  },
);

// `ordo run` imports this file; this block runs only when the file is started directly.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await branching({ sku: process.argv[2] ?? "chair", quantity: Number(process.argv[3] ?? 2) }));
}
