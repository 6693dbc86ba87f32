/**
 * A bound on how deeply a free-form JSON field of a request may nest.
 *
 * `JSON.parse` reads a body nested a hundred thousand levels deep, but what the server
 * does next with a free-form field (stringify it for the database or as a cache key,
 * hash it, compile it as a JSON Schema) recurses and overflows the stack: a 500, and
 * sometimes after part of the request was written. Fields typed `unknown` or records of
 * `unknown` are therefore checked here, at the boundary, before anything else sees them.
 *
 * @module
 */
import type { z } from "zod";

/** The deepest nesting of arrays and objects accepted in a free-form JSON field. */
export const MAX_JSON_DEPTH = 64;

/**
 * True when `value` nests arrays and objects at most `max` levels deep (a scalar is 0
 * deep, `{}` and `[]` are 1). It stops at the limit, so a deep or cyclic value costs no
 * more than `max` frames.
 */
export function isWithinJsonDepth(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  if (value === null || typeof value !== "object") return true;
  if (max <= 0) return false;
  const items: readonly unknown[] = Array.isArray(value) ? value : Object.values(value);
  return items.every((item) => isWithinJsonDepth(item, max - 1));
}

/**
 * `schema`, refusing values nested more than {@link MAX_JSON_DEPTH} levels deep.
 *
 * @example
 * ```ts
 * const InputSchema = boundedJson(z.record(z.string(), z.unknown()));
 * InputSchema.safeParse(JSON.parse("{\"a\":".repeat(100) + "1" + "}".repeat(100))).success; // false
 * ```
 */
export function boundedJson<S extends z.ZodType>(schema: S) {
  return schema.refine((value) => isWithinJsonDepth(value), {
    message: `nested more than ${MAX_JSON_DEPTH} levels deep`,
  });
}
