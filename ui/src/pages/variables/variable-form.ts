/**
 * The variable editor's rules, checked before anything is sent: the server's name rule
 * (`src/schemas/variable.ts`, kept equal by a test), JSON values, tags and sizes.
 *
 * @module
 */

/** The server's name rule: 1–255 lowercase letters, digits, `_` or `-`, starting with a letter or digit. */
export const VARIABLE_NAME_PATTERN = /^[a-z0-9][a-z0-9_-]{0,254}$/;

/** The server's largest value, in bytes of JSON (the server answers 422 above it). */
export const MAX_VARIABLE_VALUE_BYTES = 64 * 1024;

/**
 * Why `name` is not a valid variable name, or `undefined` when it is.
 *
 * @example
 * ```ts
 * variableNameProblem("db_url"); // undefined
 * variableNameProblem("DB URL"); // "Use 1–255 lowercase letters, …"
 * ```
 */
export function variableNameProblem(name: string): string | undefined {
  if (name === "") return "Enter a name.";
  if (VARIABLE_NAME_PATTERN.test(name)) return undefined;
  if (name.length > 255) return "A name has at most 255 characters.";
  return "Use lowercase letters, digits, '_' or '-', starting with a letter or digit.";
}

/** A parsed value, or why the text is not JSON. */
export type ParsedValue =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

/**
 * The JSON value written in the editor. Strings need their quotes (`"hello"`): the
 * editor holds JSON, not the CLI's "JSON when it parses, else a string".
 */
export function parseJsonValue(text: string): ParsedValue {
  if (text.trim() === "")
    return { ok: false, message: 'Enter a JSON value (a string needs quotes: "text").' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `Not JSON: ${reason}` };
  }
}

/** Tags from "a, b , c": trimmed, without empties or repeats, in the order written. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((tag) => tag.trim()))].filter((tag) => tag !== "");
}

/** The value's size as the server counts it: bytes of its JSON text. */
export function jsonByteLength(value: unknown): number {
  const text = JSON.stringify(value) as string | undefined;
  return text === undefined ? 0 : new TextEncoder().encode(text).length;
}

/** The value as it is edited: pretty JSON. */
export function valueToEditorText(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? "null";
}

/** A one-line preview of a value: compact JSON, cut at `max` characters with "…". */
export function valuePreview(value: unknown, max = 80): string {
  const text = JSON.stringify(value) ?? "null";
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "512 B", "12.3 KB" (1 KB = 1024 B, as the server's limit). */
export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${Math.round((bytes / 1024) * 10) / 10} KB`;
}
