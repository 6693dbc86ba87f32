/**
 * Unpacking a bundle's `.tar.gz` into a folder (on the worker). Entries are kept inside
 * the folder (no absolute paths, no `..`, nothing written through a link); a damaged
 * archive is an error, not a partial folder the caller would use.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";

/**
 * Extracts the archive file `archive` into the existing folder `into`; throws
 * `ORDO_SOURCE_UNAVAILABLE` for an archive that cannot be read.
 *
 * @example
 * ```ts
 * await extractBundle("/tmp/b.tar.gz", "/home/me/.ordo/bundles/.tmp-1");
 * ```
 */
export async function extractBundle(archive: string, into: string): Promise<void> {
  // Loaded here, not by every command of the CLI.
  const { extract } = await import("tar");
  try {
    await extract({ file: archive, cwd: into, strict: true, noMtime: true, preserveOwner: false });
  } catch (error) {
    throw new OrdoError(
      "ORDO_SOURCE_UNAVAILABLE",
      `the bundle archive cannot be extracted: ${error instanceof Error ? error.message : String(error)}`,
      {},
      { cause: error },
    );
  }
}
