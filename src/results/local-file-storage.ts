/**
 * Result storage in a local folder, one file per result.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { OrdoError } from "../errors/ordo-error.js";
import type { ResultStorage } from "./result-storage.js";
import { assertStorageKey } from "./storage-key.js";

/**
 * Options of {@link LocalFileStorage}.
 *
 * @example
 * ```ts
 * new LocalFileStorage("/mnt/results", { name: "shared", fsync: true });
 * ```
 */
export interface LocalFileStorageOptions {
  /** The storage's name in result references. Default `local`. */
  readonly name?: string | undefined;
  /**
   * `true`: flush each file to disk (`fsync`) before it is renamed into place, so a
   * power loss cannot leave an empty result file. Costs a disk flush per write. Default `false`.
   */
  readonly fsync?: boolean | undefined;
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

/**
 * Stores each result as the file `<basePath>/<key>`. Writes are atomic: the bytes go to
 * a hidden temporary file in the same folder (`.<key>.<random>.tmp`), which is then
 * renamed over the final name, so a reader never sees a partial file. Keys must be safe
 * file names (see `isSafeStorageKey`); anything else, path traversal included, is
 * refused with `ORDO_INVALID_INPUT`. The folder is created on first write.
 *
 * Ordo's default storage is `new LocalFileStorage(storagePath(settings))`, i.e.
 * `${ORDO_HOME}/storage`.
 *
 * @example
 * ```ts
 * const storage = new LocalFileStorage("/var/lib/ordo/storage");
 * await storage.write("k1", new Uint8Array([1, 2, 3]));
 * await storage.read("k1"); // Uint8Array [1, 2, 3]
 * ```
 */
export class LocalFileStorage implements ResultStorage {
  readonly name: string;
  /** The folder the files live in (absolute). */
  readonly basePath: string;
  readonly #fsync: boolean;
  #ready: Promise<unknown> | undefined;

  constructor(basePath: string, options: LocalFileStorageOptions = {}) {
    this.basePath = resolve(basePath);
    this.name = options.name ?? "local";
    this.#fsync = options.fsync ?? false;
  }

  /**
   * The file that holds `key`.
   *
   * @throws OrdoError `ORDO_INVALID_INPUT` for an unsafe key.
   * @example
   * ```ts
   * new LocalFileStorage("/data").pathOf("k1"); // "/data/k1"
   * ```
   */
  pathOf(key: string): string {
    assertStorageKey(key);
    const path = join(this.basePath, key);
    if (dirname(path) !== this.basePath) {
      throw new OrdoError(
        "ORDO_INVALID_INPUT",
        `result storage key ${JSON.stringify(key)} leaves the storage folder`,
        { key },
      );
    }
    return path;
  }

  /**
   * Writes `bytes` under `key` atomically (temporary file, then rename), replacing any
   * earlier file of that key.
   *
   * @example
   * ```ts
   * await storage.write("k1", Buffer.from("hello"));
   * ```
   */
  async write(key: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(key);
    await this.#ensureFolder();
    try {
      await this.#writeThenRename(key, path, bytes);
    } catch (error) {
      if (!isErrno(error, "ENOENT")) throw error;
      // The folder was removed since it was created: create it again, once.
      this.#ready = undefined;
      await this.#ensureFolder();
      await this.#writeThenRename(key, path, bytes);
    }
  }

  #ensureFolder(): Promise<unknown> {
    this.#ready ??= mkdir(this.basePath, { recursive: true }).catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  async #writeThenRename(key: string, path: string, bytes: Uint8Array): Promise<void> {
    const temp = join(this.basePath, `.${key}.${randomBytes(6).toString("hex")}.tmp`);
    try {
      const handle = await open(temp, "wx");
      try {
        await handle.writeFile(bytes);
        if (this.#fsync) await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true }).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The bytes stored under `key`.
   *
   * @throws OrdoError `ORDO_RESULT_NOT_AVAILABLE` when there is no such file.
   * @example
   * ```ts
   * const bytes = await storage.read("k1");
   * ```
   */
  async read(key: string): Promise<Uint8Array> {
    const path = this.pathOf(key);
    try {
      return await readFile(path);
    } catch (error) {
      if (isErrno(error, "ENOENT")) {
        throw new OrdoError(
          "ORDO_RESULT_NOT_AVAILABLE",
          `result "${key}" is not in storage "${this.name}": no file ${path}`,
          { storage: this.name, key },
          { cause: error },
        );
      }
      throw error;
    }
  }

  /**
   * Whether a file is stored under `key`.
   *
   * @example
   * ```ts
   * if (!(await storage.exists("k1"))) console.log("gone");
   * ```
   */
  async exists(key: string): Promise<boolean> {
    const path = this.pathOf(key);
    try {
      return (await stat(path)).isFile();
    } catch (error) {
      if (isErrno(error, "ENOENT")) return false;
      throw error;
    }
  }

  /**
   * Removes the file of `key`, if there is one.
   *
   * @example
   * ```ts
   * await storage.delete("k1");
   * ```
   */
  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
