/**
 * Canonical hashing of values: the basis of cache keys and input hashes.
 *
 * {@link canonicalize} writes a value as canonical text (object key order does not
 * matter, types are tagged so `1`, `1n` and `"1"` differ, Dates, Maps, Sets, bigints and
 * bytes are taken by value); {@link hashValue} is the SHA-256 of that text. Functions,
 * symbols, class instances without `toJSON()` and cycles are refused with
 * `ORDO_UNHASHABLE_INPUT`, naming the path (`args[1].client`) and the type.
 *
 * The same {@link walkValue} walker decides what a result value may contain (see
 * `results/check-serializable`), so "hashable input" and "storable result" agree.
 *
 * @module
 */
export { canonicalize, unhashableError } from "./canonicalize.js";
export { hashValue, sha256Hex } from "./hash-value.js";
export { checkHashable, isHashable } from "./check-hashable.js";
export {
  walkValue,
  MAX_DEPTH,
  type ValueFolder,
  type ValueProblem,
  type WalkOptions,
  type WalkResult,
  type Primitive,
} from "./value-walker.js";
export { formatPath, type PathSegment } from "./value-path.js";
export { describeType } from "./describe-value.js";
export { inputsHash } from "./inputs-hash.js";
