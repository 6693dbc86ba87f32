/**
 * zod schemas of pausing and resuming flow runs.
 *
 * @module
 */
import { z } from "zod";
import { boundedJson } from "./json-depth.js";

/**
 * A flow run's pause: the key of the `pause()` / `suspend()` call that paused it, when it
 * times out, and the JSON Schema of the input a resume must send (absent: no input).
 */
export const PauseInfoSchema = z.object({
  /** The pause's key within the run (`pause-0`, `pause-1`, … or the key given to `pause()`). */
  key: z.string().min(1).max(200),
  /** When the run fails unless it was resumed, ms since the epoch. */
  timeoutAt: z.number().int().nonnegative(),
  /** The JSON Schema of the resume input (draft 2020-12, as `z.toJSONSchema` emits it). */
  inputSchema: boundedJson(z.record(z.string(), z.unknown())).optional(),
});
/** A flow run's pause. */
export type PauseInfo = z.infer<typeof PauseInfoSchema>;

/** The body of `POST /api/flow_runs/{id}/resume`. */
export const ResumeFlowRunBodySchema = z.object({
  /** The input the paused flow waits for; required when the pause has an input schema. */
  input: boundedJson(z.unknown()).optional(),
});
/** The body of a resume request. */
export type ResumeFlowRunBody = z.infer<typeof ResumeFlowRunBodySchema>;

/** The answer of the paused-run timeout service: the ids it failed. */
export const ExpiredPausedRunsSchema = z.object({ ids: z.array(z.string()) });
