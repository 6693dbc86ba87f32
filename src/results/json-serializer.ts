/**
 * The `json` serializer: superjson documents, with a fast path for plain JSON.
 *
 * Data format: a superjson document, `{"json": <JSON>, "meta": <annotations>?}`, so any
 * superjson reader can read it. When the value is plain JSON data (no `undefined`,
 * bigint, non-finite number, `-0`, Date, Map, …, no cycles), the text is
 * `{"json":` + `JSON.stringify(value)` + `}`, exactly what superjson would write, made
 * without superjson's walk; small primitives take a shortcut that skips even the check.
 *
 * Round-trips exactly: `undefined` (also as an object property), bigint, `NaN`,
 * `±Infinity`, `-0`, Date (also invalid ones), Map, Set, RegExp (source and flags), URL,
 * typed arrays (including BigInt64Array, by their bytes), Buffer (as a Buffer), DataView,
 * ArrayBuffer, and cycles. Errors keep `name`, `message` and `cause`
 * (they come back as `Error`, not their subclass). Objects with `toJSON()` are stored as
 * what `toJSON()` returns. Null-prototype objects come back as plain objects, array holes
 * as `null`, symbol keys are not stored. An object referenced twice (not a cycle) is
 * stored twice, as `JSON.stringify` does, unless the value also needs superjson's
 * annotations, in which case superjson keeps the sharing.
 *
 * @module
 */
import SuperJSON, { type SuperJSONResult, type SuperJSONValue } from "superjson";
import { walkValue, type ValueFolder } from "../hashing/value-walker.js";
import { inspectSerializable } from "./check-serializable.js";
import type { SerializeOutcome, TextSerializer } from "./serializer.js";

type TypedArray =
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

const TYPED_ARRAYS: Readonly<Record<string, new (buffer: ArrayBuffer) => TypedArray>> = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
};

const toBase64 = (view: ArrayBufferView): string =>
  Buffer.from(view.buffer, view.byteOffset, view.byteLength).toString("base64");

/** A fresh, exactly-sized ArrayBuffer holding the decoded bytes. */
function fromBase64(text: string): ArrayBuffer {
  const decoded = Buffer.from(text, "base64");
  const buffer = new ArrayBuffer(decoded.byteLength);
  new Uint8Array(buffer).set(decoded);
  return buffer;
}

const superjson = new SuperJSON();
// Custom rules are tried before superjson's own, in registration order.
superjson.registerCustom<Buffer, string>(
  {
    isApplicable: (v): v is Buffer => Buffer.isBuffer(v),
    serialize: (v) => v.toString("base64"),
    deserialize: (s) => Buffer.from(s, "base64"),
  },
  "Buffer",
);
superjson.registerCustom<TypedArray, string>(
  {
    isApplicable: (v): v is TypedArray => ArrayBuffer.isView(v) && !(v instanceof DataView),
    serialize: (v) => `${Object.prototype.toString.call(v).slice(8, -1)}:${toBase64(v)}`,
    deserialize: (s) => {
      const colon = s.indexOf(":");
      const Ctor = TYPED_ARRAYS[s.slice(0, colon)];
      if (Ctor === undefined) throw new Error(`unknown typed array type in "${s.slice(0, 40)}"`);
      return new Ctor(fromBase64(s.slice(colon + 1)));
    },
  },
  "TypedArray",
);
superjson.registerCustom<DataView, string>(
  {
    isApplicable: (v): v is DataView => v instanceof DataView,
    serialize: toBase64,
    deserialize: (s) => new DataView(fromBase64(s)),
  },
  "DataView",
);
superjson.registerCustom<ArrayBuffer, string>(
  {
    isApplicable: (v): v is ArrayBuffer => v instanceof ArrayBuffer,
    serialize: (v) => Buffer.from(v).toString("base64"),
    deserialize: fromBase64,
  },
  "ArrayBuffer",
);
superjson.registerCustom<Date, null>(
  {
    isApplicable: (v): v is Date => v instanceof Date && Number.isNaN(v.getTime()),
    serialize: () => null,
    deserialize: () => new Date(NaN),
  },
  "InvalidDate",
);

const UNDEFINED_TEXT = JSON.stringify(superjson.serialize(undefined));
const NULL_TEXT = '{"json":null}';

/** Rebuilds a value with every `toJSON()` object replaced by what it returns. */
const applyToJSON: ValueFolder<unknown> = {
  primitive: (value) => value,
  array: (_value, items) => items,
  object(_value, keys, values) {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) out[keys[i] as string] = values[i];
    return out;
  },
  map: (_value, keys, values) => new Map(keys.map((key, i) => [key, values[i]])),
  set: (_value, members) => new Set(members),
  date: (value) => value,
  regexp: (value) => value,
  url: (value) => value,
  error(value, cause) {
    if (cause === undefined) return value;
    const error = new Error(value.message, { cause: cause.folded });
    error.name = value.name;
    return error;
  },
  bytes: (value) => value,
  toJSON: (_value, json) => json,
  cycle: (value) => value,
};

function ok(data: string): SerializeOutcome<string> {
  return { ok: true, data };
}

function serialize(value: unknown): SerializeOutcome<string> {
  switch (typeof value) {
    case "string":
      return ok(`{"json":${JSON.stringify(value)}}`);
    case "boolean":
      return ok(value ? '{"json":true}' : '{"json":false}');
    case "number":
      if (Number.isFinite(value) && !(value === 0 && 1 / value < 0)) return ok(`{"json":${value}}`);
      break;
    case "undefined":
      return ok(UNDEFINED_TEXT);
    case "object":
      if (value === null) return ok(NULL_TEXT);
  }
  const inspection = inspectSerializable(value);
  if (!inspection.ok) return inspection;
  if (inspection.plainJson) return ok(`{"json":${JSON.stringify(value)}}`);
  let input = value;
  if (inspection.hasToJSON) {
    const rebuilt = walkValue(value, applyToJSON, { root: "result", cycles: "fold" });
    if (!rebuilt.ok) return { ok: false, reason: rebuilt.problem.reason, path: rebuilt.problem.path };
    input = rebuilt.value;
  }
  try {
    return ok(JSON.stringify(superjson.serialize(input as SuperJSONValue)));
  } catch (error) {
    return { ok: false, path: "result", reason: `superjson could not serialize the value: ${String(error)}` };
  }
}

function deserialize(text: string): unknown {
  if (text === UNDEFINED_TEXT) return undefined;
  const document = JSON.parse(text) as Partial<SuperJSONResult> | null;
  if (typeof document !== "object" || document === null || !("json" in document)) {
    throw new Error('the text is not a json-serializer document (expected {"json": …})');
  }
  if (document.meta === undefined) return document.json;
  return superjson.deserialize(document as SuperJSONResult, { inPlace: true });
}

/**
 * The `json` serializer (the default): superjson text that keeps Date, Map, Set, BigInt,
 * `undefined`, RegExp, URL, Error, typed arrays, Buffers and cycles; see the
 * module documentation for the exact rules. Values that are not data (functions,
 * symbols, class instances without `toJSON()`) are refused with the path of the
 * offending part.
 *
 * @example
 * ```ts
 * const out = JSON_SERIALIZER.serialize({ at: new Date(0), ids: new Set([1n]) });
 * if (out.ok) JSON_SERIALIZER.deserialize(out.data); // { at: Date(0), ids: Set { 1n } }
 * ```
 */
export const JSON_SERIALIZER: TextSerializer = {
  name: "json",
  format: "text",
  serialize,
  deserialize,
};
