/**
 * SIGINT and SIGTERM while flow runs are active: the run recorder is flushed and each
 * active flow run is marked Crashed before the process ends with the signal. A run being
 * cancelled (a worker stopping its process) ends Cancelled instead: the orchestration
 * rules turn the proposed Crashed into Cancelled, and its `onCancellation` hooks run.
 *
 * The handlers are installed while at least one flow run is active and removed after, so
 * a process without runs keeps Node's default behaviour.
 *
 * @module
 */
import type { OrdoClient } from "../client/ordo-client.js";
import { StateType, type StateData } from "../states/index.js";
import type { RunLogger } from "./logger.js";
import type { RunRecorder } from "./recorder.js";

/** What the signal handler needs of an active flow run. */
export interface ActiveRun {
  readonly flowRunId: string;
  readonly recorder: RunRecorder;
  readonly client: OrdoClient;
  readonly logger: RunLogger;
  /** Runs the flow's `onCrashed` hooks with the Crashed state. */
  readonly onCrashed?: ((state: StateData) => Promise<void>) | undefined;
  /** Runs the flow's `onCancellation` hooks with the Cancelled state. */
  readonly onCancelled?: ((state: StateData) => Promise<void>) | undefined;
}

const KEY = Symbol.for("ordo.active-runs");
type Registry = { runs: Set<ActiveRun>; installed: boolean; stopping: boolean };
const g = globalThis as typeof globalThis & { [KEY]?: Registry };
const registry: Registry = (g[KEY] ??= { runs: new Set(), installed: false, stopping: false });

async function onSignal(signal: NodeJS.Signals): Promise<void> {
  if (registry.stopping) return;
  registry.stopping = true;
  const runs = [...registry.runs];
  await Promise.allSettled(
    runs.map(async (run) => {
      run.logger.error(
        `the process received ${signal}: the run is marked Crashed (Cancelled when it is being cancelled)`,
      );
      // Tasks go on while a flush is on its way (a round trip to a server): flush until
      // nothing is left, so what they started is recorded before the run is marked.
      for (let round = 0; round < 5; round++) {
        await run.recorder.flush().catch(() => undefined);
        if (run.recorder.pending === 0) break;
      }
      const decision = await run.client.setFlowRunState(run.flowRunId, {
        type: StateType.CRASHED,
        name: "Crashed",
        timestamp: Date.now(),
        message: `the process running the flow received ${signal}`,
      });
      if (decision.status !== "ACCEPT") return;
      if (decision.state.type === StateType.CANCELLED) await run.onCancelled?.(decision.state);
      else await run.onCrashed?.(decision.state);
    }),
  );
  uninstall();
  process.kill(process.pid, signal);
}

/**
 * True once the process received SIGINT or SIGTERM during a flow run: its runs are being
 * marked Crashed and it is about to end, so no task run may start any more.
 */
export function isStopping(): boolean {
  return registry.stopping;
}

/** Never settles: what a task run that would start in a stopping process awaits. */
export function haltForever(): Promise<never> {
  return new Promise<never>(() => undefined);
}

const handlers = {
  SIGINT: () => void onSignal("SIGINT"),
  SIGTERM: () => void onSignal("SIGTERM"),
};

function install(): void {
  if (registry.installed) return;
  registry.installed = true;
  process.on("SIGINT", handlers.SIGINT);
  process.on("SIGTERM", handlers.SIGTERM);
}

function uninstall(): void {
  if (!registry.installed) return;
  registry.installed = false;
  process.off("SIGINT", handlers.SIGINT);
  process.off("SIGTERM", handlers.SIGTERM);
}

/** Registers an active flow run; the returned function unregisters it. */
export function trackActiveRun(run: ActiveRun): () => void {
  registry.runs.add(run);
  install();
  return () => {
    registry.runs.delete(run);
    if (registry.runs.size === 0 && !registry.stopping) uninstall();
  };
}
