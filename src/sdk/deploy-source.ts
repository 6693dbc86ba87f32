/**
 * The source of a deployment being made (`ordo deploy --source …`, `flow.deploy({ source })`):
 * where its workers will get the code, and its entrypoint relative to that place.
 *
 * - `local`: the folder the deployment is made from (or `path`); workers read it.
 * - `bundle`: the entrypoint's project (the nearest folder with a package.json) is
 *   bundled and uploaded to the server, unless the server has it already.
 * - `git`: the repository of the entrypoint's checkout (`url`, default its `origin`
 *   remote), at `ref` (default: the repository's default branch); runs start in the
 *   folder the deployment is made from, relative to the repository root.
 *
 * @module
 */
import { dirname, relative, resolve, sep } from "node:path";
import { bundlePath, createBundle, formatBytes, projectRoot } from "../bundles/index.js";
import type { OrdoClient } from "../client/ordo-client.js";
import { OrdoError } from "../errors/ordo-error.js";
import { redactGitUrl, runGit } from "../git/index.js";
import { BundleHashSchema, DeploymentSourceSchema, type DeploymentSource } from "../schemas/index.js";
import { splitEntrypoint } from "./entrypoint.js";

/** Where a new deployment's workers get its code. */
export type DeploySource =
  | { readonly kind: "local"; readonly path?: string | undefined }
  | {
      readonly kind: "bundle";
      /** A bundle already on the server; without it, the project is bundled and uploaded now. */
      readonly hash?: string | undefined;
      /** The most bytes the bundle's files may hold (default 50 MiB). */
      readonly maxBytes?: number | undefined;
    }
  | {
      readonly kind: "git";
      /** Default: the `origin` remote of the entrypoint's checkout. */
      readonly url?: string | undefined;
      /** A branch, tag or commit (default: the repository's default branch). */
      readonly ref?: string | undefined;
      /** Where runs start, relative to the repository root (default: the deploying folder's place in it). */
      readonly subdirectory?: string | undefined;
    };

/** A deployment's source, resolved. */
export interface PreparedSource {
  readonly source: DeploymentSource;
  /** The entrypoint, relative to the source's root. */
  readonly entrypoint: string;
  /** The folder of a local source (what `path` says to older workers). */
  readonly path?: string | undefined;
  /** What was done, for people (`bundle 9f86… uploaded: 12 files, 3.4 KiB`). */
  readonly summary?: string | undefined;
}

/** Where the entrypoint's file is, absolute, and its export. */
function entrypointFile(entrypoint: string, cwd: string): { file: string; exportName: string } {
  const { path, name } = splitEntrypoint(entrypoint);
  return { file: resolve(cwd, path), exportName: name };
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

async function prepareBundle(
  request: Extract<DeploySource, { kind: "bundle" }>,
  entrypoint: string,
  cwd: string,
  client: OrdoClient,
  home: string | undefined,
): Promise<PreparedSource> {
  if (request.hash !== undefined) {
    const hash = BundleHashSchema.parse(request.hash);
    return { source: { kind: "bundle", hash }, entrypoint };
  }
  if (client.bundles === undefined) {
    throw new OrdoError(
      "ORDO_NO_SERVER",
      "a bundle is uploaded to a server: set ORDO_API_URL (or deploy with --source local)",
      {},
    );
  }
  const { file, exportName } = entrypointFile(entrypoint, cwd);
  const bundle = await createBundle(projectRoot(file), {
    maxBytes: request.maxBytes,
    exclude: home === undefined ? [] : [home],
  });
  const inBundle = bundlePath(bundle.root, file);
  if (!bundle.paths.includes(inBundle)) {
    throw new OrdoError(
      "ORDO_INVALID_ENTRYPOINT",
      `the entrypoint file ${inBundle} is left out of the bundle of ${bundle.root} (by .gitignore or .ordoignore)`,
      { root: bundle.root, path: inBundle },
    );
  }
  const had = await client.bundles.has(bundle.hash);
  if (!had) await client.bundles.upload(bundle.hash, bundle.bytes);
  const what = `${bundle.files} files, ${formatBytes(bundle.size)} (${formatBytes(bundle.bytes.byteLength)} compressed)`;
  const skipped = bundle.skipped.map((s) => `\n  left out ${s.path}: ${s.reason}`).join("");
  return {
    source: { kind: "bundle", hash: bundle.hash },
    entrypoint: `${inBundle}:${exportName}`,
    summary: `bundle ${bundle.hash} of ${bundle.root} ${had ? "is on the server already" : "uploaded"}: ${what}${skipped}`,
  };
}

/** The root of the git checkout holding `folder`, or undefined when it is in none. */
async function checkoutRoot(folder: string): Promise<string | undefined> {
  try {
    return (await runGit(["-C", folder, "rev-parse", "--show-toplevel"], { timeoutMs: 10_000 })).trim();
  } catch {
    return undefined;
  }
}

async function prepareGit(
  request: Extract<DeploySource, { kind: "git" }>,
  entrypoint: string,
  cwd: string,
): Promise<PreparedSource> {
  const { file, exportName } = entrypointFile(entrypoint, cwd);
  const root = await checkoutRoot(dirname(file));
  let url = request.url;
  if (url === undefined && root !== undefined) {
    url = (
      await runGit(["-C", root, "remote", "get-url", "origin"], { timeoutMs: 10_000 }).catch(() => "")
    ).trim();
  }
  if (url === undefined || url === "") {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      "a git source needs the repository's URL: give --git-url (or deploy from a checkout with an 'origin' remote)",
      {},
    );
  }
  // Outside a checkout the entrypoint is taken as relative to the repository root already.
  const inRepo = root === undefined ? splitEntrypoint(entrypoint).path : toPosix(relative(root, file));
  const here = root === undefined ? "" : toPosix(relative(root, resolve(cwd)));
  const subdirectory = request.subdirectory ?? (here === "" || here.startsWith("..") ? undefined : here);
  const parsed = DeploymentSourceSchema.safeParse({ kind: "git", url, ref: request.ref, subdirectory });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `invalid git source: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`,
      { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
    );
  }
  return {
    source: parsed.data,
    entrypoint: `${inRepo}:${exportName}`,
    summary: `workers clone ${redactGitUrl(url)} at ${request.ref ?? "its default branch"} (push your commits first)`,
  };
}

/**
 * Resolves the source of a deployment of `entrypoint` (relative to `cwd`): uploads a
 * bundle, finds a git checkout's URL and the entrypoint's place in it.
 *
 * @example
 * ```ts
 * const prepared = await prepareDeploySource({ kind: "bundle" }, "flows/etl.ts:etl", process.cwd(), client);
 * // { source: { kind: "bundle", hash: "9f86…" }, entrypoint: "flows/etl.ts:etl", summary: "bundle 9f86… uploaded: …" }
 * ```
 */
export async function prepareDeploySource(
  request: DeploySource | undefined,
  entrypoint: string,
  cwd: string,
  client: OrdoClient,
  home?: string,
): Promise<PreparedSource> {
  switch (request?.kind) {
    case undefined:
    case "local": {
      const path = resolve(cwd, request?.path ?? ".");
      return { source: { kind: "local", path }, entrypoint, path };
    }
    case "bundle":
      return prepareBundle(request, entrypoint, cwd, client, home);
    case "git":
      return prepareGit(request, entrypoint, cwd);
  }
}
