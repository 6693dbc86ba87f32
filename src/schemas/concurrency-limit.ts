/**
 * zod schemas of concurrency limits: tag limits for task runs (Prefect's v1 limits) and
 * global limits (named limits used by `concurrency()` and `rateLimit()`), plus the slot
 * requests (acquire, renew, release) both kinds share.
 *
 * A tag limit on `db` is stored as the limit named `tag:db`; global names cannot contain
 * `:`, so the two never collide.
 *
 * @module
 */
import { z } from "zod";

/** The longest a waiting acquire may be held by the server, in seconds. */
export const MAX_ACQUIRE_WAIT_SECONDS = 30;

/** A task tag with a limit: 1–255 characters, no leading or trailing spaces. */
export const ConcurrencyTagSchema = z
  .string()
  .min(1, "a tag cannot be empty")
  .max(255)
  .refine((tag) => tag.trim() === tag, { message: "a tag cannot start or end with spaces" });

/** A global limit's name: letters, digits, `_`, `-` and `.`, starting with a letter or digit. */
export const ConcurrencyLimitNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/, "use 1–255 letters, digits, '_', '-' or '.'");

/** How many runs may hold a tag or a limit's slots at once: 0 blocks every run. */
const SlotCountSchema = z.number().int().min(0).max(1_000_000);

/** A tag concurrency limit: at most `concurrencyLimit` task runs with the tag run at once. */
export const TagConcurrencyLimitSchema = z.object({
  id: z.string(),
  tag: z.string(),
  concurrencyLimit: z.number().int(),
  /** The task runs holding a slot now (live leases). */
  activeSlots: z.array(z.string()),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
/** A tag concurrency limit. */
export type TagConcurrencyLimit = z.infer<typeof TagConcurrencyLimitSchema>;

/** Creating a tag limit, or replacing the limit of a tag that has one. */
export const TagConcurrencyLimitCreateSchema = z.object({
  tag: ConcurrencyTagSchema,
  concurrencyLimit: SlotCountSchema,
});
/** Creating a tag limit. */
export type TagConcurrencyLimitCreate = z.input<typeof TagConcurrencyLimitCreateSchema>;

/** Pages of limits, by name. */
export const ConcurrencyLimitFilterSchema = z.object({
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});
/** Pages of limits. */
export type ConcurrencyLimitFilter = z.input<typeof ConcurrencyLimitFilterSchema>;

/** A global concurrency limit (also a rate limit when `slotDecayPerSecond` > 0). */
export const GlobalConcurrencyLimitSchema = z.object({
  id: z.string(),
  name: z.string(),
  limit: z.number().int(),
  /** An inactive limit limits nothing. */
  active: z.boolean(),
  /** Slots in use now: held leases plus the not yet decayed rate-limit slots. */
  activeSlots: z.number(),
  /** Rate-limit slots free themselves at this rate; 0 means they never decay. */
  slotDecayPerSecond: z.number(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
/** A global concurrency limit. */
export type GlobalConcurrencyLimit = z.infer<typeof GlobalConcurrencyLimitSchema>;

const DecaySchema = z.number().min(0).max(1_000_000);

/** Creating a global limit. */
export const GlobalConcurrencyLimitCreateSchema = z.object({
  name: ConcurrencyLimitNameSchema,
  limit: SlotCountSchema,
  active: z.boolean().default(true),
  slotDecayPerSecond: DecaySchema.default(0),
});
/** Creating a global limit. */
export type GlobalConcurrencyLimitCreate = z.input<typeof GlobalConcurrencyLimitCreateSchema>;

/** Changing a global limit: only the fields given change. */
export const GlobalConcurrencyLimitUpdateSchema = z.object({
  limit: SlotCountSchema.optional(),
  active: z.boolean().optional(),
  slotDecayPerSecond: DecaySchema.optional(),
});
/** Changing a global limit. */
export type GlobalConcurrencyLimitUpdate = z.input<typeof GlobalConcurrencyLimitUpdateSchema>;

/**
 * Asking for slots of every limit named (all or none). `lease` slots are held by `holder`
 * until released or until the lease expires unrenewed; `rate` slots are never released
 * and decay at the limit's `slotDecayPerSecond`.
 */
export const SlotAcquireSchema = z
  .object({
    /** Task tags: the limits `tag:<tag>`. */
    tags: z.array(ConcurrencyTagSchema).max(100).optional(),
    /** Global limit names. */
    names: z.array(ConcurrencyLimitNameSchema).max(100).optional(),
    holder: z.string().min(1).max(200),
    slots: z.number().int().min(1).max(1_000_000).default(1),
    mode: z.enum(["lease", "rate"]).default("lease"),
    leaseSeconds: z.number().min(1).max(86_400).default(60),
    /** How long the server may wait for a slot before answering `granted: false`. */
    waitSeconds: z.number().min(0).max(MAX_ACQUIRE_WAIT_SECONDS).default(0),
    /** Throw `ORDO_CONCURRENCY_LIMIT_NOT_FOUND` when a named limit does not exist. */
    strict: z.boolean().default(false),
  })
  .refine((input) => (input.tags?.length ?? 0) + (input.names?.length ?? 0) > 0, {
    message: "name at least one tag or limit",
    path: ["names"],
  });
/** Asking for slots. */
export type SlotAcquire = z.input<typeof SlotAcquireSchema>;

/** A limit as seen by an acquire. */
export const SlotLimitSchema = z.object({
  /** The stored name: `tag:<tag>` for tag limits. */
  name: z.string(),
  limit: z.number().int(),
  activeSlots: z.number(),
});

/** The answer to an acquire. */
export const SlotAcquireResultSchema = z.object({
  granted: z.boolean(),
  /** The active limits among those named. */
  limits: z.array(SlotLimitSchema),
  /** Names (or `tag:<tag>`) that have no limit. */
  missing: z.array(z.string()),
  /** When not granted: a limit that had no room. */
  blockedBy: SlotLimitSchema.optional(),
});
/** The answer to an acquire. */
export type SlotAcquireResult = z.infer<typeof SlotAcquireResultSchema>;

/** Renewing every lease a holder has. */
export const SlotRenewSchema = z.object({
  holder: z.string().min(1).max(200),
  leaseSeconds: z.number().min(1).max(86_400).default(60),
});
/** Renewing leases. */
export type SlotRenew = z.input<typeof SlotRenewSchema>;

/** Releasing every lease a holder has. */
export const SlotReleaseSchema = z.object({ holder: z.string().min(1).max(200) });
/** Releasing leases. */
export type SlotRelease = z.input<typeof SlotReleaseSchema>;

/** How many leases a renew or a release touched. */
export const SlotCountResultSchema = z.object({ count: z.number().int() });
