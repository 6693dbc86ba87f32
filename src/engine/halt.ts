/**
 * Halting a flow run's body: a control signal, not a failure. `suspend()` throws it (the
 * run waits Suspended for a resume, with no process), and so does `pause()` when the run
 * is cancelled while it waits. The engine recognises the halt by the flow-run context's
 * `halted` field (set before the signal is thrown, so a body that catches the signal
 * still ends as halted): it flushes, writes no final state of its own, and returns an
 * outcome whose state is the one the run was left in.
 *
 * @module
 */
import type { StateData } from "../states/index.js";

/** The state a halted flow run was left in, and what the body was told. */
export interface HaltedRun {
  readonly state: StateData;
  readonly error: unknown;
}

const BRAND = Symbol.for("ordo.flow-run-halted");

/**
 * Thrown by `suspend()` (and by `pause()` for a cancelled run) to unwind the flow's
 * body. Never a failure of the flow.
 */
export class FlowRunHalted extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  readonly [BRAND] = true;
  /** The state the run was left in (Suspended, Cancelled, …). */
  readonly state: StateData;

  constructor(message: string, state: StateData) {
    super(message);
    this.name = "FlowRunHalted";
    this.state = state;
  }
}
