/**
 * Settings layers: named sources of raw setting text, consulted in order.
 *
 * The environment comes first, then the active profile of `profiles.toml`:
 * `resolveSettings([envLayer(env), profileLayer(name, values)])`, so
 * env > profile > defaults.
 *
 * @module
 */
import type { SettingSource } from "./settings.js";

/** A source of raw setting text, keyed by setting name (`ORDO_HOME`). */
export interface SettingsLayer {
  /** What the layer is, shown by `ordo config view`. */
  readonly source: Exclude<SettingSource, "default">;
  /** Raw values by setting name. Empty strings count as unset. */
  readonly values: Readonly<Record<string, string | undefined>>;
}

/**
 * The environment as a settings layer.
 *
 * @example
 * ```ts
 * const { settings } = resolveSettings([envLayer(process.env)]);
 * ```
 */
export function envLayer(env: Readonly<Record<string, string | undefined>>): SettingsLayer {
  return { source: "env", values: env };
}

/**
 * A profile of `profiles.toml` as a settings layer; its source is `profile <name>`.
 *
 * @example
 * ```ts
 * const layer = profileLayer("server", { ORDO_API_URL: "http://127.0.0.1:4200/api" });
 * resolveSettings([envLayer(process.env), layer]);
 * ```
 */
export function profileLayer(
  name: string,
  values: Readonly<Record<string, string | undefined>>,
): SettingsLayer {
  return { source: `profile ${name}`, values };
}
