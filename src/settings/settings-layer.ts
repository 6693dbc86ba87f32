/**
 * Settings layers: named sources of raw setting text, consulted in order.
 *
 * Today there is one layer, the environment. A profile layer (from `profiles.toml`)
 * will sit after it: `resolveSettings([envLayer(env), profileLayer(profile)])`, so
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
