/**
 * What the HTTP routes need: the store, result storage and facts about the server.
 *
 * @module
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { ResultStorage } from "../results/index.js";
import type { TaskRunEvents } from "../schemas/index.js";
import type { Store } from "../store/index.js";

/** The server's collaborators, handed to every route group. */
export interface ServerDeps {
  readonly store: Store;
  /** Where results uploaded through `/api/results` are kept. */
  readonly resultStorage: ResultStorage;
  /** Where project bundles uploaded through `/api/bundles` are kept (none: the routes answer 404). */
  readonly bundleStorage?: ResultStorage | undefined;
  /** The folder of the built UI, when there is one. */
  readonly uiPath?: string | undefined;
  /** Which task-run state changes of recorder batches become events (`ORDO_TASK_RUN_EVENTS`). */
  readonly taskRunEvents?: TaskRunEvents | undefined;
}

/** The Hono app type every route group registers on. */
export type OrdoApp = OpenAPIHono;
