/**
 * Asking whether a value can be hashed, without hashing it.
 *
 * @module
 */
import { walkValue, type ValueFolder, type ValueProblem } from "./value-walker.js";

const noop = (): undefined => undefined;

/** A folder that builds nothing: walking with it only finds problems. */
const checkFolder: ValueFolder<undefined> = {
  primitive: noop,
  array: noop,
  object: noop,
  map: noop,
  set: noop,
  date: noop,
  regexp: noop,
  url: noop,
  error: noop,
  bytes: noop,
  toJSON: noop,
  cycle: noop,
};

/**
 * Whether `value` can be hashed by value, and if not, where and why.
 *
 * @param root - the name of the value in the problem's path.
 *
 * @example
 * ```ts
 * checkHashable({ db: new PgClient() }, "args");
 * // { ok: false, problem: { path: "args.db", typeName: "PgClient instance", reason: "…" } }
 * ```
 */
export function checkHashable(
  value: unknown,
  root = "value",
): { readonly ok: true } | { readonly ok: false; readonly problem: ValueProblem } {
  const result = walkValue(value, checkFolder, { root, cycles: "fail" });
  return result.ok ? { ok: true } : result;
}

/**
 * True when `value` is data that {@link hashValue} accepts.
 *
 * @example
 * ```ts
 * isHashable({ when: new Date() }); // true
 * isHashable({ run: () => 1 });     // false
 * ```
 */
export function isHashable(value: unknown): boolean {
  return checkHashable(value).ok;
}
