/**
 * Bundles on a worker: `ORDO_HOME/bundles/<hash>/`, each downloaded once, checked
 * against its hash and unpacked atomically (to a temporary folder, then renamed), so a
 * folder that exists is complete. A marker file in it (`.ordo-bundle`, the hash) is
 * written last; a folder without it (damaged by hand, copied half) is not used but
 * replaced. Runs of the same bundle that start together share one download.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { assertBundleHash } from "../../bundles/bundle-hash.js";
import { extractBundle } from "../../bundles/extract-bundle.js";
import type { BundleClient } from "../../client/bundle-client.js";
import { OrdoError } from "../../errors/ordo-error.js";

/** The file in a bundle's folder that says it is complete. */
export const BUNDLE_MARKER = ".ordo-bundle";

/** Downloads, checks, unpacks and caches bundles. */
export class BundleCache {
  readonly #folder: string;
  readonly #client: BundleClient | undefined;
  readonly #loading = new Map<string, Promise<string>>();

  /** `folder`: the cache (`ORDO_HOME/bundles`); `client`: the server's bundles (none: no server). */
  constructor(folder: string, client: BundleClient | undefined) {
    this.#folder = folder;
    this.#client = client;
  }

  /** The folder of bundle `hash`, downloaded and unpacked when it is not cached. */
  folderOf(hash: string): Promise<string> {
    let loading = this.#loading.get(hash);
    if (loading === undefined) {
      loading = this.#load(hash).finally(() => this.#loading.delete(hash));
      this.#loading.set(hash, loading);
    }
    return loading;
  }

  async #load(hash: string): Promise<string> {
    const target = join(this.#folder, hash);
    const marker = await readFile(join(target, BUNDLE_MARKER), "utf8").catch(() => undefined);
    if (marker?.trim() === hash) return target;
    if (this.#client === undefined) {
      throw new OrdoError(
        "ORDO_SOURCE_UNAVAILABLE",
        `bundle ${hash} is downloaded from a server: set ORDO_API_URL for the worker`,
        { hash },
      );
    }
    const bytes = await this.#client.download(hash);
    assertBundleHash(bytes, hash, `the download of bundle ${hash}`);
    await mkdir(this.#folder, { recursive: true });
    const temp = join(this.#folder, `.tmp-${hash.slice(0, 12)}-${randomBytes(6).toString("hex")}`);
    const archive = `${temp}.tar.gz`;
    try {
      await writeFile(archive, bytes);
      await mkdir(temp);
      await extractBundle(archive, temp);
      await writeFile(join(temp, BUNDLE_MARKER), `${hash}\n`);
      if (existsSync(target)) {
        // A damaged copy (no marker): moved aside, then removed.
        const aside = `${temp}-damaged`;
        await rename(target, aside).catch(() => undefined);
        await rm(aside, { recursive: true, force: true });
      }
      try {
        await rename(temp, target);
      } catch (error) {
        // Another worker sharing ORDO_HOME made it first.
        if (!existsSync(join(target, BUNDLE_MARKER))) throw error;
      }
    } finally {
      await rm(archive, { force: true });
      await rm(temp, { recursive: true, force: true });
    }
    return target;
  }
}
