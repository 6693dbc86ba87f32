/**
 * Flows: named workflow definitions.
 *
 * @module
 */
import { z } from "zod";
import type { Flow } from "../schemas/index.js";
import type { Store } from "../store/index.js";
import { parseInput } from "./errors.js";

const EnsureFlowSchema = z.object({
  name: z.string().min(1).max(200),
  tags: z.array(z.string().max(200)).max(100).optional(),
});

/**
 * Creates the flow named `name` if it does not exist yet (updating its tags when given)
 * and returns it.
 *
 * @example
 * ```ts
 * const flow = await ensureFlow(store, { name: "etl" });
 * ```
 */
export async function ensureFlow(
  store: Store,
  input: { name: string; tags?: readonly string[] | undefined },
): Promise<Flow> {
  const { name, tags } = parseInput(EnsureFlowSchema, input, "flow");
  return store.ensureFlow({ name, tags, createdAt: Date.now() });
}
