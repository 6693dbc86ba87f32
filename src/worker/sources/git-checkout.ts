/**
 * Git sources on a worker: `ORDO_HOME/git/<key>/` per repository URL and ref, holding a
 * bare repository that is fetched shallowly (`--depth 1`) before each run of a branch
 * (a commit sha is fetched once), and one folder per commit with that commit's files
 * (`git archive`, unpacked). A commit's folder never changes once made, so runs that
 * already started, and warm processes that loaded its code, are never switched to other
 * code under their feet; a new commit gets a new folder.
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Readable } from "node:stream";
import type { GitSource } from "../../schemas/index.js";
import type { extract as extractType } from "tar";
import { runGit } from "../../git/git-command.js";

const FULL_SHA = /^[0-9a-f]{40}$/;
const FETCHED_REF = "refs/ordo/fetched";

/** How git sources are fetched. */
export interface GitCheckoutOptions {
  /** The cache folder (`ORDO_HOME/git`). */
  readonly folder: string;
  /** Longest a git command may take. Default 120 000 ms. */
  readonly timeoutMs?: number | undefined;
}

/** A commit's files on the worker. */
export interface GitCheckout {
  /** The commit's folder (the repository root). */
  readonly folder: string;
  /** The commit sha. */
  readonly commit: string;
}

/** The cache key of a repository URL and ref. */
function keyOf(source: GitSource): string {
  return createHash("sha256")
    .update(`${source.url}\n${source.ref ?? ""}`)
    .digest("hex")
    .slice(0, 24);
}

async function renameOrDrop(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    // Someone else made it first (another run, another worker sharing ORDO_HOME).
    await rm(from, { recursive: true, force: true });
    if (!existsSync(to)) throw error;
  }
}

/** tar's `extract`, loaded when a commit is first unpacked, not by every command of the CLI. */
type Extract = typeof extractType;

/**
 * Unpacks a tar stream into `into` with `extract`; resolves once every entry is written.
 * Synchronous up to the pipe: the stream must not wait (its start could be lost).
 */
function untar(input: Readable, into: string, extract: Extract): Promise<void> {
  return new Promise((resolve, reject) => {
    const unpack = extract({ cwd: into, strict: true, preserveOwner: false });
    unpack.on("error", reject);
    unpack.on("close", () => resolve());
    input.on("error", reject);
    input.pipe(unpack);
  });
}

/** Clones and caches git sources; one fetch at a time per repository and ref in this process. */
export class GitCheckouts {
  readonly #options: GitCheckoutOptions;
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(options: GitCheckoutOptions) {
    this.#options = options;
  }

  /**
   * The files of the source's commit: the ref's latest commit for a branch or tag
   * (fetched now), the cached folder for a commit sha seen before.
   */
  checkout(source: GitSource): Promise<GitCheckout> {
    const key = keyOf(source);
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const next = previous.then(
      () => this.#checkout(source, key),
      () => this.#checkout(source, key),
    );
    this.#locks.set(
      key,
      next.catch(() => undefined),
    );
    return next;
  }

  async #checkout(source: GitSource, key: string): Promise<GitCheckout> {
    const base = join(this.#options.folder, key);
    if (source.ref !== undefined && FULL_SHA.test(source.ref) && existsSync(join(base, source.ref))) {
      return { folder: join(base, source.ref), commit: source.ref };
    }
    const git = (args: readonly string[], stdout?: (output: Readable) => Promise<void>) =>
      runGit(args, { url: source.url, timeoutMs: this.#options.timeoutMs, stdout });
    const repo = join(base, "repo.git");
    if (!existsSync(repo)) {
      await mkdir(base, { recursive: true });
      const temp = join(base, `.repo-${randomBytes(6).toString("hex")}`);
      await git(["init", "--bare", "--quiet", temp]);
      await renameOrDrop(temp, repo);
    }
    await git([
      "--git-dir",
      repo,
      "fetch",
      "--quiet",
      "--depth",
      "1",
      "--no-tags",
      "--force",
      "--",
      source.url,
      `+${source.ref ?? "HEAD"}:${FETCHED_REF}`,
    ]);
    const commit = (
      await git(["--git-dir", repo, "rev-parse", "--verify", `${FETCHED_REF}^{commit}`])
    ).trim();
    const folder = join(base, commit);
    if (!existsSync(folder)) {
      const temp = join(base, `.tmp-${randomBytes(6).toString("hex")}`);
      await mkdir(temp);
      try {
        const { extract } = await import("tar");
        await git(["--git-dir", repo, "archive", "--format=tar", commit], (output) =>
          untar(output, temp, extract),
        );
      } catch (error) {
        await rm(temp, { recursive: true, force: true });
        throw error;
      }
      await renameOrDrop(temp, folder);
    }
    return { folder, commit };
  }
}
