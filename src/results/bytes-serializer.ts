/**
 * The `bytes` serializer: raw bytes, for results that already are bytes (files, images,
 * archives, encoded payloads).
 *
 * @module
 */
import { describeType } from "../hashing/describe-value.js";
import type { BinarySerializer, SerializeOutcome } from "./serializer.js";

function serialize(value: unknown): SerializeOutcome<Uint8Array> {
  if (value instanceof Uint8Array) return { ok: true, data: value };
  if (value instanceof ArrayBuffer) return { ok: true, data: new Uint8Array(value) };
  return {
    ok: false,
    path: "result",
    reason: `the bytes serializer stores a Uint8Array, Buffer or ArrayBuffer, and result is a ${describeType(value)}; use the json serializer`,
  };
}

/**
 * The `bytes` serializer: stores a `Uint8Array`, `Buffer` or `ArrayBuffer` as its bytes
 * (inline as base64 text, in result storage as the bytes themselves). It reads back as a
 * `Uint8Array` whatever it was written from.
 *
 * @example
 * ```ts
 * const pdf = task({ name: "render-pdf", resultSerializer: "bytes" }, async () => renderPdf());
 * ```
 */
export const BYTES_SERIALIZER: BinarySerializer = {
  name: "bytes",
  format: "binary",
  serialize,
  deserialize: (bytes) =>
    bytes instanceof Buffer ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes,
};
