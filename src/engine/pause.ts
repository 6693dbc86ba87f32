/**
 * Pausing a flow run from inside its body.
 *
 * `pause()` keeps the process: it flushes the run recorder, proposes `Paused` (storing
 * the pause's key, deadline and input JSON Schema with the run), then reads the run's
 * state every 250 ms to 1 s until it leaves PAUSED. Resumed (Running again), it returns
 * the resume input, validated again with zod. Past the deadline it fails the run
 * ("paused run was not resumed within N s") and throws; cancelled while paused, it ends
 * the run Cancelled and halts the body.
 *
 * `suspend()` proposes `Suspended` and halts the body at once: the process's execution of
 * the run ends without a final state. A resume makes the run Scheduled; when it runs
 * again, the body reaches the same pause key and gets the stored input straight away.
 *
 * Keys are `pause-0`, `pause-1`, … in call order within the run (or the key given), so a
 * re-run reaches the same keys.
 *
 * @module
 */
import { z } from "zod";
import { OrdoError } from "../errors/ordo-error.js";
import type { FlowRun, PauseInfo } from "../schemas/index.js";
import { StateType, isTerminalType, type StateData } from "../states/index.js";
import { currentRunContext, type FlowRunContext } from "./context.js";
import { FlowRunHalted } from "./halt.js";

/** Options of `pause()` and `suspend()`. */
export interface PauseOptions<S extends z.ZodType | undefined = z.ZodType | undefined> {
  /** How long the run may wait for a resume, in seconds. Default 3600. */
  readonly timeoutSeconds?: number | undefined;
  /** The schema of the input a resume must send; `pause()` returns the validated value. */
  readonly input?: S;
  /** The pause's key within the run; default `pause-N` by call order. */
  readonly key?: string | undefined;
}

/** The default pause timeout: one hour. */
export const DEFAULT_PAUSE_TIMEOUT_SECONDS = 3600;

const COUNTER = "\u0000pause";
const FIRST_POLL_MS = 250;
const MAX_POLL_MS = 1000;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function flowContextFor(kind: "pause" | "suspend"): FlowRunContext {
  const ctx = currentRunContext();
  if (ctx === undefined) {
    throw new OrdoError("ORDO_NOT_IN_FLOW", `${kind}() can only be called inside a flow run`);
  }
  if (ctx.kind !== "flow") {
    throw new OrdoError(
      "ORDO_NOT_IN_FLOW",
      `${kind}() pauses a flow run: call it in the flow's body, not inside task '${ctx.taskRun.name}'`,
      { taskRunId: ctx.taskRun.id },
    );
  }
  return ctx;
}

function pauseKey(ctx: FlowRunContext, key: string | undefined): string {
  const count = ctx.callCounts.get(COUNTER) ?? 0;
  ctx.callCounts.set(COUNTER, count + 1);
  if (key === undefined) return `pause-${count}`;
  if (key === "" || key.length > 200) {
    throw new OrdoError("ORDO_INVALID_INPUT", "a pause key must have 1 to 200 characters", { key });
  }
  return key;
}

function timeoutMs(seconds: number | undefined): number {
  const value = seconds ?? DEFAULT_PAUSE_TIMEOUT_SECONDS;
  if (!Number.isFinite(value) || value <= 0) {
    throw new OrdoError("ORDO_INVALID_INPUT", `timeoutSeconds must be a positive number, got ${value}`, {
      field: "timeoutSeconds",
    });
  }
  return Math.round(value * 1000);
}

/** The resume input, validated with the pause's zod schema (undefined without one). */
function validatedInput(schema: z.ZodType | undefined, value: unknown, key: string): unknown {
  if (schema === undefined) return undefined;
  const parsed = schema.safeParse(value ?? undefined);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    field: issue.path.length === 0 ? "(input)" : issue.path.map(String).join("."),
    message: issue.message,
  }));
  throw new OrdoError(
    "ORDO_INVALID_INPUT",
    `invalid resume input at pause '${key}': ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`,
    { key, field: issues[0]?.field, issues },
  );
}

/** Halts the body: the run stays in `state`, which the engine reports as the outcome. */
function halt(ctx: FlowRunContext, state: StateData, message: string): never {
  const signal = new FlowRunHalted(message, state);
  ctx.halted = { state, error: signal };
  throw signal;
}

/** The run left PAUSED for a state other than Running: end the body accordingly. */
async function leftPaused(ctx: FlowRunContext, state: StateData, key: string): Promise<never> {
  const client = ctx.config.client;
  if (state.type === StateType.CANCELLING) {
    const decision = await client.setFlowRunState(ctx.flowRunId, {
      type: StateType.CANCELLED,
      name: "Cancelled",
      timestamp: Date.now(),
      message: `cancelled while paused at '${key}'`,
    });
    state = decision.state;
  }
  ctx.logger.warning(`the flow run left pause '${key}' as ${state.name}: its body is stopped`);
  return halt(ctx, state, `flow run ${ctx.flowRunId} became ${state.name} while paused at '${key}'`);
}

