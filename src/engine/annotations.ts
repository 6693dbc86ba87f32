/**
 * Argument annotations: `unmapped`, `allowFailure` and `quote`.
 *
 * @module
 */

const UNMAPPED = Symbol.for("ordo.unmapped");
const ALLOW_FAILURE = Symbol.for("ordo.allow-failure");
const QUOTE = Symbol.for("ordo.quote");

/** `unmapped(x)`: passes `x` whole to every call of `t.map(…)`. */
export interface Unmapped<T> {
  readonly [UNMAPPED]: true;
  readonly value: T;
}
/** `allowFailure(f)`: the downstream task runs even if `f` failed. */
export interface AllowFailure<T> {
  readonly [ALLOW_FAILURE]: true;
  readonly value: T;
}
/** `quote(x)`: passes `x` untouched: no future resolution inside it. */
export interface Quote<T> {
  readonly [QUOTE]: true;
  readonly value: T;
}

/**
 * Passes a value whole to every call of `t.map(…)` instead of iterating it.
 *
 * @example
 * ```ts
 * const scaled = scale.map([1, 2, 3], unmapped(10)); // scale(1, 10), scale(2, 10), scale(3, 10)
 * ```
 */
export function unmapped<T>(value: T): Unmapped<T> {
  return { [UNMAPPED]: true, value };
}

/**
 * Lets a downstream task run even when the wrapped future failed. In `waitFor` it only
 * orders; as an argument the task receives the upstream error instead of a value.
 *
 * @example
 * ```ts
 * const cleanup = clean.with({ waitFor: [allowFailure(risky.submit())] }).submit();
 * ```
 */
export function allowFailure<T>(value: T): AllowFailure<T> {
  return { [ALLOW_FAILURE]: true, value };
}

/**
 * Passes a value to a task untouched: futures and promises inside it are not resolved and
 * no dependency is recorded.
 *
 * @example
 * ```ts
 * await inspect(quote({ pending: someFuture }));
 * ```
 */
export function quote<T>(value: T): Quote<T> {
  return { [QUOTE]: true, value };
}

/** True for `unmapped(x)`. */
export function isUnmapped(value: unknown): value is Unmapped<unknown> {
  return typeof value === "object" && value !== null && UNMAPPED in value;
}
/** True for `allowFailure(x)`. */
export function isAllowFailure(value: unknown): value is AllowFailure<unknown> {
  return typeof value === "object" && value !== null && ALLOW_FAILURE in value;
}
/** True for `quote(x)`. */
export function isQuote(value: unknown): value is Quote<unknown> {
  return typeof value === "object" && value !== null && QUOTE in value;
}
