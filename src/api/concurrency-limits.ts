/**
 * Concurrency limits: tag limits for task runs, global limits for `concurrency()` and
 * rate limits for `rateLimit()`, and the slots they hand out.
 *
 * Slots are leases: a holder (a task run id, or one `concurrency()` call) keeps its
 * slots until it releases them or its lease expires unrenewed; expired leases do not
 * count, and {@link reclaimExpiredLeases} deletes them. An acquire that finds no room
 * waits, up to `waitSeconds`, for a release in this process (releases, deletes, limit
 * changes and reclaims wake every waiter of the store at once), re-checking every
 * {@link RECHECK_MS} ms for releases made by other processes sharing the database.
 *
 * @module
 */
import { OrdoError } from "../errors/index.js";
import {
  ConcurrencyLimitFilterSchema,
  ConcurrencyLimitNameSchema,
  ConcurrencyTagSchema,
  GlobalConcurrencyLimitCreateSchema,
  GlobalConcurrencyLimitUpdateSchema,
  SlotAcquireSchema,
  SlotReleaseSchema,
  SlotRenewSchema,
  TagConcurrencyLimitCreateSchema,
  type ConcurrencyLimitFilter,
  type GlobalConcurrencyLimit,
  type GlobalConcurrencyLimitCreate,
  type GlobalConcurrencyLimitUpdate,
  type SlotAcquire,
  type SlotAcquireResult,
  type SlotRelease,
  type SlotRenew,
  type TagConcurrencyLimit,
  type TagConcurrencyLimitCreate,
} from "../schemas/index.js";
import type { Store } from "../store/index.js";
import type { StoredConcurrencyLimit } from "../store/records/concurrency-limits.js";
import { notFound, parseInput } from "./errors.js";

/** The stored name of a tag's limit is `tag:<tag>`. */
export const TAG_LIMIT_PREFIX = "tag:";

/** How often a waiting acquire re-checks without being woken, in ms. */
export const RECHECK_MS = 250;

const waiters = new WeakMap<Store, Set<() => void>>();

/** Wakes every acquire of this process waiting on `store`. */
function wakeWaiters(store: Store): void {
  const set = waiters.get(store);
  if (set !== undefined) for (const wake of [...set]) wake();
}

/** Resolves when a slot of `store` may have freed in this process, or after `ms`. */
function waitForRelease(store: Store, ms: number): Promise<void> {
  let set = waiters.get(store);
  if (set === undefined) {
    set = new Set();
    waiters.set(store, set);
  }
  const own = set;
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      own.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    own.add(done);
  });
}

function tagView(limit: StoredConcurrencyLimit): TagConcurrencyLimit {
  return {
    id: limit.id,
    tag: limit.name.slice(TAG_LIMIT_PREFIX.length),
    concurrencyLimit: limit.limit,
    activeSlots: limit.holders,
    createdAt: limit.createdAt,
    updatedAt: limit.updatedAt,
  };
}

function globalView(limit: StoredConcurrencyLimit): GlobalConcurrencyLimit {
  return {
    id: limit.id,
    name: limit.name,
    limit: limit.limit,
    active: limit.active,
    activeSlots: Math.round(limit.activeSlots * 1000) / 1000,
    slotDecayPerSecond: limit.slotDecayPerSecond,
    createdAt: limit.createdAt,
    updatedAt: limit.updatedAt,
  };
}

/**
 * Creates the limit of a tag, or replaces the limit of a tag that has one. Task runs
 * with the tag then run at most `concurrencyLimit` at once (0 blocks them).
 *
 * @example
 * ```ts
 * await createTagConcurrencyLimit(store, { tag: "db", concurrencyLimit: 10 });
 * ```
 */
export async function createTagConcurrencyLimit(
  store: Store,
  input: TagConcurrencyLimitCreate,
): Promise<TagConcurrencyLimit> {
  const { tag, concurrencyLimit } = parseInput(TagConcurrencyLimitCreateSchema, input, "concurrency limit");
  const now = Date.now();
  const name = TAG_LIMIT_PREFIX + tag;
  await store.records.concurrencyLimits.create(
    { name, limit: concurrencyLimit, active: true, slotDecayPerSecond: 0, now },
    true,
  );
  wakeWaiters(store);
  return readTagConcurrencyLimit(store, tag);
}

