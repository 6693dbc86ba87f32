/**
 * approval: a flow that pauses for a person's decision, then goes on with it.
 *
 * Deploy it and run it on a worker (see README, "Deploy and operate"):
 *
 *   npx ordo deploy examples/approval.ts:approval --name manual --pool local
 *   npx ordo deployment run approval/manual --param amount=250
 *   npx ordo flow-run inspect <id>          # Paused, with the input it waits for
 *   npx ordo flow-run resume <id> --input '{"approved": true, "by": "Ada"}'
 */
import { z } from "zod";
import { flow, getRunLogger, pause, task } from "ordo";

const prepare = task({ name: "prepare-payment" }, async (amount: number) => ({ amount, currency: "EUR" }));
const pay = task({ name: "pay" }, async (payment: { amount: number; currency: string }, by: string) => {
  return `paid ${payment.amount} ${payment.currency}, approved by ${by}`;
});

/** Prepares a payment, waits up to an hour for an approval, and pays when approved. */
export const approval = flow(
  { name: "approval", params: z.object({ amount: z.number().positive() }) },
  async ({ amount }) => {
    const payment = await prepare(amount);
    getRunLogger().info(`waiting for an approval of ${amount} EUR`);
    const decision = await pause({
      timeoutSeconds: 3600,
      input: z.object({ approved: z.boolean(), by: z.string().min(1) }),
    });
    if (!decision.approved) return `rejected by ${decision.by}`;
    return pay(payment, decision.by);
  },
);
