/**
 * Persisting a result: serialize once, keep it inline when small, else write it to
 * result storage.
 *
 * @module
 */
import { uuid7 as uuidv7 } from "../ids/uuid7.js";
import type { ResultRef } from "../states/state-data.js";
import { getSerializer } from "./get-serializer.js";
import type { ResultStorage } from "./result-storage.js";
import type { Serializer } from "./serializer.js";

/**
 * Results whose inline text is at most this many bytes are kept inline by default.
 *
 * @example
 * ```ts
 * prepareResult(value, { inlineLimitBytes: DEFAULT_INLINE_LIMIT_BYTES * 4 });
 * ```
 */
export const DEFAULT_INLINE_LIMIT_BYTES = 4096;

/**
 * Options of {@link persistResult} and {@link prepareResult}.
 *
 * @example
 * ```ts
 * const options: PersistResultOptions = { serializer: "bytes", storage, inlineLimitBytes: 1024 };
 * ```
 */
export interface PersistResultOptions {
  /** A serializer or the name of a built-in one (`json`, `bytes`). Default `json`. */
  readonly serializer?: string | Serializer | undefined;
  /** Where results over the inline limit go. Without one, such results cannot be persisted. */
  readonly storage?: ResultStorage | undefined;
  /** The largest inline text, in UTF-8 bytes. Default {@link DEFAULT_INLINE_LIMIT_BYTES}; 0 sends everything to storage. */
  readonly inlineLimitBytes?: number | undefined;
  /** The storage key of a new result. Default: a UUIDv7 (time-ordered). */
  readonly newKey?: (() => string) | undefined;
}

/**
 * Why a value was not persisted (the engine words it as "not resumable" or an error).
 *
 * @example
 * ```ts
 * const outcome = await persistResult(value);
 * if (!outcome.ok) logger.warning(`not resumable: ${outcome.reason}`);
 * ```
 */
export interface NotPersisted {
  readonly ok: false;
  /** For people: what is wrong, e.g. `result.client is a PgClient instance: …`. */
  readonly reason: string;
  /** The offending part, when one part of the value is the problem. */
  readonly path?: string | undefined;
}

/**
 * The outcome of {@link persistResult}.
 *
 * @example
 * ```ts
 * const outcome: PersistResultOutcome = await persistResult(42); // { ok: true, ref: { kind: "inline", … } }
 * ```
 */
export type PersistResultOutcome = { readonly ok: true; readonly ref: ResultRef } | NotPersisted;

/**
 * A write to result storage that {@link prepareResult} left to the caller.
 *
 * @example
 * ```ts
 * const p = prepareResult(big, { storage });
 * if (p.ok && p.write) await p.write.storage.write(p.write.key, p.write.bytes);
 * ```
 */
export interface PendingWrite {
  readonly storage: ResultStorage;
  readonly key: string;
  readonly bytes: Uint8Array;
}

/**
 * The outcome of {@link prepareResult}: a reference, and the write it needs, if any.
 *
 * @example
 * ```ts
 * const p: PreparedResult = prepareResult("done"); // { ok: true, ref: { kind: "inline", … }, write: undefined }
 * ```
 */
export type PreparedResult =
  { readonly ok: true; readonly ref: ResultRef; readonly write: PendingWrite | undefined } | NotPersisted;

function fitsInline(text: string, limit: number): boolean {
  if (text.length * 3 <= limit) return true; // UTF-8 needs at most 3 bytes per UTF-16 unit
  if (text.length > limit) return false;
  return Buffer.byteLength(text, "utf8") <= limit;
}

/**
 * Serializes `value` once and decides where it goes, without doing I/O: an inline
 * reference (no write needed) when the serialized text is at most `inlineLimitBytes`,
 * else a storage reference plus the {@link PendingWrite} to perform. The synchronous
 * half of {@link persistResult}, for callers that batch or defer writes.
 *
 * @throws OrdoError `ORDO_INVALID_PARAMETERS` for an unknown serializer name.
 *
 * @example
 * ```ts
 * const prepared = prepareResult(42);
 * if (prepared.ok && prepared.write === undefined) record(prepared.ref); // { kind: "inline", serializer: "json", data: '{"json":42}' }
 * ```
 */
export function prepareResult(value: unknown, options: PersistResultOptions = {}): PreparedResult {
  const serializer =
    typeof options.serializer === "object" ? options.serializer : getSerializer(options.serializer ?? "json");
  const limit = options.inlineLimitBytes ?? DEFAULT_INLINE_LIMIT_BYTES;
  let bytes: Uint8Array | undefined;
  if (serializer.format === "text") {
    const out = serializer.serialize(value);
    if (!out.ok) return out;
    if (fitsInline(out.data, limit)) {
      return {
        ok: true,
        ref: { kind: "inline", serializer: serializer.name, data: out.data },
        write: undefined,
      };
    }
    bytes = Buffer.from(out.data, "utf8");
  } else {
    const out = serializer.serialize(value);
    if (!out.ok) return out;
    if (Math.ceil(out.data.byteLength / 3) * 4 <= limit) {
      const data = Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength).toString("base64");
      return { ok: true, ref: { kind: "inline", serializer: serializer.name, data }, write: undefined };
    }
    bytes = out.data;
  }
  const storage = options.storage;
  if (storage === undefined) {
    return {
      ok: false,
      reason: `the serialized result is ${bytes.byteLength} bytes, over the inline limit of ${limit} bytes, and no result storage is configured`,
    };
  }
  const key = (options.newKey ?? uuidv7)();
  return {
    ok: true,
    ref: { kind: "storage", serializer: serializer.name, storage: storage.name, key },
    write: { storage, key, bytes },
  };
}

/**
 * Persists a result: serializes it once, returns an inline reference when the text is
 * at most `inlineLimitBytes` (default 4096), else writes it to `storage` under a new
 * UUIDv7 key and returns a storage reference. A value that cannot be serialized is not
 * an error here: the outcome says why (`{ ok: false, reason, path }`) and the caller
 * decides (the engine warns "not resumable", or fails the run with
 * `ORDO_RESULT_NOT_SERIALIZABLE` when `persistResult: true` was asked).
 *
 * Small values cost about a microsecond (see docs/results.md); storage writes are
 * atomic (see {@link LocalFileStorage}). Errors of the storage itself (disk full,
 * permissions) reject.
 *
 * @throws OrdoError `ORDO_INVALID_PARAMETERS` for an unknown serializer name.
 *
 * @example
 * ```ts
 * const outcome = await persistResult(rows, { storage: new LocalFileStorage(dir) });
 * if (outcome.ok) snapshot.result = outcome.ref;
 * else logger.warning(`not resumable: ${outcome.reason}`);
 * ```
 */
export async function persistResult(
  value: unknown,
  options: PersistResultOptions = {},
): Promise<PersistResultOutcome> {
  const prepared = prepareResult(value, options);
  if (!prepared.ok) return prepared;
  const { write } = prepared;
  if (write !== undefined) await write.storage.write(write.key, write.bytes);
  return { ok: true, ref: prepared.ref };
}
