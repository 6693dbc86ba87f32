/**
 * Results: serializers, the serializability check, result storage, and persisting and
 * loading results by reference.
 *
 * A completed run's value is serialized once (`json` by default, or `bytes`); text of
 * at most `inlineLimitBytes` (4096) is kept inline in the run's record, larger results go
 * to result storage (by default files under `${ORDO_HOME}/storage`) and the record keeps
 * a reference. See docs/results.md.
 *
 * @module
 */
export type { Serializer, TextSerializer, BinarySerializer, SerializeOutcome } from "./serializer.js";
export { JSON_SERIALIZER } from "./json-serializer.js";
export { BYTES_SERIALIZER } from "./bytes-serializer.js";
export { getSerializer, BUILTIN_SERIALIZERS } from "./get-serializer.js";
export {
  checkSerializable,
  inspectSerializable,
  type SerializableCheck,
  type SerializableInspection,
} from "./check-serializable.js";
export type { ResultStorage } from "./result-storage.js";
export { LocalFileStorage, type LocalFileStorageOptions } from "./local-file-storage.js";
export { MemoryStorage } from "./memory-storage.js";
export { isSafeStorageKey, assertStorageKey } from "./storage-key.js";
export {
  persistResult,
  prepareResult,
  DEFAULT_INLINE_LIMIT_BYTES,
  type PersistResultOptions,
  type PersistResultOutcome,
  type PreparedResult,
  type PendingWrite,
  type NotPersisted,
} from "./persist-result.js";
export { loadResult, loadInlineResult, type LoadResultOptions } from "./load-result.js";
export type { ResultRef } from "../states/state-data.js";
