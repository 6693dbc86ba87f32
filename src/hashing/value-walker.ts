/**
 * The one walker over argument and result values.
 *
 * Hashing (`canonicalize`) and the result serializability check (`checkSerializable`)
 * both walk values with {@link walkValue}, so they agree on what "a value" is:
 *
 * | kind | taken as |
 * |---|---|
 * | `undefined`, `null`, booleans, numbers (with `NaN`, `±Infinity`, `-0`), bigints, strings | themselves |
 * | arrays | their items, in order (holes read as `undefined`; extra properties ignored) |
 * | plain objects (prototype `Object.prototype` or `null`) | their own enumerable string keys |
 * | `Date`, `Map`, `Set`, `RegExp`, `URL` (exact classes) | their contents |
 * | `Error` and its subclasses | `name`, `message` and `cause` |
 * | typed arrays, `Buffer`, `DataView`, `ArrayBuffer` | their bytes |
 * | other objects with a `toJSON()` method | what `toJSON()` returns |
 * | functions, symbols, other class instances (Promise, streams, clients, …) | not data: a problem |
 *
 * A value that contains itself is a cycle: a problem, or folded with `cycle()` when the
 * caller can represent cycles. An object met a second time elsewhere (shared, not a
 * cycle) is simply walked again, as `JSON.stringify` would.
 *
 * @module
 */
import { describeType, unsupportedHint } from "./describe-value.js";
import { formatPath, type PathSegment } from "./value-path.js";

/**
 * A value that is its own leaf: `undefined`, `null`, a boolean, number, bigint or string.
 *
 * @example
 * ```ts
 * const leaves: Primitive[] = [undefined, null, true, 1, 1n, "1"];
 * ```
 */
export type Primitive = string | number | bigint | boolean | null | undefined;

/**
 * Why a value cannot be walked, and where the offending part is.
 *
 * @example
 * ```ts
 * const r = walkValue(value, folder, { root: "args", cycles: "fail" });
 * if (!r.ok) console.log(`${r.problem.path} is a ${r.problem.typeName}`);
 * ```
 */
export interface ValueProblem {
  /** A JavaScript expression from the root to the offending part, e.g. `args[1].client`. */
  readonly path: string;
  /** The offending part's type, e.g. `PgClient instance`, `function load`, `cycle`. */
  readonly typeName: string;
  /** Why it is not data, and what to do about it. */
  readonly reason: string;
}

/**
 * Turns the parts of a value into a result of type `R`, bottom-up. Each method receives
 * the original object and the folded children.
 *
 * @example
 * ```ts
 * const depth: ValueFolder<number> = { primitive: () => 0, array: (_v, xs) => 1 + Math.max(0, ...xs), … };
 * ```
 */
export interface ValueFolder<R> {
  primitive(value: Primitive): R;
  array(value: readonly unknown[], items: R[]): R;
  /** A plain object; `keys` are its own enumerable string keys in property order. */
  object(value: object, keys: readonly string[], values: R[]): R;
  map(value: ReadonlyMap<unknown, unknown>, keys: R[], values: R[]): R;
  set(value: ReadonlySet<unknown>, members: R[]): R;
  date(value: Date): R;
  regexp(value: RegExp): R;
  url(value: URL): R;
  /** An `Error`; `cause` is the folded `cause` when the error has one (`"cause" in error`). */
  error(value: Error, cause: { readonly folded: R } | undefined): R;
  /**
   * Bytes: `kind` is `Buffer`, `ArrayBuffer`, `DataView` or the typed array's class
   * name (`Uint8Array`, `Float64Array`, …); `bytes` views exactly the value's bytes.
   */
  bytes(value: ArrayBufferView | ArrayBuffer, kind: string, bytes: Uint8Array): R;
  /** A class instance with `toJSON()`: `json` is the folded result of `toJSON()`. */
  toJSON(value: object, json: R): R;
  /** An object that is one of its own ancestors (only with `cycles: "fold"`). */
  cycle(value: object): R;
}

/**
 * How {@link walkValue} treats the value.
 *
 * @example
 * ```ts
 * walkValue(result, folder, { root: "result", cycles: "fold" });
 * ```
 */
export interface WalkOptions {
  /** The name of the whole value in problem paths, e.g. `args` or `result`. */
  readonly root: string;
  /** `"fail"`: a cycle is a problem; `"fold"`: the folder's `cycle()` represents it. */
  readonly cycles: "fail" | "fold";
}

/**
 * The outcome of {@link walkValue}.
 *
 * @example
 * ```ts
 * const r: WalkResult<string> = walkValue(args, canonicalFolder, { root: "args", cycles: "fail" });
 * ```
 */
export type WalkResult<R> =
  { readonly ok: true; readonly value: R } | { readonly ok: false; readonly problem: ValueProblem };

/**
 * Containers may nest this deep; deeper values are a problem rather than a stack overflow.
 *
 * @example
 * ```ts
 * let deep: unknown = 1;
 * for (let i = 0; i <= MAX_DEPTH; i++) deep = [deep];
 * isHashable(deep); // false
 * ```
 */
export const MAX_DEPTH = 1000;

class WalkStop extends Error {
  constructor(readonly problem: ValueProblem) {
    super(problem.reason);
  }
}

const TO_JSON: PathSegment = { step: "to-json" };
const CAUSE: PathSegment = { step: "cause" };

function bytesKind(view: ArrayBufferView): string {
  if (Buffer.isBuffer(view)) return "Buffer";
  if (view instanceof DataView) return "DataView";
  return Object.prototype.toString.call(view).slice(8, -1);
}

