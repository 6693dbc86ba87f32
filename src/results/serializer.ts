/**
 * Serializers: how a result value becomes stored data and back.
 *
 * @module
 */

/**
 * The outcome of serializing: the data, or why the value cannot be stored.
 *
 * @example
 * ```ts
 * const out: SerializeOutcome<string> = JSON_SERIALIZER.serialize(value);
 * if (out.ok) console.log(out.data.length);
 * ```
 */
export type SerializeOutcome<D> =
  | { readonly ok: true; readonly data: D }
  | {
      readonly ok: false;
      /** For people: the offending part, its type and what to do. */
      readonly reason: string;
      /** A JavaScript expression locating the offending part, e.g. `result.client`. */
      readonly path: string;
    };

/**
 * A serializer whose data is text: stored inline as it is, in result storage as UTF-8.
 *
 * @example
 * ```ts
 * const upper: TextSerializer = {
 *   name: "upper", format: "text",
 *   serialize: (v) => (typeof v === "string" ? { ok: true, data: v.toUpperCase() } : { ok: false, reason: "not a string", path: "result" }),
 *   deserialize: (text) => text,
 * };
 * ```
 */
export interface TextSerializer {
  /** Recorded in every result reference; must stay stable. */
  readonly name: string;
  readonly format: "text";
  /** Checks and serializes in one pass; never throws for unsupported values. */
  serialize(value: unknown): SerializeOutcome<string>;
  deserialize(text: string): unknown;
}

/**
 * A serializer whose data is bytes: stored inline as base64 text, in result storage as
 * the bytes themselves.
 *
 * @example
 * ```ts
 * const result = BYTES_SERIALIZER.serialize(new Uint8Array([1, 2])); // { ok: true, data: Uint8Array [1, 2] }
 * ```
 */
export interface BinarySerializer {
  /** Recorded in every result reference; must stay stable. */
  readonly name: string;
  readonly format: "binary";
  /** Checks and serializes in one pass; never throws for unsupported values. */
  serialize(value: unknown): SerializeOutcome<Uint8Array>;
  deserialize(bytes: Uint8Array): unknown;
}

/**
 * A result serializer: text (inline as is) or binary (inline as base64). Ordo ships
 * `json` ({@link JSON_SERIALIZER}) and `bytes` ({@link BYTES_SERIALIZER}).
 *
 * @example
 * ```ts
 * const s: Serializer = getSerializer("json");
 * ```
 */
export type Serializer = TextSerializer | BinarySerializer;
