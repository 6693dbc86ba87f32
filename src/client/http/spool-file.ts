/**
 * Spool files: recorder batches kept on disk while the server cannot take them, one
 * JSON body per line, under `ORDO_HOME/spool/<pid>-<id>.jsonl`. The pid in the name
 * says which process owns the file; a file whose owner is gone is an orphan that the
 * next client delivers.
 *
 * Each batch is appended with one write. A process killed in the middle of a write can
 * leave a torn last line: readers skip lines that are not complete JSON.
 *
 * @module
 */
import { open, readdir, rename, unlink, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { uuid7 } from "../../ids/uuid7.js";

const NAME = /^(\d+)-([0-9a-f-]+)\.jsonl$/;

/** The spool folder of an Ordo home. */
export function spoolFolder(home: string): string {
  return join(home, "spool");
}

/** A new spool file name owned by this process. */
export function spoolFileName(pid = process.pid): string {
  return `${pid}-${uuid7()}.jsonl`;
}

/** True while a process with `pid` exists (on this host). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Claims the orphaned spool files of `folder` (owner process gone) for this process, by
 * renaming each to a name owned by this process: of two processes claiming at once, one
 * rename wins. Returns the claimed paths, oldest first.
 */
export async function claimOrphanSpoolFiles(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const claimed: string[] = [];
  for (const name of names.sort()) {
    const match = NAME.exec(name);
    if (match === null) continue;
    const pid = Number(match[1]);
    if (pid === process.pid || isProcessAlive(pid)) continue;
    const target = join(folder, `${process.pid}-${match[2]}.jsonl`);
    try {
      await rename(join(folder, name), target);
      claimed.push(target);
    } catch {
      // Another process claimed it first.
    }
  }
  return claimed;
}

/** Splits `text` into complete lines; returns them and the bytes consumed. */
function completeLines(chunk: Buffer): { lines: string[]; consumed: number } {
  const end = chunk.lastIndexOf(0x0a);
  if (end < 0) return { lines: [], consumed: 0 };
  const lines = chunk
    .subarray(0, end)
    .toString("utf8")
    .split("\n")
    .filter((line) => line.length > 0);
  return { lines, consumed: end + 1 };
}

/** True when `line` is a complete JSON object (a torn line is not). */
export function isCompleteLine(line: string): boolean {
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === "object" && value !== null;
  } catch {
    return false;
  }
}

/**
 * One spool file, appended at the end and read from the front. Operations must not
 * overlap (the outbox runs them one at a time).
 */
export class SpoolFile {
  /** The file's path. */
  readonly path: string;
  readonly #handle: FileHandle;
  #size = 0;
  #readOffset = 0;

  private constructor(path: string, handle: FileHandle, size: number) {
    this.path = path;
    this.#handle = handle;
    this.#size = size;
  }

  /** Opens (creating) the spool file at `path`. */
  static async open(path: string): Promise<SpoolFile> {
    const handle = await open(path, "a+");
    const { size } = await handle.stat();
    return new SpoolFile(path, handle, size);
  }

  /** True when every appended line has been read. */
  get drained(): boolean {
    return this.#readOffset >= this.#size;
  }

  /** Appends lines (each one JSON text without a newline) in one write. */
  async append(lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return;
    const bytes = Buffer.from(lines.join("\n") + "\n", "utf8");
    await this.#handle.write(bytes, 0, bytes.length, null);
    this.#size += bytes.length;
  }

  /**
   * Reads the next lines, about `maxBytes` of them (at least one line when any is
   * left). A torn last line (no newline at the end of the file) is consumed and skipped.
   */
  async read(maxBytes = 4 * 1024 * 1024): Promise<string[]> {
    let want = maxBytes;
    for (;;) {
      const length = Math.min(want, this.#size - this.#readOffset);
      if (length <= 0) return [];
      const chunk = Buffer.alloc(length);
      const { bytesRead } = await this.#handle.read(chunk, 0, length, this.#readOffset);
      const { lines, consumed } = completeLines(chunk.subarray(0, bytesRead));
      if (consumed > 0) {
        this.#readOffset += consumed;
        return lines;
      }
      if (this.#readOffset + bytesRead >= this.#size) {
        this.#readOffset = this.#size; // a torn last line: skipped
        return [];
      }
      want *= 2; // one line longer than the chunk
    }
  }

  /** Closes the file and deletes it. */
  async remove(): Promise<void> {
    await this.#handle.close();
    await unlink(this.path).catch(() => undefined);
  }

  /** Closes the file and keeps it (for the next process to deliver). */
  async close(): Promise<void> {
    await this.#handle.close();
  }
}
