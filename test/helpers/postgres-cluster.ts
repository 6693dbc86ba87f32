/**
 * A throwaway PostgreSQL cluster for tests: `initdb` in a temp folder (owned by the
 * `postgres` user when we run as root), started with `pg_ctl` on a free port of
 * 127.0.0.1 with its socket in that folder and durability off (fsync, synchronous
 * commit and full-page writes), stopped and deleted afterwards.
 */
import { execFile, execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The folder holding `initdb` and `pg_ctl`: on PATH, else the newest `/usr/lib/postgresql/<v>/bin`. */
export function findPostgresBin(): string | undefined {
  const has = (dir: string) => existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"));
  for (const dir of (process.env.PATH ?? "").split(delimiter)) if (dir !== "" && has(dir)) return dir;
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => join(root, v, "bin")).find(has);
}

/** A running throwaway cluster. */
export interface ThrowawayCluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication). */
  readonly url: string;
  /** Stops the server at once and deletes its folder. */
  stop(): Promise<void>;
  /** The same, synchronously, for a process about to exit. */
  stopSync(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Runs `bin/tool args` as the `postgres` user when we are root (initdb refuses root). */
function asOwner(bin: string, tool: string, args: readonly string[]): [string, string[]] {
  const file = join(bin, tool);
  return process.getuid?.() === 0 ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, [...args]];
}

function ownerIds(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
  return { uid, gid };
}

/** Creates and starts a cluster with the binaries in `bin`; cleans up if that fails. */
export async function startThrowawayCluster(bin: string): Promise<ThrowawayCluster> {
  const dir = mkdtempSync(join(tmpdir(), "ordo-pg-"));
  const owner = ownerIds();
  if (owner !== undefined) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, "data");
  const stopArgs = ["stop", "-D", data, "-m", "immediate", "-w"];
  let started = false;
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    const initdb = asOwner(bin, "initdb", [
      "-D",
      data,
      "--auth=trust",
      "-U",
      "postgres",
      "-N",
      "-E",
      "UTF8",
      "--no-locale",
    ]);
    await run(initdb[0], initdb[1]);
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      const options = `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      const start = asOwner(bin, "pg_ctl", [
        "start",
        "-D",
        data,
        "-w",
        "-t",
        "30",
        "-l",
        join(dir, "log"),
        "-o",
        options,
      ]);
      try {
        await run(start[0], start[1]);
        started = true;
        const [file, args] = asOwner(bin, "pg_ctl", stopArgs);
        return {
          url: `postgres://postgres@127.0.0.1:${port}/postgres`,
          async stop() {
            await run(file, args).catch(() => undefined);
            cleanup();
          },
          stopSync() {
            try {
              execFileSync(file, args, { stdio: "ignore" });
            } catch {
              // already stopped
            }
            cleanup();
          },
        };
      } catch (error) {
        if (attempt >= 3) throw error; // a port taken between the probe and the start: try another
      }
    }
  } catch (error) {
    if (!started) cleanup();
    throw error;
  }
}
