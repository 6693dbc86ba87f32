/**
 * A throwaway PostgreSQL cluster for one benchmark run: `initdb` into a temporary folder,
 * `pg_ctl start` on a free port of 127.0.0.1 only (with `fsync=on`), and stop + delete at
 * the end. As root, the server binaries run as the `postgres` user through `runuser`.
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A free TCP port on 127.0.0.1 (asked of the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === "object") resolve(address.port);
        else reject(new Error("no port"));
      });
    });
  });
}

function idOf(flag: "-u" | "-g", user: string): number {
  return Number(execFileSync("id", [flag, user], { encoding: "utf8" }).trim());
}

/**
 * A running throwaway cluster. Create it with {@link PostgresCluster.start}; always call
 * {@link PostgresCluster.stop} (it is synchronous, so signal handlers can call it too).
 *
 * @example
 * ```ts
 * const pg = await PostgresCluster.start();
 * try { console.log(pg.url("bench")); } finally { pg.stop(); }
 * ```
 */
export class PostgresCluster {
  readonly dir: string;
  readonly port: number;
  readonly #asPostgres: boolean;
  #stopped = false;

  private constructor(dir: string, port: number, asPostgres: boolean) {
    this.dir = dir;
    this.port = port;
    this.#asPostgres = asPostgres;
  }

  /** The folder PostgreSQL keeps its data in. */
  get dataDir(): string {
    return join(this.dir, "data");
  }

  /** Creates, starts and waits for a new cluster; removes it again if any step fails. */
  static async start(): Promise<PostgresCluster> {
    const dir = mkdtempSync(join(tmpdir(), "ordo-bench-pg-"));
    const asPostgres = process.getuid?.() === 0;
    if (asPostgres) chownSync(dir, idOf("-u", "postgres"), idOf("-g", "postgres"));
    const cluster = new PostgresCluster(dir, await freePort(), asPostgres);
    try {
      cluster.#run("initdb", [
        "-D",
        cluster.dataDir,
        "-U",
        "postgres",
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--no-sync",
      ]);
      const serverOptions = [
        "-c listen_addresses=127.0.0.1",
        `-p ${cluster.port}`,
        `-c unix_socket_directories=${dir}`,
        "-c fsync=on",
        "-c synchronous_commit=on",
      ].join(" ");
      cluster.#run("pg_ctl", [
        "-D",
        cluster.dataDir,
        "-l",
        join(dir, "postgres.log"),
        "-o",
        serverOptions,
        "-w",
        "-t",
        "60",
        "start",
      ]);
    } catch (error) {
      cluster.stop();
      throw error;
    }
    return cluster;
  }

  /** A connection URL for database `database` as the `postgres` superuser, over TCP loopback. */
  url(database: string): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  /** Stops the server (fast, then immediate) and deletes the folder. Safe to call twice. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    for (const mode of ["fast", "immediate"]) {
      try {
        this.#run("pg_ctl", ["-D", this.dataDir, "-m", mode, "-w", "-t", "30", "stop"]);
        break;
      } catch {
        // Not running (start failed), or a fast stop timed out: try the next mode.
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  #run(command: string, args: readonly string[]): void {
    const file = this.#asPostgres ? "runuser" : command;
    const argv = this.#asPostgres ? ["-u", "postgres", "--", command, ...args] : [...args];
    try {
      execFileSync(file, argv, { cwd: this.dir, stdio: "pipe", timeout: 90_000 });
    } catch (error) {
      const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? "";
      throw new Error(`${command} failed: ${stderr || String(error)}`);
    }
  }
}
