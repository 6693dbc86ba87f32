/**
 * `ordo config view`: the effective settings and where each came from.
 *
 * @module
 */
import type { Command } from "commander";
import { loadResolvedSettings } from "../settings/load-settings.js";
import type { ResolvedSetting } from "../settings/settings.js";
import type { CliContext } from "./cli-context.js";
import { formatJson } from "./output/json.js";

/** Options of `ordo config view`. */
interface ViewOptions {
  readonly showDefaults?: boolean | undefined;
  readonly json?: boolean | undefined;
}

/** Hides the password of URLs such as `postgres://user:secret@host/db`. */
function redact(value: unknown): unknown {
  if (typeof value !== "string" || !value.includes("://")) return value;
  try {
    const url = new URL(value);
    if (url.password === "") return value;
    url.password = "****";
    return url.toString();
  } catch {
    return value;
  }
}

/**
 * One setting as `ordo config view` prints it: `ORDO_HOME='/home/me/.ordo' (from default)`.
 *
 * @example
 * ```ts
 * settingLine({ name: "ORDO_HEARTBEAT_SECONDS", value: 10, source: "default" });
 * // "ORDO_HEARTBEAT_SECONDS='10' (from default)"
 * ```
 */
export function settingLine(entry: ResolvedSetting): string {
  const value = redact(entry.value);
  if (value === undefined) return `${entry.name}=(unset) (from ${entry.source})`;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return `${entry.name}='${text}' (from ${entry.source})`;
}

function view(ctx: CliContext, options: ViewOptions): void {
  const { entries } = loadResolvedSettings();
  const shown = entries.filter((e) => options.showDefaults === true || e.source !== "default");
  if (options.json === true) {
    const data = Object.fromEntries(
      shown.map((e) => [e.name, { value: redact(e.value) ?? null, source: e.source }] as const),
    );
    ctx.io.out(formatJson(data));
    return;
  }
  for (const entry of shown) ctx.io.out(`${settingLine(entry)}\n`);
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
  const group = program.command("config").description("view Ordo's settings");
  group
    .command("view")
    .description("show the settings that are set, and where each value came from (env or default)")
    .option("--show-defaults", "also show settings left at their defaults")
    .option("--json", "print { NAME: { value, source } } as JSON")
    .action((options: ViewOptions) => view(ctx, options));
}
