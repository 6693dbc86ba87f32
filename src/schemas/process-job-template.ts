/**
 * The base job template of a `process` work pool, the one a pool gets when it is created
 * without its own (`ordo work-pool get-default-base-job-template` prints it).
 *
 * @module
 */
import type { BaseJobTemplate } from "./work-pool.js";

/**
 * The base job template of a `process` pool: the command that starts a run (default:
 * Ordo's own runner), extra environment variables, and the folder it starts in.
 */
export const PROCESS_JOB_TEMPLATE: BaseJobTemplate = {
  variables: {
    type: "object",
    additionalProperties: false,
    properties: {
      command: { type: "string", description: "A command to start the run with, instead of Ordo's runner" },
      env: {
        type: "object",
        additionalProperties: { type: "string" },
        description: "Environment variables of the run's process",
        default: {},
      },
      workingDir: { type: "string", description: "The folder the run's process starts in" },
    },
  },
};
