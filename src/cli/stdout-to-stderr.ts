/**
 * Keeping standard output for the CLI's own result: while a flow runs under `--json`,
 * whatever the flow prints (its logs, `console.log`) goes to standard error instead, so
 * `ordo run … --json | jq` sees only JSON.
 *
 * @module
 */

/**
 * Runs `fn` with `process.stdout.write` forwarded to `process.stderr`, and restores it
 * afterwards. The CLI's own output is unaffected: `processIo()` holds the original writer.
 *
 * @example
 * ```ts
 * const state = await withStdoutToStderr(() => flow.state(params));
 * ```
 */
export async function withStdoutToStderr<T>(fn: () => Promise<T>): Promise<T> {
  const stdout = process.stdout;
  const original = Object.getOwnPropertyDescriptor(stdout, "write");
  const stderr = process.stderr;
  stdout.write = ((...args: Parameters<typeof stderr.write>) => stderr.write(...args)) as typeof stdout.write;
  try {
    return await fn();
  } finally {
    if (original === undefined) Reflect.deleteProperty(stdout, "write");
    else Object.defineProperty(stdout, "write", original);
  }
}