class Walker<R> {
  readonly #folder: ValueFolder<R>;
  readonly #options: WalkOptions;
  readonly #ancestors: object[] = [];
  readonly #segments: PathSegment[] = [];

  constructor(folder: ValueFolder<R>, options: WalkOptions) {
    this.#folder = folder;
    this.#options = options;
  }

  visit(value: unknown): R {
    switch (typeof value) {
      case "string":
      case "number":
      case "boolean":
      case "bigint":
      case "undefined":
        return this.#folder.primitive(value);
      case "object":
        return value === null ? this.#folder.primitive(null) : this.#visitObject(value, true);
      default:
        throw this.#stop(describeType(value), unsupportedHint(value));
    }
  }

  #visitObject(value: object, allowToJSON: boolean): R {
    const ancestors = this.#ancestors;
    if (ancestors.includes(value)) {
      if (this.#options.cycles === "fold") return this.#folder.cycle(value);
      throw this.#stop("cycle", "the value contains itself; cyclic values are not supported here");
    }
    if (ancestors.length >= MAX_DEPTH) {
      throw this.#stop(describeType(value), `the value is nested more than ${MAX_DEPTH} levels deep`);
    }
    ancestors.push(value);
    const result = this.#fold(value, allowToJSON);
    ancestors.pop();
    return result;
  }

  #fold(value: object, allowToJSON: boolean): R {
    const folder = this.#folder;
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto === Object.prototype || proto === null) return this.#plainObject(value);
    if (Array.isArray(value)) return this.#array(value);
    if (proto === Date.prototype) return folder.date(value as Date);
    if (proto === Map.prototype) return this.#map(value as Map<unknown, unknown>);
    if (proto === Set.prototype) return this.#set(value as Set<unknown>);
    if (ArrayBuffer.isView(value)) {
      return folder.bytes(
        value,
        bytesKind(value),
        new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
      );
    }
    if (proto === ArrayBuffer.prototype) {
      return folder.bytes(value as ArrayBuffer, "ArrayBuffer", new Uint8Array(value as ArrayBuffer));
    }
    if (proto === RegExp.prototype) return folder.regexp(value as RegExp);
    if (proto === URL.prototype) return folder.url(value as URL);
    if (value instanceof Error) return this.#error(value);
    const toJSON: unknown = allowToJSON ? (value as { toJSON?: unknown }).toJSON : undefined;
    if (typeof toJSON === "function") {
      this.#segments.push(TO_JSON);
      const json: unknown = toJSON.call(value);
      const folded =
        typeof json === "object" && json !== null ? this.#visitObject(json, false) : this.visit(json);
      this.#segments.pop();
      return folder.toJSON(value, folded);
    }
    throw this.#stop(describeType(value), unsupportedHint(value));
  }

  #plainObject(value: object): R {
    const keys = Object.keys(value);
    const values: R[] = [];
    const segments = this.#segments;
    for (const key of keys) {
      segments.push(key);
      values.push(this.visit((value as Record<string, unknown>)[key]));
      segments.pop();
    }
    return this.#folder.object(value, keys, values);
  }

  #array(value: readonly unknown[]): R {
    const items: R[] = [];
    const segments = this.#segments;
    for (let i = 0; i < value.length; i++) {
      segments.push(i);
      items.push(this.visit(value[i]));
      segments.pop();
    }
    return this.#folder.array(value, items);
  }

  #map(value: Map<unknown, unknown>): R {
    const keys: R[] = [];
    const values: R[] = [];
    const segments = this.#segments;
    let index = 0;
    for (const [key, entry] of value) {
      segments.push({ step: "map-key", index });
      keys.push(this.visit(key));
      segments.pop();
      segments.push({ step: "map-value", index, key });
      values.push(this.visit(entry));
      segments.pop();
      index++;
    }
    return this.#folder.map(value, keys, values);
  }

  #set(value: Set<unknown>): R {
    const members: R[] = [];
    const segments = this.#segments;
    let index = 0;
    for (const member of value) {
      segments.push({ step: "set-member", index });
      members.push(this.visit(member));
      segments.pop();
      index++;
    }
    return this.#folder.set(value, members);
  }

  #error(value: Error): R {
    if (!("cause" in value)) return this.#folder.error(value, undefined);
    this.#segments.push(CAUSE);
    const folded = this.visit(value.cause);
    this.#segments.pop();
    return this.#folder.error(value, { folded });
  }

  #stop(typeName: string, reason: string): WalkStop {
    return new WalkStop({ path: formatPath(this.#options.root, this.#segments), typeName, reason });
  }
}

/**
 * Walks `value` depth-first and folds it with `folder`. Unsupported parts (functions,
 * symbols, class instances without `toJSON()`, cycles when `cycles` is `"fail"`) end the
 * walk with a {@link ValueProblem} naming their path; errors thrown by user code (a
 * getter, a `toJSON()`) propagate unchanged.
 *
 * @example
 * ```ts
 * const countLeaves: ValueFolder<number> = { primitive: () => 1, array: (_, xs) => xs.reduce((a, b) => a + b, 0), … };
 * const r = walkValue({ a: [1, 2] }, countLeaves, { root: "value", cycles: "fail" });
 * if (r.ok) console.log(r.value); else console.log(r.problem.path);
 * ```
 */
export function walkValue<R>(value: unknown, folder: ValueFolder<R>, options: WalkOptions): WalkResult<R> {
  const walker = new Walker(folder, options);
  try {
    return { ok: true, value: walker.visit(value) };
  } catch (error) {
    if (error instanceof WalkStop) return { ok: false, problem: error.problem };
    throw error;
  }
}
