/**
 * The entry of a run's process (what workers and serve processes start): loads only the
 * engine and the client, not the whole CLI, then executes one claimed run and exits with
 * 0 when it Completed, 1 otherwise.
 *
 *   node child-main.js FLOW_RUN_ID --entrypoint FILE.ts:EXPORT
 *   node child-main.js --warm [--entrypoint FILE.ts:EXPORT]   # waits for the run over IPC
 *
 * @module
 */
import { closeClient } from "../client/get-client.js";
import { StateType } from "../states/index.js";
import { executeClaimedRun, exitWithParent, waitForStartMessage } from "./flow-run-child.js";

/** The arguments of a run's process. */
export interface ChildArguments {
  readonly flowRunId?: string | undefined;
  readonly entrypoint?: string | undefined;
  readonly warm: boolean;
}

/** Parses `[FLOW_RUN_ID] [--entrypoint SPEC] [--warm]`. */
export function parseChildArguments(argv: readonly string[]): ChildArguments {
  let flowRunId: string | undefined;
  let entrypoint: string | undefined;
  let warm = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--warm") warm = true;
    else if (arg === "--entrypoint") entrypoint = argv[++i];
    else flowRunId = arg;
  }
  return { flowRunId, entrypoint, warm };
}

/** Runs one claimed run in this process; resolves with the exit code. */
export async function runChild(args: ChildArguments): Promise<number> {
  const stopWatching = exitWithParent();
  let { flowRunId, entrypoint } = args;
  let cwd = process.cwd();
  let claimed;
  if (args.warm) {
    const start = await waitForStartMessage(entrypoint, cwd);
    ({ flowRunId, entrypoint } = start);
    claimed = start.flowRun;
    if (start.cwd !== undefined) cwd = start.cwd;
  }
  if (flowRunId === undefined || entrypoint === undefined) {
    process.stderr.write("a run's process needs a flow run id and --entrypoint\n");
    return 2;
  }
  try {
    const state = await executeClaimedRun(flowRunId, entrypoint, cwd, claimed);
    return state.type === StateType.COMPLETED ? 0 : 1;
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await closeClient();
    stopWatching();
    if (typeof process.disconnect === "function" && process.connected) process.disconnect();
  }
}

// Started as a script (not imported): run and exit.
if (process.argv[1] !== undefined && /child-main\.[jt]s$/.test(process.argv[1])) {
  const code = await runChild(parseChildArguments(process.argv.slice(2)));
  process.exitCode = code;
  setTimeout(() => process.exit(code), 1000).unref();
}
