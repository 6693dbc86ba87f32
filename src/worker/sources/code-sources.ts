/**
 * Where a claimed run's code is on this worker: a local source is used as it is; a
 * bundle is downloaded from the server and a git repository is fetched, each into
 * `ORDO_HOME`, with a link to the worker's packages. The run then starts from that
 * folder, its entrypoint made absolute.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { BundleClient } from "../../client/bundle-client.js";
import { OrdoError } from "../../errors/ordo-error.js";
import type { ClaimedFlowRun } from "../../schemas/index.js";
import { splitEntrypoint } from "../../sdk/entrypoint.js";
import { bundleCachePath, gitCachePath } from "../../settings/paths.js";
import { BundleCache } from "./bundle-cache.js";
import { GitCheckouts } from "./git-checkout.js";
import { linkPackages, packagesFolder } from "./packages-link.js";
import { redactGitUrl } from "../../git/redact-git-url.js";

/** How a worker gets code. */
export interface CodeSourcesOptions {
  /** Ordo's home folder: caches go to its `bundles/` and `git/` folders. */
  readonly home: string;
  /** The server's bundles (a worker's HTTP client has them). */
  readonly bundles: BundleClient | undefined;
  /** The packages runs import (default: the `node_modules` nearest to the working folder, or Ordo's). */
  readonly packages?: string | undefined;
  /** Longest a git command may take. Default 120 000 ms. */
  readonly gitTimeoutMs?: number | undefined;
}

/** Fetches the code of claimed runs. */
export class CodeSources {
  readonly #bundles: BundleCache;
  readonly #git: GitCheckouts;
  readonly #packages: string | undefined;

  constructor(options: CodeSourcesOptions) {
    this.#bundles = new BundleCache(bundleCachePath({ ORDO_HOME: options.home }), options.bundles);
    this.#git = new GitCheckouts({
      folder: gitCachePath({ ORDO_HOME: options.home }),
      timeoutMs: options.gitTimeoutMs,
    });
    this.#packages = options.packages ?? packagesFolder(process.cwd());
  }

  /**
   * `claimed` as it starts here: for a bundle or git source, `path` is the folder of the
   * fetched code (a git source's `subdirectory` in it) and the entrypoint is absolute.
   * Rejects with `ORDO_SOURCE_UNAVAILABLE` (or `ORDO_BUNDLE_HASH_MISMATCH`) saying why.
   *
   * @example
   * ```ts
   * const located = await sources.locate(claimed); // { …, path: "/home/me/.ordo/bundles/9f86…" }
   * ```
   */
  async locate(claimed: ClaimedFlowRun): Promise<ClaimedFlowRun> {
    const source = claimed.source;
    if (source === undefined || source.kind === "local") return claimed;
    let root: string;
    let cwd: string;
    if (source.kind === "bundle") {
      root = await this.#bundles.folderOf(source.hash);
      cwd = root;
    } else {
      const checkout = await this.#git.checkout(source);
      root = checkout.folder;
      cwd = source.subdirectory === undefined ? root : resolve(root, source.subdirectory);
      if (!existsSync(cwd)) {
        throw new OrdoError(
          "ORDO_SOURCE_UNAVAILABLE",
          `${redactGitUrl(source.url)} has no folder ${source.subdirectory} at commit ${checkout.commit}`,
          { commit: checkout.commit },
        );
      }
    }
    if (this.#packages !== undefined) await linkPackages(root, this.#packages);
    const { path, name } = splitEntrypoint(claimed.entrypoint);
    return { ...claimed, entrypoint: `${resolve(root, path)}:${name}`, path: cwd };
  }
}
