/**
 * The shape of one setting: what it means, its default, the zod schema that parses its
 * raw text, and whether it is a secret. Its name (the environment variable) is its key in
 * `SETTING_DEFINITIONS`.
 *
 * @module
 */
import type { z } from "zod";

/**
 * One setting. `schema` parses the raw text found in a layer (an environment variable or
 * a profile entry) into the typed value; `default` gives the value when no
 * layer sets it (`undefined` for settings that are off unless set).
 *
 * @example
 * ```ts
 * const heartbeat = defineSetting({
 *   description: "How often a running flow run reports that its process is alive.",
 *   expected: "a positive number of seconds",
 *   schema: z.string().transform(Number).pipe(z.number().positive()),
 *   default: () => 10,
 * });
 * ```
 */
export interface SettingDefinition<T, D extends T | undefined = T | undefined> {
  /** One sentence for `ordo config view` and docs/settings.md. */
  readonly description: string;
  /** What a valid value looks like, used in error messages: "a positive integer". */
  readonly expected: string;
  /** Parses the raw text of the setting into its value. */
  readonly schema: z.ZodType<T, string>;
  /** The value when no layer sets the setting. A function, so defaults such as `~/.ordo` are computed late. */
  readonly default: () => D;
  /**
   * A secret (an API key, a password): shown masked (`****abcd`) by `ordo config view`,
   * `ordo profile inspect` and error messages, and never logged.
   */
  readonly secret?: boolean | undefined;
}

/** The value type of a setting definition: its parsed type, or `undefined` when it has no default. */
export type SettingValue<S> = S extends SettingDefinition<infer T, infer D> ? T | D : never;

/**
 * Declares a setting; an identity function that keeps the value and default types precise.
 *
 * @example
 * ```ts
 * const level = defineSetting({ description: "…", expected: "…",
 *   schema: z.enum(["debug", "info"]), default: () => "info" as const });
 * ```
 */
export function defineSetting<T, D extends T | undefined>(
  definition: SettingDefinition<T, D>,
): SettingDefinition<T, D> {
  return definition;
}
