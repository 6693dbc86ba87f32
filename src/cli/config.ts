/**
 * `ordo config set|unset|view`: changing the settings of a profile, and the effective
 * settings with where each came from.
 *
 * @module
 */
import type { Command } from "commander";
import { activeProfile, activeProfileName, profileValues } from "../settings/active-profile.js";
import { loadResolvedSettings } from "../settings/load-settings.js";
import { displayValue } from "../settings/mask-secret.js";
import { setProfileValues, unsetProfileValues } from "../settings/profile-edits.js";
import { loadProfiles, writeProfilesFile } from "../settings/profiles-store.js";
import { parseSettingAssignment, toProfileSettingName } from "../settings/setting-assignment.js";
import { SETTING_DEFINITIONS } from "../settings/setting-definitions.js";
import type { ResolvedSetting } from "../settings/settings.js";
import type { CliContext } from "./cli-context.js";
import { formatJson } from "./output/json.js";

/** Options of `ordo config view`. */
interface ViewOptions {
  readonly showDefaults?: boolean | undefined;
  readonly showSources?: boolean | undefined;
  readonly json?: boolean | undefined;
}

/** Options of `ordo config set` and `ordo config unset`. */
interface ProfileOption {
  readonly profile?: string | undefined;
}

/**
 * One setting as `ordo config view` prints it, secrets masked:
 * `ORDO_HOME='/home/me/.ordo'`, with its source when `showSource` is true.
 *
 * @example
 * ```ts
 * settingLine({ name: "ORDO_HEARTBEAT_SECONDS", value: 10, source: "default" });
 * // "ORDO_HEARTBEAT_SECONDS='10' (from default)"
 * settingLine({ name: "ORDO_API_KEY", value: "sk_0123456789abcd", source: "profile server" }, false);
 * // "ORDO_API_KEY='****abcd'"
 * ```
 */
export function settingLine(entry: ResolvedSetting, showSource = true): string {
  const value = displayValue(SETTING_DEFINITIONS[entry.name], entry.value);
  const source = showSource ? ` (from ${entry.source})` : "";
  if (value === undefined) return `${entry.name}=(unset)${source}`;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `${entry.name}='${text}'${source}`;
}

/** The profile `config set|unset` change: `--profile`, else the one in use. */
function targetProfile(
  options: ProfileOption,
  loaded: ReturnType<typeof loadProfiles>,
): { readonly name: string; readonly chosenBy: string | undefined } {
  if (options.profile !== undefined) return { name: options.profile, chosenBy: "--profile" };
  const { name, selectedBy } = activeProfileName(loaded.file, process.env);
  return { name, chosenBy: selectedBy === "ORDO_PROFILE" ? "ORDO_PROFILE" : undefined };
}

/** Warns, without the value, when the environment overrides a setting of a profile. */
function warnIfOverridden(ctx: CliContext, names: readonly string[], verb: string): void {
  for (const name of names) {
    const env = process.env[name];
    if (env !== undefined && env !== "")
      ctx.io.err(`warning: ${name} is ${verb} in the environment, which overrides the profile\n`);
  }
}

function set(ctx: CliContext, assignments: readonly string[], options: ProfileOption): void {
  const loaded = loadProfiles(process.env);
  const target = targetProfile(options, loaded);
  profileValues(loaded.file, target.name, target.chosenBy);
  // Every assignment is checked before anything is written: all or nothing.
  const parsed = assignments.map((text) => parseSettingAssignment(text, target.name));
  writeProfilesFile(loaded.path, setProfileValues(loaded.file, target.name, parsed));
  const names = [...new Set(parsed.map(([name]) => name))];
  ctx.io.out(`Set ${names.join(", ")} in profile ${target.name}.\n`);
  warnIfOverridden(ctx, names, "also set");
}

function unset(ctx: CliContext, keys: readonly string[], options: ProfileOption): void {
  const loaded = loadProfiles(process.env);
  const target = targetProfile(options, loaded);
  const before = profileValues(loaded.file, target.name, target.chosenBy);
  const names = [...new Set(keys.map(toProfileSettingName))];
  const absent = names.filter((name) => before[name] === undefined);
  const removed = names.filter((name) => before[name] !== undefined);
  if (removed.length > 0) {
    writeProfilesFile(loaded.path, unsetProfileValues(loaded.file, target.name, removed));
    ctx.io.out(`Unset ${removed.join(", ")} in profile ${target.name}.\n`);
  }
  for (const name of absent) ctx.io.err(`${name} is not set in profile ${target.name}; nothing to unset.\n`);
  warnIfOverridden(ctx, names, "still set");
}

function view(ctx: CliContext, options: ViewOptions): void {
  const { entries } = loadResolvedSettings(process.env);
  const profile = activeProfile(loadProfiles(process.env).file, process.env);
  const shown = entries.filter((e) => options.showDefaults === true || e.source !== "default");
  if (options.json === true) {
    const data = Object.fromEntries(
      shown.map(
        (e) =>
          [
            e.name,
            { value: displayValue(SETTING_DEFINITIONS[e.name], e.value) ?? null, source: e.source },
          ] as const,
      ),
    );
    ctx.io.out(formatJson(data));
    return;
  }
  const by = profile.selectedBy === "ORDO_PROFILE" ? " (from ORDO_PROFILE)" : "";
  ctx.io.out(`Active profile: ${profile.name}${by}\n`);
  for (const entry of shown) ctx.io.out(`${settingLine(entry, options.showSources === true)}\n`);
  if (shown.length === 0)
    ctx.io.err("No settings are set; every setting has its default (see --show-defaults).\n");
}

/**
 * Adds `ordo config` and its subcommands to the program.
 *
 * @example
 * ```ts
 * registerConfigCommands(program, ctx);
 * ```
 */
export function registerConfigCommands(program: Command, ctx: CliContext): void {
  const group = program.command("config").description("view and change Ordo's settings");
  group
    .command("set")
    .description(
      "set settings in the active profile (or --profile); every value is checked before anything is written",
    )
    .argument("<KEY=VALUE...>", "settings to set, e.g. ORDO_LOGGING_LEVEL=debug")
    .option("--profile <name>", "change this profile instead of the active one")
    .action((assignments: string[], options: ProfileOption) => set(ctx, assignments, options));
  group
    .command("unset")
    .description("remove settings from the active profile (or --profile), back to their defaults")
    .argument("<KEY...>", "settings to remove, e.g. ORDO_LOGGING_LEVEL")
    .option("--profile <name>", "change this profile instead of the active one")
    .action((keys: string[], options: ProfileOption) => unset(ctx, keys, options));
  group
    .command("view")
    .description("show the active profile and the settings set by the environment or the profile")
    .option("--show-defaults", "also show settings left at their defaults")
    .option("--show-sources", "say where each value came from: env, profile NAME or default")
    .option("--json", "print { NAME: { value, source } } as JSON")
    .action((options: ViewOptions) => view(ctx, options));
}
