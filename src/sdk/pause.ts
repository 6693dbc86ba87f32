/**
 * `pause()` and `suspend()`: wait, inside a flow run, for a person or a system to resume
 * the run (UI, `ordo flow-run resume`, `POST /api/flow_runs/{id}/resume`), optionally with
 * a typed input.
 *
 * @module
 */
import type { z } from "zod";
import { pauseFlowRun, type PauseOptions } from "../engine/pause.js";

export type { PauseOptions } from "../engine/pause.js";

/**
 * Pauses the current flow run until it is resumed, keeping the process (the run's
 * heartbeat goes on). The run goes `Paused` with the pause's key, deadline and, with
 * `input`, the input's JSON Schema, against which the server checks a resume. Resumed, it
 * returns the input validated again with `input` (an invalid one throws
 * `ORDO_INVALID_INPUT`), or `undefined` without `input`. Not resumed within
 * `timeoutSeconds` (default 3600), the run ends Failed ("paused run was not resumed within
 * N s") and `pause()` throws `ORDO_PAUSE_TIMED_OUT`. Cancelled while paused, the run ends
 * Cancelled and the body is stopped. Outside a flow run it throws `ORDO_NOT_IN_FLOW`.
 *
 * Each call has a key, `pause-0`, `pause-1`, … in call order (or `key`); a re-run of the
 * run that reaches a key it was resumed at gets that input again without pausing.
 *
 * @example
 * ```ts
 * const approval = await pause({ timeoutSeconds: 600, input: z.object({ approved: z.boolean() }) });
 * if (!approval.approved) return "rejected";
 * ```
 */
export function pause<S extends z.ZodType>(
  options: PauseOptions<S> & { readonly input: S },
): Promise<z.output<S>>;
export function pause(options?: PauseOptions<undefined>): Promise<undefined>;
export function pause(options: PauseOptions = {}): Promise<unknown> {
  return pauseFlowRun("pause", options);
}

/**
 * Suspends the current flow run: it goes `Suspended` (with the pause's key, deadline and
 * input schema, as for {@link pause}) and this process stops executing it — the flow's
 * body is abandoned, no final state is written, and `flow.state()` returns the Suspended
 * state. A resume makes the run Scheduled; when it runs again (a worker, or
 * `executeFlowRun(id)`), completed task runs are reused and `suspend()` at the same key
 * returns the resume input, validated with `input`. A Suspended run not resumed within
 * `timeoutSeconds` (default 3600) is failed by the server's services.
 *
 * @example
 * ```ts
 * const { amount } = await suspend({ timeoutSeconds: 86_400, input: z.object({ amount: z.number() }) });
 * ```
 */
export function suspend<S extends z.ZodType>(
  options: PauseOptions<S> & { readonly input: S },
): Promise<z.output<S>>;
export function suspend(options?: PauseOptions<undefined>): Promise<undefined>;
export function suspend(options: PauseOptions = {}): Promise<unknown> {
  return pauseFlowRun("suspend", options);
}
