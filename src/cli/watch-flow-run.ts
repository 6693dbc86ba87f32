/**
 * `--watch`: following a flow run to its end from the CLI. Each state the run passes
 * through is printed once, in order, with the time it was entered, read from the run's
 * state history, so that a state that lasted less than one poll (a short Running) is
 * not missed.
 *
 * @module
 */
import type { FlowRun } from "../schemas/index.js";
import { isTerminalType, type StateData } from "../states/index.js";

/** What watching a run needs of a client (the HTTP and the embedded client both do). */
export interface WatchClient {
  readFlowRun(id: string): Promise<FlowRun>;
  readFlowRunStates(id: string): Promise<StateData[]>;
}

/** How {@link watchFlowRun} polls. */
export interface WatchOptions {
  /** How many states of the history are already shown (the creation's state: 1). */
  readonly shown?: number;
  /** Milliseconds between two reads of the run. */
  readonly intervalMs?: number;
  /** Stop watching at this time (ms since the epoch) and answer the run as it is then. */
  readonly until?: number | undefined;
}

/** One state as a line of `--watch` output: when it was entered, its name, its message. */
export function stateLine(state: StateData): string {
  const message = state.message === undefined || state.message === "" ? "" : `: ${state.message}`;
  return `${new Date(state.timestamp).toISOString()} ${state.name}${message}\n`;
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

/**
 * Follows flow run `id` until its state is final (or `until`), calling `print` with a line
 * for each state of its history after the first `shown`, and answers the run in its final
 * state (or as it is at `until`).
 *
 * @example
 * ```ts
 * const run = await watchFlowRun(client, created.id, (line) => io.out(line));
 * ctx.exitCode = run.state.type === StateType.COMPLETED ? 0 : 1;
 * ```
 */
export async function watchFlowRun(
  client: WatchClient,
  id: string,
  print: (line: string) => void,
  options: WatchOptions = {},
): Promise<FlowRun> {
  const intervalMs = options.intervalMs ?? 250;
  let shown = options.shown ?? 1;
  let seen: string | undefined;
  for (;;) {
    const run = await client.readFlowRun(id);
    const current = `${run.state.type}\u0000${run.state.name}\u0000${run.state.timestamp}`;
    if (current !== seen) {
      seen = current;
      const history = await client.readFlowRunStates(id);
      for (const state of history.slice(shown)) print(stateLine(state));
      shown = Math.max(shown, history.length);
    }
    if (isTerminalType(run.state.type)) return run;
    const left = (options.until ?? Infinity) - Date.now();
    if (left <= 0) return run;
    await sleep(Math.min(intervalMs, left));
  }
}