/** The limit of `tag`; throws `ORDO_NOT_FOUND` when the tag has none. */
export async function readTagConcurrencyLimit(store: Store, tag: string): Promise<TagConcurrencyLimit> {
  const valid = parseInput(ConcurrencyTagSchema, tag, "tag");
  const limit = await store.records.concurrencyLimits.get(TAG_LIMIT_PREFIX + valid, Date.now());
  if (limit === undefined) throw notFound("concurrency limit for tag", valid);
  return tagView(limit);
}

/** Tag limits, by tag. */
export async function readTagConcurrencyLimits(
  store: Store,
  filter: ConcurrencyLimitFilter = {},
): Promise<TagConcurrencyLimit[]> {
  const { limit, offset } = parseInput(ConcurrencyLimitFilterSchema, filter, "concurrency limit filter");
  const rows = await store.records.concurrencyLimits.list(
    { prefix: TAG_LIMIT_PREFIX, exclude: false, limit, offset },
    Date.now(),
  );
  return rows.map(tagView);
}

/** Deletes the limit of `tag` (its waiting task runs go on); throws `ORDO_NOT_FOUND` when there is none. */
export async function deleteTagConcurrencyLimit(store: Store, tag: string): Promise<void> {
  const valid = parseInput(ConcurrencyTagSchema, tag, "tag");
  if (!(await store.records.concurrencyLimits.delete(TAG_LIMIT_PREFIX + valid))) {
    throw notFound("concurrency limit for tag", valid);
  }
  wakeWaiters(store);
}

/** Creates a global limit; throws `ORDO_CONFLICT` when one of that name exists. */
export async function createGlobalConcurrencyLimit(
  store: Store,
  input: GlobalConcurrencyLimitCreate,
): Promise<GlobalConcurrencyLimit> {
  const valid = parseInput(GlobalConcurrencyLimitCreateSchema, input, "global concurrency limit");
  const created = await store.records.concurrencyLimits.create({ ...valid, now: Date.now() }, false);
  if (!created) {
    throw new OrdoError("ORDO_CONFLICT", `a global concurrency limit named ${valid.name} exists`, {
      name: valid.name,
    });
  }
  return readGlobalConcurrencyLimit(store, valid.name);
}

/** Changes a global limit's `limit`, `active` or `slotDecayPerSecond`; throws `ORDO_NOT_FOUND` when there is none. */
export async function updateGlobalConcurrencyLimit(
  store: Store,
  name: string,
  change: GlobalConcurrencyLimitUpdate,
): Promise<GlobalConcurrencyLimit> {
  const valid = parseInput(ConcurrencyLimitNameSchema, name, "limit name");
  const fields = parseInput(GlobalConcurrencyLimitUpdateSchema, change, "global concurrency limit");
  if (!(await store.records.concurrencyLimits.update(valid, { ...fields, now: Date.now() }))) {
    throw notFound("global concurrency limit", valid);
  }
  wakeWaiters(store);
  return readGlobalConcurrencyLimit(store, valid);
}

/** The global limit `name`; throws `ORDO_NOT_FOUND` when there is none. */
export async function readGlobalConcurrencyLimit(
  store: Store,
  name: string,
): Promise<GlobalConcurrencyLimit> {
  const valid = parseInput(ConcurrencyLimitNameSchema, name, "limit name");
  const limit = await store.records.concurrencyLimits.get(valid, Date.now());
  if (limit === undefined) throw notFound("global concurrency limit", valid);
  return globalView(limit);
}

/** Global limits, by name. */
export async function readGlobalConcurrencyLimits(
  store: Store,
  filter: ConcurrencyLimitFilter = {},
): Promise<GlobalConcurrencyLimit[]> {
  const { limit, offset } = parseInput(ConcurrencyLimitFilterSchema, filter, "concurrency limit filter");
  const rows = await store.records.concurrencyLimits.list(
    { prefix: TAG_LIMIT_PREFIX, exclude: true, limit, offset },
    Date.now(),
  );
  return rows.map(globalView);
}

/** Deletes a global limit (its waiters go on); throws `ORDO_NOT_FOUND` when there is none. */
export async function deleteGlobalConcurrencyLimit(store: Store, name: string): Promise<void> {
  const valid = parseInput(ConcurrencyLimitNameSchema, name, "limit name");
  if (!(await store.records.concurrencyLimits.delete(valid)))
    throw notFound("global concurrency limit", valid);
  wakeWaiters(store);
}

