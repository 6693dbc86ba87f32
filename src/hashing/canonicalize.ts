/**
 * The canonical text of a value: equal values give equal text, different values (and
 * different types) give different text. Hashes and cache keys are computed from it.
 *
 * The rules, by kind (the text is a JSON-like notation and is stable across versions of
 * Ordo that keep the same cache-key version):
 *
 * | value | canonical text |
 * |---|---|
 * | `undefined`, `null`, `true`, `false` | `undefined`, `null`, `true`, `false` |
 * | numbers | shortest round-trip form; `NaN`, `Infinity`, `-Infinity`, `-0` spelled out |
 * | bigints | digits and `n`: `1n` (so `1`, `1n` and `"1"` all differ) |
 * | strings | JSON string: `"1"` |
 * | arrays | `[a,b]`, in order |
 * | plain objects | `{"k":v,…}`, entries sorted by key (UTF-16 code units), so key order does not matter; a key holding `undefined` is kept (`{a: undefined}` ≠ `{}`); a null-prototype object equals a plain one; symbol keys are ignored |
 * | `Date` | `Date(<epoch ms>)`, `Date(NaN)` when invalid |
 * | `Map` | `Map{k=>v,…}`, entries sorted by their canonical text |
 * | `Set` | `Set{a,…}`, members sorted by their canonical text |
 * | `RegExp`, `URL` | `RegExp("source","flags")`, `URL("href")` |
 * | `Error` | `Error("name","message")`, plus `,cause` when it has a cause |
 * | typed arrays, `DataView`, `ArrayBuffer` | `<Type>(<base64 of the bytes>)`; a `Buffer` is a `Uint8Array`, so a Buffer and a Uint8Array of the same bytes are equal |
 * | objects with `toJSON()` | the canonical text of what `toJSON()` returns (so a `Decimal` equals its string) |
 * | functions, symbols, other class instances, cycles | `OrdoError` `ORDO_UNHASHABLE_INPUT` naming the path and type |
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import { walkValue, type Primitive, type ValueFolder, type ValueProblem } from "./value-walker.js";

// Strings without `"`, `\`, control characters or surrogates need no JSON escaping.
const PLAIN_STRING = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** The JSON text of a string, skipping `JSON.stringify` when nothing needs escaping. */
function quote(text: string): string {
  return text.length < 64 && PLAIN_STRING.test(text) ? `"${text}"` : JSON.stringify(text);
}

function primitiveText(value: Primitive): string {
  switch (typeof value) {
    case "string":
      return quote(value);
    case "number":
      return value === 0 && 1 / value < 0 ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    default:
      return String(value);
  }
}

/** The positions of `keys` in ascending key order (insertion sort: objects are small). */
function keyOrder(keys: readonly string[]): number[] {
  const order: number[] = [0];
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i] as string;
    let j = i - 1;
    while (j >= 0 && (keys[order[j] as number] as string) > key) {
      order[j + 1] = order[j] as number;
      j--;
    }
    order[j + 1] = i;
  }
  return order;
}

/** `{"k":v,…}` with entries in key order (UTF-16 code units); keys are unique. */
function objectText(keys: readonly string[], values: readonly string[]): string {
  const n = keys.length;
  let inOrder = true;
  for (let i = 1; i < n; i++) {
    if ((keys[i - 1] as string) > (keys[i] as string)) {
      inOrder = false;
      break;
    }
  }
  let text = "{";
  if (inOrder) {
    for (let i = 0; i < n; i++) text += `${i === 0 ? "" : ","}${quote(keys[i] as string)}:${values[i]}`;
  } else {
    const order =
      n <= 16
        ? keyOrder(keys)
        : Array.from(keys, (_key, i) => i).sort((a, b) =>
            (keys[a] as string) < (keys[b] as string) ? -1 : 1,
          );
    for (let i = 0; i < n; i++) {
      const at = order[i] as number;
      text += `${i === 0 ? "" : ","}${quote(keys[at] as string)}:${values[at]}`;
    }
  }
  return `${text}}`;
}

function sortedJoin(parts: string[]): string {
  return parts.length < 2 ? (parts[0] ?? "") : parts.sort().join(",");
}

function bytesText(kind: string, bytes: Uint8Array): string {
  const type = kind === "Buffer" ? "Uint8Array" : kind;
  return `${type}(${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64")})`;
}

/**
 * The canonical text of an array whose items are all primitives (a task's arguments,
 * usually), as the walker would give it; undefined when an item is not a primitive.
 */
function primitiveArrayText(value: readonly unknown[]): string | undefined {
  let text = "[";
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    const type = typeof item;
    if ((type === "object" && item !== null) || type === "function" || type === "symbol") return undefined;
    text += i === 0 ? primitiveText(item as Primitive) : `,${primitiveText(item as Primitive)}`;
  }
  return `${text}]`;
}

const canonicalFolder: ValueFolder<string> = {
  primitive: primitiveText,
  array: (_value, items) => `[${items.join(",")}]`,
  object: (_value, keys, values) => objectText(keys, values),
  map(_value, keys, values) {
    const entries: string[] = [];
    for (let i = 0; i < keys.length; i++) entries.push(`${keys[i]}=>${values[i]}`);
    return `Map{${sortedJoin(entries)}}`;
  },
  set: (_value, members) => `Set{${sortedJoin(members)}}`,
  date: (value) => `Date(${value.getTime()})`,
  regexp: (value) => `RegExp(${JSON.stringify(value.source)},${JSON.stringify(value.flags)})`,
  url: (value) => `URL(${JSON.stringify(value.href)})`,
  error: (value, cause) =>
    `Error(${JSON.stringify(String(value.name))},${JSON.stringify(String(value.message))}${cause === undefined ? "" : `,${cause.folded}`})`,
  bytes: (_value, kind, bytes) => bytesText(kind, bytes),
  toJSON: (_value, json) => json,
  cycle: () => "cycle",
};

/**
 * Builds the `ORDO_UNHASHABLE_INPUT` error for a problem found while hashing.
 *
 * @example
 * ```ts
 * throw unhashableError({ path: "args[1].client", typeName: "PgClient instance", reason: "…" });
 * ```
 */
export function unhashableError(problem: ValueProblem): OrdoError {
  return new OrdoError(
    "ORDO_UNHASHABLE_INPUT",
    `cannot hash ${problem.path}: it is a ${problem.typeName} (${problem.reason}); ` +
      "pass a cacheKey function that leaves it out, or give it a toJSON() method",
    { path: problem.path, type: problem.typeName },
  );
}

/**
 * The canonical text of `value` (see the module documentation for the rules).
 *
 * @param root - the name of the value in error paths, e.g. `args` gives `args[1].client`.
 * @throws OrdoError `ORDO_UNHASHABLE_INPUT` for functions, symbols, class instances
 *   without `toJSON()` and cycles; the message names the path and the type.
 *
 * @example
 * ```ts
 * canonicalize({ b: 1, a: [1n, "1"] });          // '{"a":[1n,"1"],"b":1}'
 * canonicalize(new Set([2, 1]));                 // "Set{1,2}"
 * canonicalize([() => 1], "args");               // throws: cannot hash args[0]: it is a function …
 * ```
 */
export function canonicalize(value: unknown, root = "value"): string {
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
    case "bigint":
    case "undefined":
      return primitiveText(value);
  }
  if (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) {
    const text = primitiveArrayText(value);
    if (text !== undefined) return text;
  }
  const result = walkValue(value, canonicalFolder, { root, cycles: "fail" });
  if (!result.ok) throw unhashableError(result.problem);
  return result.value;
}
