/**
 * Events: what happened to which resource. Flow-run state changes emit them; users emit
 * their own; automations (later) react to them.
 *
 * @module
 */
import type { FlowRun } from "../schemas/index.js";
import {
  EventCreateSchema,
  EventFilterSchema,
  type EventCreate,
  type EventFilter,
  type OrdoEvent,
} from "../schemas/index.js";
import type { StateData } from "../states/index.js";
import type { EventInsert, Store } from "../store/index.js";
import { parseInput } from "./errors.js";

/**
 * Appends events. Throws `ORDO_INVALID_INPUT` (naming the field) for an invalid one;
 * then none is written.
 *
 * @example
 * ```ts
 * await emitEvents(store, [{ event: "shop.order.paid", resource: { "ordo.resource.id": "order.42" } }]);
 * ```
 */
export async function emitEvents(store: Store, inputs: readonly EventCreate[]): Promise<void> {
  const received = Date.now();
  const events = inputs.map((input, i) => {
    const event = parseInput(EventCreateSchema, input, `event ${i}`);
    return { ...event, occurred: event.occurred ?? received, received };
  });
  await store.records.events.append(events);
}

/** Events, oldest first, or newest first with `sort: "NEWEST"`. */
export async function readEvents(store: Store, filter: EventFilter = {}): Promise<OrdoEvent[]> {
  return store.records.events.list(parseInput(EventFilterSchema, filter, "event filter"));
}

/** What a flow-run event names: the run and its flow. */
export type FlowRunEventSubject = Pick<FlowRun, "id" | "name" | "flowName" | "tags">;

/**
 * The event of a flow run entering `state`: `ordo.flow-run.<StateName>`, with the run as
 * resource and its flow and tags as related resources.
 */
export function flowRunStateEvent(
  run: FlowRunEventSubject,
  state: StateData,
  previous: StateData | undefined,
  received: number,
): EventInsert {
  const resource: Record<string, string> = {
    "ordo.resource.id": `ordo.flow-run.${run.id}`,
    "ordo.resource.name": run.name,
    "ordo.state-type": state.type,
    "ordo.state-name": state.name,
  };
  const related: Record<string, string>[] = [
    {
      "ordo.resource.id": `ordo.flow.${run.flowName}`,
      "ordo.resource.role": "flow",
      "ordo.resource.name": run.flowName,
    },
    ...run.tags.map((tag) => ({ "ordo.resource.id": `ordo.tag.${tag}`, "ordo.resource.role": "tag" })),
  ];
  const payload: Record<string, unknown> = {
    validatedState: { type: state.type, name: state.name, message: state.message },
  };
  if (previous !== undefined) payload.initialState = { type: previous.type, name: previous.name };
  return {
    occurred: state.timestamp,
    event: `ordo.flow-run.${state.name}`,
    resource,
    related,
    payload,
    received,
  };
}
