/**
 * zod schemas of variables: named JSON values shared by flows, the CLI and the UI.
 *
 * @module
 */
import { z } from "zod";

/** The largest variable value, in bytes of JSON. */
export const MAX_VARIABLE_VALUE_BYTES = 64 * 1024;

/** A variable name: lowercase letters, digits, `_` and `-`, starting with a letter or digit. */
export const VariableNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,254}$/, "use 1–255 lowercase letters, digits, '_' or '-'");

/** True for plain JSON: null, booleans, finite numbers, strings, arrays and plain objects of them. */
export function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.values(value).every((item) => isJsonValue(item, depth + 1));
  }
  return false;
}

/** The size of a value's JSON text in bytes (0 for a value with no JSON form). */
export function jsonByteLength(value: unknown): number {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? 0 : Buffer.byteLength(text);
}

/**
 * A JSON value. (Not `z.json()`: the OpenAPI generator cannot walk a recursive schema.)
 */
export const JsonValueSchema = z
  .unknown()
  // `abort`: later checks (the size, which stringifies) never see a value that is not JSON.
  .refine((value) => value !== undefined && isJsonValue(value), {
    message: "expected a JSON value",
    abort: true,
  });

/** A JSON value no larger than {@link MAX_VARIABLE_VALUE_BYTES}. */
export const VariableValueSchema = JsonValueSchema.refine(
  (value) => jsonByteLength(value) <= MAX_VARIABLE_VALUE_BYTES,
  { message: `the value is larger than ${MAX_VARIABLE_VALUE_BYTES} bytes of JSON` },
);

/** A variable. */
export const VariableSchema = z.object({
  id: z.string(),
  name: z.string(),
  value: z.unknown(),
  tags: z.array(z.string()),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
/** A variable. */
export type Variable = z.infer<typeof VariableSchema>;

/** Setting a variable (created when missing, replaced otherwise). */
export const VariableSetSchema = z.object({
  name: VariableNameSchema,
  value: VariableValueSchema,
  tags: z.array(z.string().max(200)).max(100).optional(),
});
/** Setting a variable. */
export type VariableSet = z.input<typeof VariableSetSchema>;

/** Which variables to list, by name. */
export const VariableFilterSchema = z.object({
  namePrefix: z.string().max(255).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
  offset: z.number().int().min(0).default(0),
});
/** Which variables to list. */
export type VariableFilter = z.input<typeof VariableFilterSchema>;
