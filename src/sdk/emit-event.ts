/**
 * `emitEvent`: user events, stored with Ordo's own and visible in the event feed.
 *
 * @module
 */
import { currentClient, currentRunIds } from "./current-client.js";

/** Options of {@link emitEvent}. */
export interface EmitEventOptions {
  /** Labels of the resource; `ordo.resource.id` is required. */
  readonly resource: Readonly<Record<string, string>>;
  readonly payload?: Readonly<Record<string, unknown>> | undefined;
  readonly related?: readonly Readonly<Record<string, string>>[] | undefined;
  /** When it happened, ms since the epoch (default now). */
  readonly occurred?: number | undefined;
}

/**
 * Emits an event. Inside a run, the flow run is added to the related resources.
 *
 * @example
 * ```ts
 * await emitEvent("shop.order.paid", { resource: { "ordo.resource.id": "order.42" }, payload: { total: 30 } });
 * ```
 */
export async function emitEvent(event: string, options: EmitEventOptions): Promise<void> {
  const client = await currentClient();
  const { flowRunId } = currentRunIds();
  const related = [...(options.related ?? [])];
  if (flowRunId !== undefined) {
    related.push({ "ordo.resource.id": `ordo.flow-run.${flowRunId}`, "ordo.resource.role": "flow-run" });
  }
  await client.emitEvents([
    {
      event,
      resource: { ...options.resource },
      related: related.map((r) => ({ ...r })),
      payload: { ...(options.payload ?? {}) },
      occurred: options.occurred,
    },
  ]);
}
