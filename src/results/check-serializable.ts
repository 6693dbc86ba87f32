/**
 * Whether a value can be stored by the `json` serializer, decided by the same walker
 * that hashing uses (`hashing/value-walker`).
 *
 * Storable: everything the walker takes as data (primitives including `undefined`,
 * bigints, `NaN`, `±Infinity` and `-0`; arrays; plain objects; `Date`, `Map`, `Set`,
 * `RegExp`, `URL`, `Error`; typed arrays, `Buffer`, `DataView`, `ArrayBuffer`; objects
 * with `toJSON()`), including cyclic references. Not storable: functions,
 * symbols and class instances without `toJSON()` (promises, streams, clients, …) that a
 * plain JSON or superjson encoding would silently flatten or drop.
 *
 * @module
 */
import { walkValue, type Primitive, type ValueFolder } from "../hashing/value-walker.js";

/**
 * The outcome of {@link checkSerializable}.
 *
 * @example
 * ```ts
 * const check: SerializableCheck = checkSerializable(value);
 * if (!check.ok) console.warn(check.reason);
 * ```
 */
export type SerializableCheck =
  { readonly ok: true } | { readonly ok: false; readonly reason: string; readonly path: string };

/**
 * The outcome of {@link inspectSerializable}: what the `json` serializer needs to know.
 *
 * @example
 * ```ts
 * const i = inspectSerializable(value);
 * if (i.ok && i.plainJson) JSON.stringify(value);
 * ```
 */
export type SerializableInspection =
  | {
      readonly ok: true;
      /** `JSON.stringify` round-trips the value exactly (no superjson annotations needed). */
      readonly plainJson: boolean;
      /** Some object is taken through its `toJSON()`. */
      readonly hasToJSON: boolean;
    }
  | { readonly ok: false; readonly reason: string; readonly path: string };

// superjson refuses these keys as a prototype-pollution risk.
const RESERVED_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

class Inspector implements ValueFolder<undefined> {
  plainJson = true;
  hasToJSON = false;
  hasCycle = false;
  reservedKey: string | undefined = undefined;

  primitive(value: Primitive): undefined {
    switch (typeof value) {
      case "number":
        if (!Number.isFinite(value) || (value === 0 && 1 / value < 0)) this.plainJson = false;
        break;
      case "bigint":
      case "undefined":
        this.plainJson = false;
        break;
    }
    return undefined;
  }
  array(): undefined {
    return undefined;
  }
  object(_value: object, keys: readonly string[]): undefined {
    if (this.reservedKey === undefined) {
      for (const key of keys) if (RESERVED_KEYS.has(key)) this.reservedKey = key;
    }
    return undefined;
  }
  toJSON(): undefined {
    this.hasToJSON = true;
    return undefined;
  }
  cycle(): undefined {
    this.hasCycle = true;
    this.plainJson = false;
    return undefined;
  }
  #rich(): undefined {
    this.plainJson = false;
    return undefined;
  }
  map = this.#rich;
  set = this.#rich;
  date = this.#rich;
  regexp = this.#rich;
  url = this.#rich;
  error = this.#rich;
  bytes = this.#rich;
}

/**
 * Inspects `value` for the `json` serializer: whether it can be stored, and whether
 * plain `JSON.stringify` suffices.
 *
 * @param root - the name of the value in problem paths.
 *
 * @example
 * ```ts
 * inspectSerializable({ a: 1 });          // { ok: true, plainJson: true, hasToJSON: false }
 * inspectSerializable({ at: new Date() }); // { ok: true, plainJson: false, hasToJSON: false }
 * ```
 */
export function inspectSerializable(value: unknown, root = "result"): SerializableInspection {
  const inspector = new Inspector();
  const walked = walkValue(value, inspector, { root, cycles: "fold" });
  if (!walked.ok) {
    const { path, typeName, reason } = walked.problem;
    return { ok: false, path, reason: `${path} is a ${typeName}: ${reason}` };
  }
  const { plainJson, hasToJSON, hasCycle, reservedKey } = inspector;
  if (!plainJson && reservedKey !== undefined) {
    return {
      ok: false,
      path: root,
      reason:
        `${root} has an object key "${reservedKey}", which cannot be stored together with values ` +
        "that need type information (Date, Map, Set, bigint, undefined, cycles, …); rename the key",
    };
  }
  if (hasCycle && hasToJSON) {
    return {
      ok: false,
      path: root,
      reason: `${root} is cyclic and contains objects stored through toJSON(); store one or the other`,
    };
  }
  return { ok: true, plainJson, hasToJSON };
}

/**
 * Whether `value` can be stored as a result by the `json` serializer, and if not,
 * which part is the problem and why.
 *
 * @param root - the name of the value in the path, default `result`.
 *
 * @example
 * ```ts
 * checkSerializable({ rows: [1, 2], at: new Date() }); // { ok: true }
 * checkSerializable({ stream: fs.createReadStream("x") });
 * // { ok: false, path: "result.stream", reason: "result.stream is a ReadStream instance: …" }
 * ```
 */
export function checkSerializable(value: unknown, root = "result"): SerializableCheck {
  const inspection = inspectSerializable(value, root);
  return inspection.ok ? { ok: true } : inspection;
}
