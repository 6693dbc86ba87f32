/**
 * Showing setting values without giving secrets away: masked secrets (`****abcd`) and
 * hidden passwords in URLs (`postgres://ordo:****@db/ordo`).
 *
 * @module
 */
import type { SettingDefinition } from "./setting-definition.js";

/** Secrets up to this length are shown as `****` alone: their last characters would say too much. */
const SHORT_SECRET = 8;

/** `text` as a URL with a password, or `undefined`. */
function urlWithPassword(text: string): URL | undefined {
  if (!text.includes("://")) return undefined;
  try {
    const url = new URL(text);
    return url.password === "" ? undefined : url;
  } catch {
    return undefined;
  }
}

/**
 * Hides the password of a URL such as `postgres://user:secret@host/db`; other text is
 * returned as is.
 *
 * @example
 * ```ts
 * redactUrlPassword("postgres://ordo:secret@db:5432/ordo"); // "postgres://ordo:****@db:5432/ordo"
 * redactUrlPassword("http://127.0.0.1:4200/api");           // unchanged
 * ```
 */
export function redactUrlPassword(text: string): string {
  const url = urlWithPassword(text);
  if (url === undefined) return text;
  url.password = "****";
  return url.toString();
}

/**
 * Masks a secret: a URL keeps everything but its password; other text shows only its
 * last four characters (`****abcd`), or nothing (`****`) when it is short.
 *
 * @example
 * ```ts
 * maskSecret("sk_live_0123456789abcd");        // "****abcd"
 * maskSecret("short");                         // "****"
 * maskSecret("postgres://u:pw@db/ordo");       // "postgres://u:****@db/ordo"
 * ```
 */
export function maskSecret(text: string): string {
  if (urlWithPassword(text) !== undefined) return redactUrlPassword(text);
  return text.length > SHORT_SECRET ? `****${text.slice(-4)}` : "****";
}

/**
 * A setting's value as it may be shown to people: secrets masked, passwords in URLs
 * hidden, everything else unchanged (`undefined` stays `undefined`).
 *
 * @example
 * ```ts
 * displayValue(SETTING_DEFINITIONS.ORDO_API_KEY, "sk_0123456789abcd"); // "****abcd"
 * displayValue(SETTING_DEFINITIONS.ORDO_SERVER_PORT, 4200);            // 4200
 * ```
 */
export function displayValue(
  definition: Pick<SettingDefinition<unknown>, "secret">,
  value: unknown,
): unknown {
  if (typeof value !== "string") return value;
  return definition.secret === true ? maskSecret(value) : redactUrlPassword(value);
}
