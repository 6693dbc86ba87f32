/**
 * Reading and writing `ORDO_HOME/profiles.toml`. Writes are atomic (a temporary file in
 * the same folder, flushed, then renamed over the old one) and private (mode 0600: a
 * profile may hold `ORDO_API_KEY`).
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";
import { homeFromEnv, profilesPath } from "./paths.js";
import {
  emptyProfilesFile,
  parseProfilesFile,
  serializeProfilesFile,
  type ProfilesFile,
} from "./profiles-file.js";

/** The profiles file of an Ordo home, and where it is. */
export interface LoadedProfiles {
  /** `ORDO_HOME/profiles.toml`, whether or not it exists. */
  readonly path: string;
  readonly file: ProfilesFile;
}

/**
 * Reads and checks the profiles file at `path`; a missing file gives one empty `default`
 * profile, active. Throws `ORDO_INVALID_PROFILES_FILE` for a file that does not check out.
 *
 * @example
 * ```ts
 * const file = readProfilesFile("/srv/ordo/profiles.toml");
 * ```
 */
export function readProfilesFile(path: string): ProfilesFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyProfilesFile();
    throw error;
  }
  return parseProfilesFile(text, path);
}

/**
 * Writes `file` to `path` atomically with mode 0600, creating the folder (mode 0700) if
 * needed. Readers see the old file or the new one, never a part.
 *
 * @example
 * ```ts
 * writeProfilesFile(path, useProfile(readProfilesFile(path), "server"));
 * ```
 */
export function writeProfilesFile(path: string, file: ProfilesFile): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    const fd = openSync(temp, "wx", 0o600);
    try {
      writeSync(fd, serializeProfilesFile(file));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, 0o600); // whatever the umask
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * The profiles file of the Ordo home that `env` points at (`ORDO_HOME` from the
 * environment or its default only).
 *
 * @example
 * ```ts
 * const { path, file } = loadProfiles(process.env);
 * ```
 */
export function loadProfiles(
  env: Readonly<Record<string, string | undefined>> = process.env,
): LoadedProfiles {
  const path = profilesPath(homeFromEnv(env));
  return { path, file: readProfilesFile(path) };
}