/** Fails the run whose pause timed out, halts the body with that state and throws the timeout. */
async function timedOut(ctx: FlowRunContext, key: string, seconds: number): Promise<never> {
  const message = `paused run was not resumed within ${seconds} s`;
  const error = new OrdoError("ORDO_PAUSE_TIMED_OUT", message, { flowRunId: ctx.flowRunId, key });
  const decision = await ctx.config.client.setFlowRunState(
    ctx.flowRunId,
    {
      type: StateType.FAILED,
      name: "Failed",
      timestamp: Date.now(),
      message,
      error: { name: error.name, message, code: error.code },
    },
    { retryable: false },
  );
  ctx.halted = { state: decision.state, error };
  throw error;
}

/**
 * Pauses (mode `pause`) or suspends (mode `suspend`) the current flow run and returns
 * the resume input. See the module notes.
 */
export async function pauseFlowRun(mode: "pause" | "suspend", options: PauseOptions = {}): Promise<unknown> {
  const ctx = flowContextFor(mode);
  const key = pauseKey(ctx, options.key);
  const ms = timeoutMs(options.timeoutSeconds);
  const schema = options.input;
  const client = ctx.config.client;

  // Resumed at this key before (a suspended run running again): the stored input.
  const before = await client.readFlowRun(ctx.flowRunId);
  if (before.resumeInputs !== undefined && key in before.resumeInputs) {
    ctx.logger.info(`pause '${key}' was resumed before: going on with its input`);
    return validatedInput(schema, before.resumeInputs[key], key);
  }

  const inputSchema =
    schema === undefined ? undefined : z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
  await ctx.recorder.flush();
  const now = Date.now();
  const pause: PauseInfo = { key, timeoutAt: now + ms, inputSchema };
  const name = mode === "pause" ? "Paused" : "Suspended";
  const seconds = Math.round(ms / 1000);
  const resumeWith =
    `ordo flow-run resume ${ctx.flowRunId}` + (inputSchema === undefined ? "" : " --input '<json>'");
  const decision = await client.setFlowRunState(
    ctx.flowRunId,
    // The message says how to go on: `--watch`, `inspect` and the UI show it.
    {
      type: StateType.PAUSED,
      name,
      timestamp: now,
      message: `at '${key}' for up to ${seconds} s; resume with: ${resumeWith}`,
    },
    { pause },
  );
  const state = decision.state;
  if (state.type !== StateType.PAUSED) {
    if (state.type === StateType.CANCELLING || isTerminalType(state.type)) {
      return leftPaused(ctx, state, key);
    }
    throw new OrdoError(
      "ORDO_INVALID_TRANSITION",
      `flow run ${ctx.flowRunId} cannot pause: it is ${state.name}${decision.reason ? ` (${decision.reason})` : ""}`,
      { flowRunId: ctx.flowRunId, state: state.name },
    );
  }
  ctx.logger.info(`${name.toLowerCase()} at '${key}' for up to ${seconds} s; resume with: ${resumeWith}`);
  if (mode === "suspend") {
    return halt(ctx, state, `flow run ${ctx.flowRunId} was suspended at '${key}'`);
  }
  return waitForResume(ctx, key, pause.timeoutAt, seconds, schema);
}

async function waitForResume(
  ctx: FlowRunContext,
  key: string,
  deadline: number,
  seconds: number,
  schema: z.ZodType | undefined,
): Promise<unknown> {
  let interval = FIRST_POLL_MS;
  for (;;) {
    await sleep(Math.max(0, Math.min(interval, deadline - Date.now() + 20)));
    interval = Math.min(MAX_POLL_MS, Math.round(interval * 1.5));
    // The flow's own timeout ended the run while it waited: stop polling.
    if (ctx.signal.aborted) throw ctx.signal.reason;
    let run: FlowRun;
    try {
      run = await ctx.config.client.readFlowRun(ctx.flowRunId);
    } catch (error) {
      ctx.logger.debug(`could not read the paused run's state (tried again): ${String(error)}`);
      if (Date.now() > deadline + 60_000) throw error;
      continue;
    }
    const state = run.state;
    if (state.type === StateType.RUNNING) {
      ctx.logger.info(`resumed at '${key}'`);
      return validatedInput(schema, run.resumeInputs?.[key], key);
    }
    if (state.type === StateType.FAILED && Date.now() > deadline) {
      // The server's paused-run service failed it first.
      const error = new OrdoError("ORDO_PAUSE_TIMED_OUT", state.message ?? "the pause timed out", {
        flowRunId: ctx.flowRunId,
        key,
      });
      ctx.halted = { state, error };
      throw error;
    }
    if (state.type !== StateType.PAUSED) return leftPaused(ctx, state, key);
    if (Date.now() > deadline) return timedOut(ctx, key, seconds);
  }
}
