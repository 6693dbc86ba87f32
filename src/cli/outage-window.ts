/**
 * How long a CLI command waits for an unreachable server. Commands that run or watch
 * flows wait out an outage as flows do (`ORDO_CLIENT_OUTAGE_SECONDS`, 300 s); one-shot
 * commands (`deploy`, `deployment ls`, `work-pool create`, …) fail once the request
 * retries are spent (`ORDO_API_MAX_RETRIES`, about 3 s), unless the setting is set.
 *
 * @module
 */
import type { Command } from "commander";

/** Commands that wait out an outage, by path; a value names the option that makes them wait. */
const WAITING_COMMANDS: ReadonlyMap<string, string | undefined> = new Map([
  ["run", undefined],
  ["worker start", undefined],
  ["flow-run retry", undefined],
  ["flow-run logs", "follow"],
  ["deployment run", "watch"],
  ["events stream", undefined],
]);

/** `deployment run`: the names of `command` and its parents, the program's left out. */
export function commandPath(command: Command): string {
  const names: string[] = [];
  for (let current: Command | null = command; current?.parent != null; current = current.parent) {
    names.unshift(current.name());
  }
  return names.join(" ");
}

/**
 * Whether the command at `path`, given `options`, waits out a server outage (it runs or
 * watches a flow) rather than failing once its request retries are spent.
 *
 * @example
 * ```ts
 * waitsOutOutages("deployment run", { watch: true }); // true
 * waitsOutOutages("deployment ls", {});                // false
 * ```
 */
export function waitsOutOutages(path: string, options: Readonly<Record<string, unknown>>): boolean {
  if (!WAITING_COMMANDS.has(path)) return false;
  const option = WAITING_COMMANDS.get(path);
  return option === undefined || options[option] === true;
}
