/**
 * Repeatable options (`--param a=1 --param b=2`).
 *
 * @module
 */

/**
 * Commander's option parser for a repeatable option: appends each value.
 *
 * @example
 * ```ts
 * command.option("--param <key=value>", "a parameter", collect, []);
 * ```
 */
export function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}
