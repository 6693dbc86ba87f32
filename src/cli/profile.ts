/**
 * `ordo profile ls|create|use|delete|inspect`: the named sets of settings in
 * `ORDO_HOME/profiles.toml`.
 *
 * @module
 */
import type { Command } from "commander";
import { activeProfileName, profileValues } from "../settings/active-profile.js";
import { displayValue } from "../settings/mask-secret.js";
import { createProfile, deleteProfile, useProfile } from "../settings/profile-edits.js";
import type { ProfileSettingName } from "../settings/profiles-file.js";
import { loadProfiles, writeProfilesFile } from "../settings/profiles-store.js";
import { SETTING_DEFINITIONS } from "../settings/setting-definitions.js";
import type { CliContext } from "./cli-context.js";
import { formatJson } from "./output/json.js";

/** Options of the commands with `--json`. */
interface JsonOption {
  readonly json?: boolean | undefined;
}

/** The profile's settings as they may be shown: secrets masked. */
function shownValues(values: Readonly<Partial<Record<ProfileSettingName, string>>>): [string, string][] {
  return Object.entries(values).map(([name, value]) => [
    name,
    String(displayValue(SETTING_DEFINITIONS[name as ProfileSettingName], value)),
  ]);
}

/** Notes on stderr when ORDO_PROFILE, not the file, decides the profile in use. */
function noteEnvSelection(ctx: CliContext, fileActive: string, inUse: string, selectedBy: string): void {
  if (selectedBy === "ORDO_PROFILE" && inUse !== fileActive)
    ctx.io.err(`note: ORDO_PROFILE=${inUse} overrides the active profile ${fileActive} of profiles.toml\n`);
}

function ls(ctx: CliContext, options: JsonOption): void {
  const { file } = loadProfiles(process.env);
  const { name: inUse, selectedBy } = activeProfileName(file, process.env);
  const names = [...file.profiles.keys()];
  if (options.json === true) {
    ctx.io.out(formatJson(names.map((name) => ({ name, active: name === inUse }))));
    return;
  }
  for (const name of names) ctx.io.out(`${name === inUse ? "*" : " "} ${name}\n`);
  noteEnvSelection(ctx, file.active, inUse, selectedBy);
  if (!file.profiles.has(inUse)) ctx.io.err(`warning: the profile in use, ${inUse}, does not exist\n`);
}

function create(ctx: CliContext, name: string, options: { readonly from?: string | undefined }): void {
  const { path, file } = loadProfiles(process.env);
  writeProfilesFile(path, createProfile(file, name, options.from));
  const from = options.from === undefined ? "" : ` (a copy of ${options.from})`;
  ctx.io.out(`Created profile ${name}${from}. Switch to it with: ordo profile use ${name}\n`);
}

function use(ctx: CliContext, name: string): void {
  const { path, file } = loadProfiles(process.env);
  writeProfilesFile(path, useProfile(file, name));
  ctx.io.out(`Now using profile ${name}.\n`);
  const chosen = process.env.ORDO_PROFILE;
  if (chosen !== undefined && chosen !== "" && chosen !== name)
    ctx.io.err(`warning: ORDO_PROFILE=${chosen} is set in the environment and overrides this choice\n`);
}

function remove(ctx: CliContext, name: string): void {
  const { path, file } = loadProfiles(process.env);
  writeProfilesFile(path, deleteProfile(file, name, activeProfileName(file, process.env).name));
  ctx.io.out(`Deleted profile ${name}.\n`);
}

function inspect(ctx: CliContext, name: string | undefined, options: JsonOption): void {
  const { file } = loadProfiles(process.env);
  const inUse = activeProfileName(file, process.env);
  const shown = name ?? inUse.name;
  const values = shownValues(profileValues(file, shown, name === undefined ? inUse.selectedBy : undefined));
  if (options.json === true) {
    ctx.io.out(
      formatJson({ name: shown, active: shown === inUse.name, settings: Object.fromEntries(values) }),
    );
    return;
  }
  ctx.io.out(`Profile ${shown}${shown === inUse.name ? " (active)" : ""}\n`);
  for (const [key, value] of values) ctx.io.out(`${key}='${value}'\n`);
  if (values.length === 0)
    ctx.io.err(`Profile ${shown} sets nothing; its settings come from env or defaults.\n`);
}

/**
 * Adds `ordo profile` and its subcommands to the program.
 *
 * @example
 * ```ts
 * registerProfileCommands(program, ctx);
 * ```
 */
export function registerProfileCommands(program: Command, ctx: CliContext): void {
  const group = program
    .command("profile")
    .description(
      "manage settings profiles (ORDO_HOME/profiles.toml); ORDO_PROFILE=NAME selects one per process",
    );
  group
    .command("ls")
    .description("list the profiles, the one in use marked with *")
    .option("--json", "print [{ name, active }] as JSON")
    .action((options: JsonOption) => ls(ctx, options));
  group
    .command("create")
    .description("create an empty profile, or a copy of another with --from")
    .argument("<name>", "letters, digits, _ . - (up to 64, starting with a letter or digit)")
    .option("--from <other>", "copy the settings of this profile")
    .action((name: string, options: { from?: string }) => create(ctx, name, options));
  group
    .command("use")
    .description("make a profile the active one")
    .argument("<name>", "the profile")
    .action((name: string) => use(ctx, name));
  group
    .command("delete")
    .description("delete a profile (not the active one, nor default)")
    .argument("<name>", "the profile")
    .action((name: string) => remove(ctx, name));
  group
    .command("inspect")
    .description("show the settings a profile sets (secrets masked)")
    .argument("[name]", "the profile (default: the one in use)")
    .option("--json", "print { name, active, settings } as JSON")
    .action((name: string | undefined, options: JsonOption) => inspect(ctx, name, options));
}
