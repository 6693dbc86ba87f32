/**
 * `Variable`: named JSON values shared by flows, the CLI and the UI.
 *
 * @module
 */
import { OrdoError, isOrdoError } from "../errors/index.js";
import { currentClient } from "./current-client.js";

/** Options of {@link Variable.set}. */
export interface VariableSetOptions {
  /** Replace the value of a variable that exists (default false: that is an `ORDO_CONFLICT`). */
  readonly overwrite?: boolean | undefined;
  readonly tags?: readonly string[] | undefined;
}

/**
 * Variables: `Variable.get`, `Variable.set`, `Variable.unset`. Names are 1–255 lowercase
 * letters, digits, `_` or `-`; values are JSON up to 64 KiB.
 *
 * @example
 * ```ts
 * await Variable.set("batch_size", 500, { overwrite: true });
 * const size = await Variable.get("batch_size", 100); // 500
 * ```
 */
export const Variable = {
  /** The value of `name`, or `fallback` (default `undefined`) when there is no such variable. */
  async get<T = unknown>(name: string, fallback?: T): Promise<T | undefined> {
    const client = await currentClient();
    try {
      return (await client.readVariable(name)).value as T;
    } catch (error) {
      if (isOrdoError(error, "ORDO_NOT_FOUND")) return fallback;
      throw error;
    }
  },

  /** Sets `name` to `value`. Throws `ORDO_CONFLICT` when it exists and `overwrite` is not set. */
  async set(name: string, value: unknown, options: VariableSetOptions = {}): Promise<void> {
    const client = await currentClient();
    if (options.overwrite !== true) {
      const existing = await client.readVariables({ namePrefix: name, limit: 1 });
      if (existing[0]?.name === name) {
        throw new OrdoError(
          "ORDO_CONFLICT",
          `variable ${name} exists; pass { overwrite: true } to replace it`,
          {
            name,
          },
        );
      }
    }
    await client.setVariable({
      name,
      value,
      tags: options.tags === undefined ? undefined : [...options.tags],
    });
  },

  /** Deletes `name`; returns false when there was no such variable. */
  async unset(name: string): Promise<boolean> {
    const client = await currentClient();
    try {
      await client.deleteVariable(name);
      return true;
    } catch (error) {
      if (isOrdoError(error, "ORDO_NOT_FOUND")) return false;
      throw error;
    }
  },
} as const;
