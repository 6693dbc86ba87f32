/**
 * `--json` output.
 *
 * @module
 */

/**
 * Formats a value as indented JSON with a final newline: the `--json` output of every
 * command. `undefined` fields are left out, as `JSON.stringify` does.
 *
 * @example
 * ```ts
 * io.out(formatJson({ flowRunId: "a1", state: { type: "COMPLETED" } }));
 * ```
 */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
