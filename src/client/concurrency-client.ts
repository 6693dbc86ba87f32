/**
 * The concurrency-limit part of the {@link OrdoClient}: tag limits, global limits and
 * the slots both hand out.
 *
 * @module
 */
import type {
  ConcurrencyLimitFilter,
  GlobalConcurrencyLimit,
  GlobalConcurrencyLimitCreate,
  GlobalConcurrencyLimitUpdate,
  SlotAcquire,
  SlotAcquireResult,
  SlotRelease,
  SlotRenew,
  TagConcurrencyLimit,
  TagConcurrencyLimitCreate,
} from "../schemas/index.js";

/** Concurrency limits and slots, as the engine, the SDK and the CLI see them. */
export interface ConcurrencyLimitClient {
  /** Creates a tag's limit, or replaces the limit of a tag that has one. */
  createConcurrencyLimit(input: TagConcurrencyLimitCreate): Promise<TagConcurrencyLimit>;
  /** The limit of a tag; throws `ORDO_NOT_FOUND` when it has none. */
  readConcurrencyLimit(tag: string): Promise<TagConcurrencyLimit>;
  /** Tag limits, by tag. */
  readConcurrencyLimits(filter?: ConcurrencyLimitFilter): Promise<TagConcurrencyLimit[]>;
  /** Deletes a tag's limit; throws `ORDO_NOT_FOUND` when it has none. */
  deleteConcurrencyLimit(tag: string): Promise<void>;

  /** Creates a global limit; throws `ORDO_CONFLICT` when the name is taken. */
  createGlobalConcurrencyLimit(input: GlobalConcurrencyLimitCreate): Promise<GlobalConcurrencyLimit>;
  /** Changes a global limit; throws `ORDO_NOT_FOUND` when there is none. */
  updateGlobalConcurrencyLimit(
    name: string,
    change: GlobalConcurrencyLimitUpdate,
  ): Promise<GlobalConcurrencyLimit>;
  /** A global limit; throws `ORDO_NOT_FOUND` when there is none. */
  readGlobalConcurrencyLimit(name: string): Promise<GlobalConcurrencyLimit>;
  /** Global limits, by name. */
  readGlobalConcurrencyLimits(filter?: ConcurrencyLimitFilter): Promise<GlobalConcurrencyLimit[]>;
  /** Deletes a global limit; throws `ORDO_NOT_FOUND` when there is none. */
  deleteGlobalConcurrencyLimit(name: string): Promise<void>;

  /**
   * Takes slots of every named limit or of none, waiting up to `waitSeconds` (at most 30)
   * for room; answers `granted: false` when there was none. Callers loop.
   */
  acquireConcurrencySlots(input: SlotAcquire): Promise<SlotAcquireResult>;
  /** Extends a holder's live leases. */
  renewConcurrencySlots(input: SlotRenew): Promise<{ count: number }>;
  /** Releases a holder's leases. */
  releaseConcurrencySlots(input: SlotRelease): Promise<{ count: number }>;
}
