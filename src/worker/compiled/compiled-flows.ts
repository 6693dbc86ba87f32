/**
 * Compiled flow files for runs' processes, cached on disk: `FOLDER/<key>/`, one folder
 * per flow file, with the last bundle (`<hash of its code>.mjs`) and `manifest.json`,
 * which lists what the bundle was made from (each input's size and modification time,
 * each package import and the URL it resolved to). A bundle is used again while all of
 * that is unchanged, so a run's process usually only checks a few files; it is compiled
 * again otherwise. A file that cannot be compiled is remembered the same way (with the
 * reason), so that each run does not try again. A compile removes the bundles before
 * the one it replaces.
 *
 * Files are written to a temporary name and renamed, so processes that compile the same
 * file at once never read half a file.
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { bundleFlowFile, type ResolveModule } from "./bundle-flow-file.js";
import { stampOf } from "./file-stamp.js";

/** The version of the manifest's format and of the compile options: another one compiles again. */
const FORMAT = 1;

const InputSchema = z.object({
  path: z.string(),
  /** Size and modification time; null for a file that did not exist. */
  stamp: z.string().nullable(),
});
const ManifestSchema = z.object({
  format: z.literal(FORMAT),
  file: z.string(),
  node: z.string(),
  /** The bundle's file name in the folder, or null when the file could not be compiled. */
  output: z.string().nullable(),
  reason: z.string().optional(),
  inputs: z.array(InputSchema),
  externals: z.array(z.object({ importer: z.string(), specifier: z.string(), url: z.string() })),
});
type Manifest = z.infer<typeof ManifestSchema>;

/** A compiled flow file, or why there is none (the caller loads the file as it is). */
export type CompiledFlow = { readonly path: string } | { readonly path: undefined; readonly reason: string };

function readManifest(path: string): Manifest | undefined {
  try {
    const parsed = ManifestSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Whether what `manifest` was made from is unchanged (files, package resolutions, Node.js). */
function isCurrent(manifest: Manifest, file: string, resolveModule: ResolveModule): boolean {
  if (manifest.file !== file || manifest.node !== process.version) return false;
  if (manifest.inputs.some((input) => stampOf(input.path) !== input.stamp)) return false;
  return manifest.externals.every(({ importer, specifier, url }) => {
    try {
      return resolveModule(specifier, pathToFileURL(importer).href) === url;
    } catch {
      return false;
    }
  });
}

/** Writes `content` to `path` through a temporary file and a rename. */
function writeAtomically(path: string, content: string): void {
  const temporary = `${path}.${randomBytes(6).toString("hex")}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, path);
}

/**
 * Removes the bundles of `folder` other than the ones to `keep`: the new one and the one
 * it replaces (a process that read the previous manifest may be about to import it).
 */
function removeOldBundles(folder: string, keep: readonly (string | null | undefined)[]): void {
  for (const name of readdirSync(folder)) {
    if (keep.includes(name) || !name.endsWith(".mjs")) continue;
    rmSync(join(folder, name), { force: true });
  }
}

/**
 * The compiled module of the flow file `file` (an absolute path), from the cache in
 * `folder` or compiled now; or the reason it cannot be compiled.
 *
 * @example
 * ```ts
 * const compiled = await compiledFlow("/p/flows/etl.ts", "/home/me/.ordo/cache/flows", resolve);
 * const module = compiled.path === undefined ? await importWithTsx(file) : await import(compiled.path);
 * ```
 */
export async function compiledFlow(
  file: string,
  folder: string,
  resolveModule: ResolveModule,
): Promise<CompiledFlow> {
  const own = join(folder, createHash("sha256").update(file).digest("hex").slice(0, 24));
  const manifestPath = join(own, "manifest.json");
  const cached = readManifest(manifestPath);
  if (cached !== undefined && isCurrent(cached, file, resolveModule)) {
    if (cached.output === null) return { path: undefined, reason: cached.reason ?? "not compiled" };
    const output = join(own, cached.output);
    if (stampOf(output) !== null) return { path: output };
  }
  const target = join(own, "flow.mjs");
  const outcome = await bundleFlowFile(file, target, resolveModule);
  mkdirSync(own, { recursive: true });
  let output: string | null = null;
  if (outcome.ok) {
    output = `${createHash("sha256").update(outcome.bundle.code).digest("hex").slice(0, 24)}.mjs`;
    writeAtomically(join(own, output), outcome.bundle.code);
  }
  const manifest: Manifest = {
    format: FORMAT,
    file,
    node: process.version,
    output,
    ...(outcome.ok ? {} : { reason: outcome.reason }),
    inputs: [...(outcome.ok ? outcome.bundle.inputs : outcome.inputs)],
    externals: outcome.ok ? [...outcome.bundle.externals] : [],
  };
  writeAtomically(manifestPath, JSON.stringify(manifest));
  removeOldBundles(own, [output, cached?.output]);
  return output === null
    ? { path: undefined, reason: outcome.ok ? "" : outcome.reason }
    : { path: join(own, output) };
}
