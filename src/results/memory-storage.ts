/**
 * Result storage in memory, for tests and short-lived processes.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { ResultStorage } from "./result-storage.js";
import { assertStorageKey } from "./storage-key.js";

/** Runs `fn` now and settles a promise with its value or its exception. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}

/**
 * Keeps results in a `Map` of this process. Reads return a copy, so callers cannot
 * change what is stored. Nothing survives the process: use it in tests, not for
 * resumable flows.
 *
 * @example
 * ```ts
 * const storage = new MemoryStorage();
 * const outcome = await persistResult(bigValue, { storage, inlineLimitBytes: 0 });
 * ```
 */
export class MemoryStorage implements ResultStorage {
  readonly name: string;
  readonly #files = new Map<string, Uint8Array>();

  /** @param name - the storage's name in result references, default `memory`. */
  constructor(name = "memory") {
    this.name = name;
  }

  /** The number of stored results. */
  get size(): number {
    return this.#files.size;
  }

  /** Stores a copy of `bytes` under `key`. */
  write(key: string, bytes: Uint8Array): Promise<void> {
    return settle(() => {
      assertStorageKey(key);
      this.#files.set(key, Uint8Array.from(bytes));
    });
  }

  /** A copy of the bytes under `key`; rejects with `ORDO_RESULT_NOT_AVAILABLE` when there are none. */
  read(key: string): Promise<Uint8Array> {
    return settle(() => {
      assertStorageKey(key);
      const bytes = this.#files.get(key);
      if (bytes === undefined) {
        throw new OrdoError("ORDO_RESULT_NOT_AVAILABLE", `result "${key}" is not in storage "${this.name}"`, {
          storage: this.name,
          key,
        });
      }
      return Uint8Array.from(bytes);
    });
  }

  /** Whether something is stored under `key`. */
  exists(key: string): Promise<boolean> {
    return settle(() => {
      assertStorageKey(key);
      return this.#files.has(key);
    });
  }

  /** Removes what is stored under `key`. */
  delete(key: string): Promise<void> {
    return settle(() => {
      assertStorageKey(key);
      this.#files.delete(key);
    });
  }
}
