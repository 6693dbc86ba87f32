/**
 * zod schemas of where a deployment's code comes from, for the worker that runs it:
 *
 * - `local`: a folder the worker can read (worker and code share a machine); the
 *   entrypoint is relative to `path`. What a deployment with only a `path` means.
 * - `bundle`: a project bundle uploaded to the server (`ordo deploy --source bundle`),
 *   addressed by the sha256 of its `.tar.gz`; the worker downloads, checks and caches it.
 * - `git`: a repository the worker clones (`url`, optional `ref`: a branch, tag or
 *   commit); the entrypoint is relative to the repository root, runs start in
 *   `subdirectory` (default: the root).
 *
 * @example
 * ```ts
 * DeploymentSourceSchema.parse({ kind: "git", url: "https://github.com/acme/flows.git", ref: "main" });
 * DeploymentSourceSchema.parse({ kind: "bundle", hash: "9f86d0…" }); // 64 hex digits
 * ```
 *
 * @module
 */
import { z } from "zod";

/** The sha256 of a bundle's `.tar.gz` bytes: 64 lowercase hex digits. */
export const BundleHashSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, "a bundle hash is 64 lowercase hex digits");

const HOST = String.raw`(?:[^\s/@]+@)?[A-Za-z0-9][A-Za-z0-9.-]*(?::\d+)?`;
const GIT_URL = new RegExp(
  String.raw`^(?:https://${HOST}/\S+|ssh://${HOST}/\S+|git@[A-Za-z0-9][A-Za-z0-9.-]*:[^\s-]\S*|file:///\S+)$`,
);

/**
 * A repository URL: `https://host/…`, `ssh://[user@]host/…`, `git@host:path` or, for
 * repositories on the worker's own disk, `file:///absolute/path`. Nothing else: no
 * plain paths and no `ext::` transports, and nothing that git could read as an option.
 */
export const GitUrlSchema = z
  .string()
  .max(2000)
  .regex(GIT_URL, "use an https://, ssh://, git@host:path or file:/// repository URL");

/** True when `ref` is a name git accepts for a branch, a tag or a commit, without tricks. */
export function isSafeGitRef(ref: string): boolean {
  return (
    /^[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}$/.test(ref) &&
    !ref.includes("..") &&
    !ref.includes("//") &&
    !ref.endsWith("/") &&
    !ref.endsWith(".") &&
    !ref.endsWith(".lock") &&
    !ref.split("/").some((part) => part.startsWith("."))
  );
}

/** A branch, tag or commit sha: letters, digits, `.`, `_`, `-` and `/`, as git names refs. */
export const GitRefSchema = z
  .string()
  .refine(isSafeGitRef, "a ref is a branch, tag or commit name: letters, digits, '.', '_', '-' and '/'");

/** A folder inside the repository: relative, with no `..`. */
const SubdirectorySchema = z
  .string()
  .min(1)
  .max(1000)
  .refine(
    (dir) => !dir.startsWith("/") && !dir.includes("\\") && !dir.split("/").includes(".."),
    "a subdirectory is a relative folder inside the repository, without '..'",
  );

/** Code in a folder the worker can read. */
export const LocalSourceSchema = z.object({
  kind: z.literal("local"),
  /** The folder the entrypoint is relative to, and runs start in. */
  path: z.string().min(1).max(4000),
});

/** A project bundle uploaded to the server. */
export const BundleSourceSchema = z.object({
  kind: z.literal("bundle"),
  hash: BundleHashSchema,
});

/** A git repository the worker clones. */
export const GitSourceSchema = z.object({
  kind: z.literal("git"),
  url: GitUrlSchema,
  /** A branch, tag or full commit sha (default: the repository's default branch). */
  ref: GitRefSchema.optional(),
  /** Where runs start, relative to the repository root (default: the root). */
  subdirectory: SubdirectorySchema.optional(),
});

/** Where a deployment's code comes from. */
export const DeploymentSourceSchema = z.discriminatedUnion("kind", [
  LocalSourceSchema,
  BundleSourceSchema,
  GitSourceSchema,
]);
/** Where a deployment's code comes from. */
export type DeploymentSource = z.infer<typeof DeploymentSourceSchema>;
/** A git source. */
export type GitSource = z.infer<typeof GitSourceSchema>;