function slotLimit(limit: StoredConcurrencyLimit): SlotAcquireResult["limits"][number] {
  return { name: limit.name, limit: limit.limit, activeSlots: Math.round(limit.activeSlots * 1000) / 1000 };
}

/**
 * Takes `slots` of every named limit, or of none. When there is no room it waits up to
 * `waitSeconds` for a release, then answers `granted: false`. Names without a limit (and
 * inactive limits) limit nothing; with `strict` a missing one is
 * `ORDO_CONCURRENCY_LIMIT_NOT_FOUND`. `mode: "rate"` needs every limit to decay.
 *
 * @example
 * ```ts
 * const answer = await acquireConcurrencySlots(store, { tags: ["db"], holder: taskRunId, waitSeconds: 10 });
 * ```
 */
export async function acquireConcurrencySlots(store: Store, input: SlotAcquire): Promise<SlotAcquireResult> {
  const request = parseInput(SlotAcquireSchema, input, "slot request");
  const names = [
    ...new Set([...(request.tags ?? []).map((tag) => TAG_LIMIT_PREFIX + tag), ...(request.names ?? [])]),
  ];
  const records = store.records.concurrencyLimits;
  const deadline = Date.now() + request.waitSeconds * 1000;
  for (;;) {
    const now = Date.now();
    const found = await records.getMany(names, now);
    const missing = names.filter((name) => !found.some((limit) => limit.name === name));
    if (request.strict && missing.length > 0) {
      throw new OrdoError(
        "ORDO_CONCURRENCY_LIMIT_NOT_FOUND",
        `no concurrency limit named ${missing.join(", ")}`,
        { missing },
      );
    }
    const active = found.filter((limit) => limit.active);
    if (request.mode === "rate") {
      const still = active.find((limit) => limit.slotDecayPerSecond <= 0);
      if (still !== undefined) {
        throw new OrdoError(
          "ORDO_INVALID_INPUT",
          `rate limiting needs a limit whose slots decay; ${still.name} has slotDecayPerSecond 0`,
          { name: still.name },
        );
      }
    }
    const tooMany = active.find((limit) => limit.limit > 0 && request.slots > limit.limit);
    if (tooMany !== undefined) {
      throw new OrdoError(
        "ORDO_INVALID_INPUT",
        `${request.slots} slots asked of ${tooMany.name}, whose limit is ${tooMany.limit}`,
        { name: tooMany.name, limit: tooMany.limit },
      );
    }
    if (active.length === 0) return { granted: true, limits: [], missing };
    const took = await records.acquire({
      names: active.map((limit) => limit.name),
      holder: request.holder,
      slots: request.slots,
      mode: request.mode,
      expiresAt: now + Math.round(request.leaseSeconds * 1000),
      now,
    });
    if (took > 0) return { granted: true, limits: active.map(slotLimit), missing };
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      const blocked = active.find((limit) => limit.activeSlots + request.slots > limit.limit) ?? active[0];
      return {
        granted: false,
        limits: active.map(slotLimit),
        missing,
        ...(blocked === undefined ? {} : { blockedBy: slotLimit(blocked) }),
      };
    }
    await waitForRelease(store, Math.min(remaining, RECHECK_MS));
  }
}

/** Extends every live lease of a holder by `leaseSeconds` from now. */
export async function renewConcurrencySlots(store: Store, input: SlotRenew): Promise<{ count: number }> {
  const { holder, leaseSeconds } = parseInput(SlotRenewSchema, input, "lease renewal");
  const now = Date.now();
  return {
    count: await store.records.concurrencyLimits.renew(holder, now + Math.round(leaseSeconds * 1000), now),
  };
}

/** Releases every lease of a holder and wakes the acquires waiting in this process. */
export async function releaseConcurrencySlots(store: Store, input: SlotRelease): Promise<{ count: number }> {
  const { holder } = parseInput(SlotReleaseSchema, input, "slot release");
  const count = await store.records.concurrencyLimits.release(holder);
  if (count > 0) wakeWaiters(store);
  return { count };
}

/** Deletes the leases expired at `now` (their holders died unreleased); returns how many. */
export async function reclaimExpiredLeases(store: Store, now: number): Promise<number> {
  const count = await store.records.concurrencyLimits.reclaimExpired(now);
  if (count > 0) wakeWaiters(store);
  return count;
}
