/**
 * The engine's use of result storage: persisting a run's value and reading it back.
 *
 * @module
 */
import {
  loadResult,
  persistResult,
  prepareResult,
  type PreparedResult,
  type ResultStorage,
} from "../results/index.js";
import type { ResultRef } from "../states/index.js";
import type { EngineConfig } from "./context.js";
import type { ResultReader } from "./outcome.js";

/** A reader that knows the default storage and any others a task named. */
export function resultReader(config: EngineConfig, extra?: ResultStorage): ResultReader {
  const storages = extra === undefined ? [config.storage] : [config.storage, extra];
  return (ref: ResultRef) => loadResult(ref, storages);
}

/** Persists a value: inline when small, else to `storage`. */
export async function persistValue(
  value: unknown,
  config: EngineConfig,
  serializer: string | undefined,
  storage: ResultStorage | undefined,
): Promise<{ ok: true; ref: ResultRef } | { ok: false; reason: string }> {
  return persistResult(value, {
    serializer: serializer ?? "json",
    storage: storage ?? config.storage,
    inlineLimitBytes: config.inlineLimitBytes,
  });
}

/** Serializes a value and decides where it goes, without I/O (see `prepareResult`). */
export function prepareValue(
  value: unknown,
  config: EngineConfig,
  serializer: string | undefined,
  storage: ResultStorage | undefined,
): PreparedResult {
  return prepareResult(value, {
    serializer: serializer ?? "json",
    storage: storage ?? config.storage,
    inlineLimitBytes: config.inlineLimitBytes,
  });
}
