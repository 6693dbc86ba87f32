/**
 * Run names: templates such as `fetch-{0}` or `etl-{table}`, and generated names.
 *
 * @module
 */
import { RUN_NAME_ADJECTIVES, RUN_NAME_ANIMALS } from "./run-name-words.js";

/** A readable random run name, e.g. `brisk-otter`. */
export function randomRunName(random: () => number = Math.random): string {
  const a = RUN_NAME_ADJECTIVES[Math.floor(random() * RUN_NAME_ADJECTIVES.length)] ?? "calm";
  const n = RUN_NAME_ANIMALS[Math.floor(random() * RUN_NAME_ANIMALS.length)] ?? "otter";
  return `${a}-${n}`;
}

function display(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

/**
 * Fills a name template: `{0}`, `{1}` are positional values, `{key}` a key of `named`.
 * Unknown placeholders stay as they are.
 *
 * @example
 * ```ts
 * renderTemplate("fetch-{0}", ["users"], undefined); // "fetch-users"
 * renderTemplate("etl-{table}", [], { table: "t" }); // "etl-t"
 * ```
 */
export function renderTemplate(
  template: string,
  positional: readonly unknown[],
  named: Readonly<Record<string, unknown>> | undefined,
): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (whole, key: string) => {
    if (/^\d+$/.test(key)) {
      const i = Number(key);
      return i < positional.length ? display(positional[i]) : whole;
    }
    if (named !== undefined && key in named) return display(named[key]);
    return whole;
  });
}

function namedArgs(args: readonly unknown[]): Record<string, unknown> | undefined {
  if (args.length !== 1) return undefined;
  const only = args[0];
  if (typeof only !== "object" || only === null || Array.isArray(only)) return undefined;
  return only as Record<string, unknown>;
}

/** The name of a task run: from `taskRunName`, else `<task>-<call index>`. */
export function taskRunNameOf(
  option: string | ((args: readonly unknown[]) => string) | undefined,
  taskName: string,
  dynamicKey: string,
  args: readonly unknown[],
): string {
  if (option === undefined) return `${taskName}-${dynamicKey}`;
  if (typeof option === "function") return option(args);
  return renderTemplate(option, args, namedArgs(args));
}

/** The name of a flow run: from `flowRunName`, else a readable random name. */
export function flowRunNameOf(
  option: string | ((params: Readonly<Record<string, unknown>>) => string) | undefined,
  params: Readonly<Record<string, unknown>>,
): string {
  if (option === undefined) return randomRunName();
  if (typeof option === "function") return option(params);
  return renderTemplate(option, [], params);
}
