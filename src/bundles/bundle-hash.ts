/**
 * The address of a project bundle: the sha256 of its `.tar.gz` bytes, in hex. The server
 * stores a bundle under it, and a worker checks downloaded bytes against it.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { OrdoError } from "../errors/ordo-error.js";

/**
 * The sha256 of `bytes`, 64 lowercase hex digits.
 *
 * @example
 * ```ts
 * bundleHash(new Uint8Array()); // "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 * ```
 */
export function bundleHash(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Throws `ORDO_BUNDLE_HASH_MISMATCH` unless the sha256 of `bytes` is `hash`; `where`
 * says which bytes (`the upload`, `the download from http://…`).
 *
 * @example
 * ```ts
 * assertBundleHash(bytes, deployment.source.hash, "the download");
 * ```
 */
export function assertBundleHash(bytes: Uint8Array, hash: string, where: string): void {
  const actual = bundleHash(bytes);
  if (actual !== hash) {
    throw new OrdoError(
      "ORDO_BUNDLE_HASH_MISMATCH",
      `the sha256 of ${where} (${bytes.byteLength} bytes) is ${actual}, not the bundle's hash ${hash}: the bytes are corrupt or belong to another bundle`,
      { expected: hash, actual, bytes: bytes.byteLength },
    );
  }
}
