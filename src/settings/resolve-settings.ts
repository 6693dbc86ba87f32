/**
 * Resolution: for each setting, the first layer that sets it wins, else the default;
 * raw text is validated by the setting's schema.
 *
 * @module
 */
import type { SettingDefinition } from "./setting-definition.js";
import { SETTING_DEFINITIONS, type SettingName } from "./setting-definitions.js";
import type { SettingsLayer } from "./settings-layer.js";
import { parseSettingValue } from "./setting-value.js";
import type { ResolvedSetting, Settings } from "./settings.js";

/** The effective settings and, for each, where its value came from. */
export interface ResolvedSettings {
  readonly settings: Settings;
  /** One entry per setting, in the order of `SETTING_DEFINITIONS`. */
  readonly entries: readonly ResolvedSetting[];
}

function resolveOne(
  name: SettingName,
  definition: SettingDefinition<unknown>,
  layers: readonly SettingsLayer[],
): ResolvedSetting {
  for (const layer of layers) {
    const raw = layer.values[name];
    if (raw === undefined || raw === "") continue;
    return { name, value: parseSettingValue(name, raw, layer.source), source: layer.source };
  }
  return { name, value: definition.default(), source: "default" };
}

/**
 * Resolves every setting from `layers` (first wins) and the defaults. Throws
 * `ORDO_INVALID_SETTING`, naming the variable, the bad value (masked for secrets) and its
 * layer, when a layer holds a value its schema rejects.
 *
 * @example
 * ```ts
 * const { settings, entries } = resolveSettings([envLayer(process.env)]);
 * for (const e of entries) console.log(e.name, e.source);
 * ```
 */
export function resolveSettings(layers: readonly SettingsLayer[]): ResolvedSettings {
  const entries: ResolvedSetting[] = [];
  const values: Record<string, unknown> = {};
  for (const name of Object.keys(SETTING_DEFINITIONS) as SettingName[]) {
    const entry = resolveOne(name, SETTING_DEFINITIONS[name], layers);
    entries.push(entry);
    values[name] = entry.value;
  }
  // Each value was produced by its own definition's schema or default, so the record
  // has exactly the shape of Settings.
  return { settings: values as Settings, entries };
}
