/**
 * One setting's raw text checked and parsed by its own schema, and setting names checked
 * against the table of settings.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import { maskSecret } from "./mask-secret.js";
import type { SettingDefinition } from "./setting-definition.js";
import { SETTING_DEFINITIONS, type SettingName } from "./setting-definitions.js";
import type { Settings, SettingSource } from "./settings.js";

/**
 * True when `name` is a setting of `SETTING_DEFINITIONS` (exact, upper case).
 *
 * @example
 * ```ts
 * isSettingName("ORDO_API_URL"); // true
 * isSettingName("ORDO_API_UR");  // false
 * ```
 */
export function isSettingName(name: string): name is SettingName {
  return Object.hasOwn(SETTING_DEFINITIONS, name);
}

/**
 * `name` as a setting name, or `ORDO_UNKNOWN_SETTING` naming it.
 *
 * @example
 * ```ts
 * const name = toSettingName("ORDO_LOGGING_LEVEL");
 * ```
 */
export function toSettingName(name: string): SettingName {
  if (isSettingName(name)) return name;
  throw new OrdoError(
    "ORDO_UNKNOWN_SETTING",
    `unknown setting ${JSON.stringify(name)} (see ordo config view --show-defaults for the settings)`,
    { setting: name },
  );
}

/**
 * Parses the raw text of setting `name` with its schema. Throws `ORDO_INVALID_SETTING`
 * naming the setting, the value (masked for secrets), where it came from and what a
 * valid value looks like.
 *
 * @example
 * ```ts
 * parseSettingValue("ORDO_SERVER_PORT", "8080", "profile default"); // 8080
 * parseSettingValue("ORDO_SERVER_PORT", "http", "env");
 * // throws: invalid ORDO_SERVER_PORT="http" (from env): expected an integer from 1 to 65535
 * ```
 */
export function parseSettingValue<N extends SettingName>(
  name: N,
  raw: string,
  source: Exclude<SettingSource, "default">,
): Settings[N] {
  const definition: SettingDefinition<unknown> = SETTING_DEFINITIONS[name];
  const parsed = definition.schema.safeParse(raw);
  if (!parsed.success) {
    const shown = definition.secret === true ? maskSecret(raw) : raw;
    throw new OrdoError(
      "ORDO_INVALID_SETTING",
      `invalid ${name}=${JSON.stringify(shown)} (from ${source}): expected ${definition.expected}`,
      {
        setting: name,
        value: shown,
        source,
        issues: parsed.error.issues.map((i) => i.message),
      },
    );
  }
  // The definition of `name` produced the value, so it has the type of Settings[name].
  return parsed.data as Settings[N];
}
