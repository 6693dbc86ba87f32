/**
 * SHA-256 hashes of values and of text.
 *
 * @module
 */
import * as nodeCrypto from "node:crypto";
import { canonicalize } from "./canonicalize.js";

// `crypto.hash` (one-shot, about twice as fast for short input) exists from Node 20.12;
// older 20.x releases fall back to createHash.
const oneShot = (nodeCrypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;

/**
 * The SHA-256 of `text` (UTF-8), as 64 lowercase hex digits.
 *
 * @example
 * ```ts
 * sha256Hex("abc"); // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
 * ```
 */
export const sha256Hex: (text: string) => string =
  oneShot !== undefined
    ? (text) => oneShot("sha256", text, "hex")
    : (text) => nodeCrypto.createHash("sha256").update(text).digest("hex");

/**
 * The SHA-256 (64 hex digits) of the canonical text of `value`: equal values (key order
 * aside, see {@link canonicalize}) hash equally; different values or types do not.
 *
 * @param root - the name of the value in error paths.
 * @throws OrdoError `ORDO_UNHASHABLE_INPUT` for values that are not data.
 *
 * @example
 * ```ts
 * hashValue({ a: 1, b: 2 }) === hashValue({ b: 2, a: 1 }); // true
 * hashValue(1) === hashValue(1n);                           // false
 * ```
 */
export function hashValue(value: unknown, root = "value"): string {
  return sha256Hex(canonicalize(value, root));
}
