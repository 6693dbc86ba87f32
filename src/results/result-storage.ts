/**
 * Result storage: where results too large to keep inline are written.
 *
 * @module
 */

/**
 * A place to keep serialized results under string keys. Ordo ships
 * {@link LocalFileStorage}; other backends (object stores, shared volumes) implement
 * the same four methods. Keys are chosen by Ordo (UUIDv7 strings); implementations
 * should refuse keys that are not safe names (see `assertStorageKey`).
 *
 * @example
 * ```ts
 * const storage: ResultStorage = new LocalFileStorage("/var/lib/ordo/storage");
 * await storage.write("0190d3c2-…", new TextEncoder().encode("{\"json\":1}"));
 * ```
 */
export interface ResultStorage {
  /** Recorded in result references; a reader finds the storage by this name. */
  readonly name: string;
  /** Stores `bytes` under `key`, atomically: a reader sees all of them or none. */
  write(key: string, bytes: Uint8Array): Promise<void>;
  /** The bytes under `key`; rejects with `ORDO_RESULT_NOT_AVAILABLE` when there are none. */
  read(key: string): Promise<Uint8Array>;
  /** Whether something is stored under `key`. */
  exists?(key: string): Promise<boolean>;
  /** Removes what is stored under `key` (nothing happens when nothing is). */
  delete?(key: string): Promise<void>;
}
