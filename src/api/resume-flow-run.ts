/**
 * Resuming a paused flow run: the input is checked against the JSON Schema the pause
 * stored, then the run leaves PAUSED (Paused → Running, Suspended → Scheduled now, so a
 * worker picks it up) and the input is kept with the run under the pause's key, in the
 * same write transaction.
 *
 * @module
 */
import { OrdoError } from "../errors/index.js";
import { ResumeFlowRunBodySchema, type FlowRun, type PauseInfo } from "../schemas/index.js";
import { FLOW_RULES, StateType, applyRules, type StateData } from "../states/index.js";
import type { FlowRunTransition, Store } from "../store/index.js";
import { notFound, parseInput } from "./errors.js";
import { flowRunStateEvent } from "./events.js";
import { runFactsOf } from "./flow-run-state.js";
import { jsonSchemaIssues } from "./json-schema-validation.js";
import { runTimesAfter } from "./run-times.js";
import { signalWork } from "./work-signal.js";

/** What resuming a flow run takes. */
export interface ResumeFlowRunOptions {
  /** The input the paused flow waits for; required when its pause has an input schema. */
  readonly input?: unknown;
}

/** Why a resume was refused inside the transaction (the run changed since it was checked). */
type Refusal =
  { readonly refused: "not-paused"; readonly state: StateData } | { readonly refused: "expired" };

function notPaused(id: string, state: StateData): OrdoError {
  return new OrdoError(
    "ORDO_NOT_PAUSED",
    `flow run ${id} is ${state.name}: only a Paused or Suspended run can be resumed`,
    { flowRunId: id, state: state.name },
  );
}

function expired(id: string, pause: PauseInfo | undefined): OrdoError {
  return new OrdoError(
    "ORDO_NOT_PAUSED",
    `flow run ${id} can no longer be resumed: its pause timed out at ${new Date(pause?.timeoutAt ?? 0).toISOString()}`,
    { flowRunId: id, timeoutAt: pause?.timeoutAt },
  );
}

/**
 * Throws `ORDO_INVALID_INPUT` naming each invalid field when `input` does not match the
 * pause's input schema (or is missing while one is expected).
 */
export function checkResumeInput(id: string, pause: PauseInfo | undefined, input: unknown): void {
  const schema = pause?.inputSchema;
  if (schema === undefined) return;
  if (input === undefined) {
    throw new OrdoError(
      "ORDO_INVALID_INPUT",
      `flow run ${id} waits for an input at pause '${pause?.key}': send one that matches its schema`,
      { flowRunId: id, field: "input", issues: [{ path: "input", message: "is required" }], schema },
    );
  }
  const issues = jsonSchemaIssues(schema, input, "pause input schema").map((issue) => ({
    path: issue.path === "" ? "input" : `input.${issue.path}`,
    message: issue.message,
  }));
  if (issues.length === 0) return;
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ");
  throw new OrdoError("ORDO_INVALID_INPUT", `invalid resume input for flow run ${id}: ${summary}`, {
    flowRunId: id,
    field: issues[0]?.path,
    issues,
  });
}

/** Decides the resume of `run` at `now` (pure; runs inside the write transaction). */
export function decideResume(
  run: FlowRun,
  key: string | undefined,
  input: unknown,
  now: number,
): FlowRunTransition<Refusal | StateData> {
  if (run.state.type !== StateType.PAUSED || run.pause?.key !== key) {
    return { outcome: { refused: "not-paused", state: run.state } };
  }
  if (run.pause !== undefined && now > run.pause.timeoutAt) return { outcome: { refused: "expired" } };
  const proposed: StateData =
    run.state.name === "Suspended"
      ? { type: StateType.SCHEDULED, name: "Scheduled", timestamp: now, scheduledTime: now }
      : { type: StateType.RUNNING, name: "Running", timestamp: now };
  const decision = applyRules(FLOW_RULES, {
    initial: run.state,
    proposed,
    now,
    run: runFactsOf(run, 0),
  });
  if (decision.kind !== "accept") return { outcome: { refused: "not-paused", state: run.state } };
  const state = decision.state;
  return {
    outcome: state,
    write: {
      state,
      ...runTimesAfter(run, run.state, state),
      updatedAt: now,
      resumeInputs: key === undefined ? undefined : { ...run.resumeInputs, [key]: input ?? null },
      events: [flowRunStateEvent(run, state, run.state, now)],
    },
  };
}

/**
 * Resumes a paused flow run and returns it. Only a run in a PAUSED state (Paused or
 * Suspended) can be resumed (`ORDO_NOT_PAUSED`, 409, otherwise, and also once its pause
 * timed out); when its pause stored an input schema, `input` is required and must match
 * it (`ORDO_INVALID_INPUT`, 422, naming each field; nothing is written). A Paused run goes
 * Running (its process, waiting in `pause()`, carries on); a Suspended run goes Scheduled
 * now, for a worker (or `executeFlowRun`) to run it again.
 *
 * @example
 * ```ts
 * await resumeFlowRun(store, run.id, { input: { approved: true } });
 * ```
 */
export async function resumeFlowRun(
  store: Store,
  id: string,
  options: ResumeFlowRunOptions = {},
): Promise<FlowRun> {
  const { input } = parseInput(ResumeFlowRunBodySchema, options, "resume request");
  const current = await store.readFlowRun(id);
  if (current === undefined) throw notFound("flow run", id);
  if (current.state.type !== StateType.PAUSED) throw notPaused(id, current.state);
  const now = Date.now();
  if (current.pause !== undefined && now > current.pause.timeoutAt) throw expired(id, current.pause);
  checkResumeInput(id, current.pause, input);
  const key = current.pause?.key;
  const outcome = await store.transitionFlowRun(id, (run) => decideResume(run, key, input, now));
  if (outcome === undefined) throw notFound("flow run", id);
  if ("refused" in outcome) {
    throw outcome.refused === "expired" ? expired(id, current.pause) : notPaused(id, outcome.state);
  }
  const run = await store.readFlowRun(id);
  if (run === undefined) throw notFound("flow run", id);
  if (run.state.type === StateType.SCHEDULED) signalWork(); // a Suspended run: a worker takes it now
  return run;
}
