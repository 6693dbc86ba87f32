/**
 * A run's process output: every line goes to the worker's own output, prefixed with the
 * run's name; standard output lines (the program's own prints) are also recorded in the
 * run's logs, in batches. (The engine's log lines go to standard error and are
 * recorded by the engine itself.)
 *
 * @module
 */
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { OrdoClient } from "../client/ordo-client.js";
import type { LogRecord } from "../schemas/index.js";

const FLUSH_MS = 250;
const MAX_LINE = 100_000;
const INFO = 20;

/** Forwards one run's output; `close()` flushes what is left. */
export class OutputForwarder {
  readonly #pending: LogRecord[] = [];
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();

  constructor(
    readonly client: OrdoClient,
    readonly flowRunId: string,
    readonly label: string,
    readonly write: (line: string) => void,
  ) {}

  /** Reads `stream` line by line; `record` puts its lines in the run's logs too. */
  attach(stream: Readable | null, record: boolean): Promise<void> {
    if (stream === null) return Promise.resolve();
    const lines = createInterface({ input: stream, crlfDelay: Infinity });
    lines.on("line", (line) => {
      this.write(`${this.label} ${line}`);
      if (record) this.#add(line);
    });
    return new Promise((done) => lines.once("close", done));
  }

  #add(line: string): void {
    this.#pending.push({
      flowRunId: this.flowRunId,
      level: INFO,
      name: "stdout",
      message: line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line,
      timestamp: Date.now(),
    });
    this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Records the lines held so far. */
  flush(): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const logs = this.#pending.splice(0);
    if (logs.length === 0) return this.#flushing;
    this.#flushing = this.#flushing
      .then(() => this.client.recordBatch({ taskRuns: [], taskRunStates: [], logs }))
      .catch((error: unknown) => this.write(`${this.label} could not record output: ${String(error)}`));
    return this.#flushing;
  }
}
