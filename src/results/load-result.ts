/**
 * Loading a result from its reference.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { ResultRef } from "../states/state-data.js";
import { getSerializer } from "./get-serializer.js";
import type { ResultStorage } from "./result-storage.js";
import type { Serializer } from "./serializer.js";

/**
 * Options of {@link loadResult}.
 *
 * @example
 * ```ts
 * await loadResult(ref, storages, { serializers: [mySerializer] });
 * ```
 */
export interface LoadResultOptions {
  /** Serializers besides the built-in ones, for results written with custom serializers. */
  readonly serializers?: readonly Serializer[] | undefined;
}

const NO_OPTIONS: LoadResultOptions = {};

function notAvailable(message: string, ref: ResultRef, cause?: unknown): OrdoError {
  const details: Record<string, unknown> = { kind: ref.kind, serializer: ref.serializer };
  if (ref.kind === "storage") Object.assign(details, { storage: ref.storage, key: ref.key });
  return new OrdoError(
    "ORDO_RESULT_NOT_AVAILABLE",
    message,
    details,
    cause === undefined ? undefined : { cause },
  );
}

function serializerOf(ref: ResultRef, options: LoadResultOptions): Serializer {
  try {
    return getSerializer(ref.serializer, options.serializers);
  } catch (error) {
    throw notAvailable(
      `the result was written with serializer "${ref.serializer}", which this process does not know`,
      ref,
      error,
    );
  }
}

function decode(serializer: Serializer, data: string | Uint8Array, ref: ResultRef): unknown {
  try {
    if (serializer.format === "text") {
      return serializer.deserialize(typeof data === "string" ? data : Buffer.from(data).toString("utf8"));
    }
    return serializer.deserialize(
      typeof data === "string" ? new Uint8Array(Buffer.from(data, "base64")) : data,
    );
  } catch (error) {
    const where = ref.kind === "inline" ? "inline result" : `result "${ref.key}" in storage "${ref.storage}"`;
    throw notAvailable(
      `the ${where} cannot be read by serializer "${ref.serializer}": ${String(error)}`,
      ref,
      error,
    );
  }
}

/**
 * The value of an inline reference, synchronously.
 *
 * @throws OrdoError `ORDO_RESULT_NOT_AVAILABLE` for an unknown serializer or unreadable data.
 *
 * @example
 * ```ts
 * loadInlineResult({ kind: "inline", serializer: "json", data: '{"json":42}' }); // 42
 * ```
 */
export function loadInlineResult(
  ref: Extract<ResultRef, { kind: "inline" }>,
  options: LoadResultOptions = NO_OPTIONS,
): unknown {
  return decode(serializerOf(ref, options), ref.data, ref);
}

/**
 * The value a {@link ResultRef} points to: decoded from the reference itself when it is
 * inline, else read from the storage of the reference's name among `storages`.
 *
 * @throws OrdoError `ORDO_RESULT_NOT_AVAILABLE` when the storage is not among
 *   `storages`, the file is missing, the serializer is unknown or the data is unreadable.
 *
 * @example
 * ```ts
 * const value = await loadResult(taskRun.result, [new LocalFileStorage(storagePath(settings))]);
 * ```
 */
export async function loadResult(
  ref: ResultRef,
  storages: readonly ResultStorage[] = [],
  options: LoadResultOptions = NO_OPTIONS,
): Promise<unknown> {
  const serializer = serializerOf(ref, options);
  if (ref.kind === "inline") return decode(serializer, ref.data, ref);
  const storage = storages.find((s) => s.name === ref.storage);
  if (storage === undefined) {
    const known = storages.length === 0 ? "none" : storages.map((s) => `"${s.name}"`).join(", ");
    throw notAvailable(
      `result "${ref.key}" is in storage "${ref.storage}", which is not configured here (configured: ${known})`,
      ref,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = await storage.read(ref.key);
  } catch (error) {
    if (error instanceof OrdoError && error.code === "ORDO_RESULT_NOT_AVAILABLE") throw error;
    throw notAvailable(
      `result "${ref.key}" cannot be read from storage "${ref.storage}": ${String(error)}`,
      ref,
      error,
    );
  }
  return decode(serializer, bytes, ref);
}
