/**
 * Tag concurrency limits for task runs: a task run with a limited tag holds a slot of
 * every such tag while it runs, acquired before it enters Running (it stays Pending while
 * it waits, and says so once in its log) and released when the attempt ends, however it
 * ends. Its lease (holder: the task run id) is renewed while it runs, so the slot of a
 * process that died frees itself.
 *
 * Which tags have limits is read once per flow run and refreshed at most every
 * {@link TAG_LIMITS_TTL_MS}, so task runs without limited tags pay nothing.
 *
 * @module
 */
import type { FlowRunContext } from "./context.js";
import { acquireSlots, type HeldSlots } from "./concurrency-slots.js";
import { createRunLogger } from "./logger.js";
import type { TaskRunSnapshot } from "./recorder.js";

/** How long a flow run trusts its list of limited tags, in ms. */
export const TAG_LIMITS_TTL_MS = 2_000;
/** The lease of a task run's slots, in seconds (renewed every third of it). */
export const TASK_LEASE_SECONDS = 30;

const TAG_PREFIX = "tag:";

interface TagLimits {
  readonly at: number;
  readonly limits: Promise<Map<string, number>>;
}
const tagLimitsByFlow = new WeakMap<FlowRunContext, TagLimits>();

/** The limited tags and their limits, as known to this flow run. */
function tagLimits(flow: FlowRunContext): Promise<Map<string, number>> {
  const now = Date.now();
  const known = tagLimitsByFlow.get(flow);
  if (known !== undefined && now - known.at < TAG_LIMITS_TTL_MS) return known.limits;
  const limits = flow.config.client.readConcurrencyLimits({ limit: 1000 }).then(
    (list) => new Map(list.map((limit) => [limit.tag, limit.concurrencyLimit])),
    (error: unknown) => {
      flow.logger.warning(`could not read the tag concurrency limits, so none apply: ${String(error)}`);
      return new Map<string, number>();
    },
  );
  tagLimitsByFlow.set(flow, { at: now, limits });
  return limits;
}

/**
 * Takes a slot of every limited tag of the task run (waiting for room), or returns
 * undefined when none of its tags has a limit.
 */
export async function holdTaskSlots(
  flow: FlowRunContext,
  snapshot: TaskRunSnapshot,
): Promise<HeldSlots | undefined> {
  const limits = await tagLimits(flow);
  if (limits.size === 0) return undefined;
  const limited = snapshot.tags.filter((tag) => limits.has(tag));
  if (limited.length === 0) return undefined;
  const held = await acquireSlots(
    flow.config.client,
    { tags: limited, holder: snapshot.id, slots: 1, mode: "lease", leaseSeconds: TASK_LEASE_SECONDS },
    {
      onWaiting: (answer) => {
        const blocked = answer.blockedBy;
        const tag = blocked === undefined ? limited[0] : blocked.name.slice(TAG_PREFIX.length);
        const limit = blocked?.limit ?? limits.get(tag ?? "");
        createRunLogger({
          recorder: flow.recorder,
          flowRunId: flow.flowRunId,
          taskRunId: snapshot.id,
          displayName: `Task run '${snapshot.name}'`,
          level: flow.config.logLevel,
          colors: flow.config.colors,
        }).info(`waiting for a concurrency slot of tag '${tag}' (limit ${limit})`);
      },
      onError: (error) => {
        flow.logger.warning(`task run '${snapshot.name}': a concurrency lease call failed: ${String(error)}`);
      },
    },
  );
  return held.answer.limits.length === 0 ? undefined : held;
}
