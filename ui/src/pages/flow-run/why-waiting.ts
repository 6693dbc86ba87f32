/**
 * Why a flow run is not running yet, in words: what it waits for, until when, and what
 * would move it (a worker, a resume). Pure: the clock and the run's pool are parameters.
 *
 * @module
 */
import type { FlowRun } from "../../api/types.js";
import { formatAbsolute, formatRelative } from "../../format/time.js";

/** What the flow run page says about a waiting run. */
export interface WaitingReason {
  /** One sentence: "Late: it should have started 5 min. ago". */
  readonly title: string;
  /** More of it: the state's message, the deadline, what to check. */
  readonly detail?: string | undefined;
  /** A command that would move the run, when there is one. */
  readonly command?: string | undefined;
}

/** What the page knows around the run. */
export interface WaitingContext {
  readonly now: number;
  /** The work pool of the run's deployment, when it has one. */
  readonly poolName?: string | undefined;
}

function when(at: number, now: number): string {
  return `${formatRelative(at, now)} (${formatAbsolute(at)})`;
}

function workerHint(run: FlowRun, poolName: string | undefined): { detail: string; command?: string } {
  if (run.deploymentId === undefined) {
    return { detail: "It waits for the process that created it to start it." };
  }
  if (poolName === undefined) return { detail: "It waits for a worker or a serve process to pick it up." };
  return {
    detail: `It waits for a worker of the work pool "${poolName}" to pick it up. Is one running?`,
    command: `ordo worker start --pool ${poolName}`,
  };
}

function withMessage(run: FlowRun, text: string | undefined): string | undefined {
  const message = run.state.message;
  if (message === undefined || message === "") return text;
  return text === undefined ? message : `${message}. ${text}`;
}

/**
 * Why `run` is not running yet, or `undefined` when it is not waiting (it runs, or it is
 * over). Covers Scheduled (future or due), Late, AwaitingRetry, AwaitingConcurrencySlot,
 * Pending, Paused, Suspended and Cancelling.
 */
export function whyWaiting(run: FlowRun, context: WaitingContext): WaitingReason | undefined {
  const { now } = context;
  const state = run.state;
  const due = state.scheduledTime ?? run.expectedStartTime;
  switch (state.type) {
    case "SCHEDULED": {
      const overdue = due === undefined || due <= now;
      const hint = workerHint(run, context.poolName);
      if (state.name === "AwaitingConcurrencySlot") {
        return {
          title: "Waiting for a concurrency slot",
          detail: withMessage(
            run,
            overdue || due === undefined
              ? "It starts when a slot frees up."
              : `It tries again ${when(due, now)}.`,
          ),
        };
      }
      if (state.name === "AwaitingRetry") {
        const title = `Waiting to retry (attempt ${run.runCount + 1}${run.retries > 0 ? ` of ${run.retries + 1}` : ""})`;
        if (!overdue && due !== undefined) {
          return { title, detail: withMessage(run, `The next attempt is due ${when(due, now)}.`) };
        }
        const since = due === undefined ? "It is due" : `It is due since ${formatRelative(due, now)}`;
        return { title, detail: withMessage(run, `${since}. ${hint.detail}`), command: hint.command };
      }
      if (!overdue && due !== undefined) {
        return {
          title: `Scheduled to start ${formatRelative(due, now)}`,
          detail: `At ${formatAbsolute(due)}.`,
        };
      }
      const title =
        state.name === "Late"
          ? `Late: it should have started ${due === undefined ? "already" : formatRelative(due, now)}`
          : `Due ${due === undefined ? "now" : formatRelative(due, now)}, not picked up yet`;
      return { title, ...hint };
    }
    case "PENDING":
      return {
        title: "Starting",
        detail: withMessage(
          run,
          run.workerName === undefined
            ? "Its process is starting."
            : `The worker "${run.workerName}" claimed it and is starting its process.`,
        ),
      };
    case "PAUSED": {
      const suspended = state.name === "Suspended";
      const input = run.pause?.inputSchema !== undefined;
      const deadline =
        run.pause === undefined ? undefined : `It fails unless resumed ${when(run.pause.timeoutAt, now)}.`;
      return {
        title: `${suspended ? "Suspended" : "Paused"}: waiting to be resumed${input ? " with input" : ""}`,
        detail: withMessage(
          run,
          [deadline, suspended ? "Once resumed, a worker runs it again from where it stopped." : undefined]
            .filter((s) => s !== undefined)
            .join(" ") || undefined,
        ),
        command: `ordo flow-run resume ${run.id}${input ? " --input '{…}'" : ""}`,
      };
    }
    case "CANCELLING":
      return {
        title: "Cancelling",
        detail: withMessage(
          run,
          run.workerName === undefined
            ? "It ends Cancelled once its process stops."
            : `The worker "${run.workerName}" stops its process; it then ends Cancelled.`,
        ),
      };
    default:
      return undefined;
  }
}
