/**
 * The HTTP app: every `/api` route, the OpenAPI document, `/docs` and the UI, with one
 * error format. `createApp` returns a Hono app whose `request()` serves tests without a
 * socket; `startServer` puts it on one.
 *
 * @module
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { HTTPException } from "hono/http-exception";
import { bodyLimit } from "hono/body-limit";
import { invalidInput } from "../api/index.js";
import { packageVersion } from "../package-version.js";
import { errorAnswer, errorBody } from "./http-errors.js";
import { jsonBodyLimit } from "./json-body-limit.js";
import { registerDocsPage } from "./docs-page.js";
import { registerAdminRoutes } from "./routes/admin.js";
import { registerFlowRunListRoutes } from "./routes/flow-run-lists.js";
import { registerFlowRunPauseRoutes } from "./routes/flow-run-pause.js";
import { registerFlowRunRoutes } from "./routes/flow-runs.js";
import { registerResultRoutes } from "./routes/results.js";
import { registerBundleRoutes } from "./routes/bundles.js";
import { registerTaskRunRoutes } from "./routes/task-runs.js";
import { registerArtifactRoutes } from "./routes/artifacts.js";
import { registerConcurrencyLimitRoutes } from "./routes/concurrency-limits.js";
import { registerEventRoutes } from "./routes/events.js";
import { registerStreamRoute, type StreamTiming } from "./routes/stream.js";
import { registerVariableRoutes } from "./routes/variables.js";
import { registerWorkPoolRoutes } from "./routes/work-pools.js";
import { registerDeploymentScheduleRoutes } from "./routes/deployment-schedules.js";
import { registerDeploymentRoutes } from "./routes/deployments.js";
import { registerFlowRunControlRoutes } from "./routes/flow-run-control.js";
import type { OrdoApp, ServerDeps } from "./server-deps.js";
import { registerUi } from "./ui-assets.js";

/** Limits on request bodies (in bytes) and the live stream's timing. */
export interface BodyLimits {
  /** JSON bodies. Default 32 MiB (a recorder batch of thousands of task runs). */
  readonly jsonBytes?: number | undefined;
  /** Uploaded results. Default 512 MiB. */
  readonly resultBytes?: number | undefined;
  /** Uploaded project bundles (`.tar.gz`). Default 100 MiB. */
  readonly bundleBytes?: number | undefined;
  /** The live stream's polling and ping intervals. */
  readonly stream?: StreamTiming | undefined;
}

/** The default limit on JSON bodies: 32 MiB (a recorder batch of thousands of task runs). */
export const DEFAULT_JSON_BYTES = 32 * 1024 * 1024;

function tooLarge(limit: number): Response {
  return Response.json(
    errorBody("ORDO_PAYLOAD_TOO_LARGE", `the request body is larger than ${limit} bytes`, { limit }),
    { status: 413 },
  );
}

/**
 * Builds the app over `deps`.
 *
 * @example
 * ```ts
 * const app = createApp({ store, resultStorage });
 * const res = await app.request("/api/health");
 * ```
 */
export function createApp(deps: ServerDeps, limits: BodyLimits = {}): OrdoApp {
  const app: OrdoApp = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (result.success) return undefined;
      const what = result.target === "json" ? "request body" : `request ${result.target}`;
      const error = invalidInput(result.error.issues, what);
      return c.json(errorBody(error.code, error.message, error.details), 422);
    },
  });

  const jsonLimit = limits.jsonBytes ?? DEFAULT_JSON_BYTES;
  const resultLimit = limits.resultBytes ?? 512 * 1024 * 1024;
  const bundleLimit = limits.bundleBytes ?? 100 * 1024 * 1024;
  app.use("/api/results/*", bodyLimit({ maxSize: resultLimit, onError: () => tooLarge(resultLimit) }));
  app.use("/api/bundles/*", bodyLimit({ maxSize: bundleLimit, onError: () => tooLarge(bundleLimit) }));
  // Over a socket, the plain `POST /api/flow_runs` and `…/set_state` requests are served
  // before this app (`hot-routes.ts`): a middleware added here does not see them.
  const jsonLimited = jsonBodyLimit(jsonLimit, () => tooLarge(jsonLimit));
  app.use("/api/*", async (c, next) => {
    if (c.req.path.startsWith("/api/results/") || c.req.path.startsWith("/api/bundles/")) return next();
    // Hono types a middleware's context by its path; this one serves every /api path.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument
    return jsonLimited(c, next);
  });

  registerAdminRoutes(app, deps);
  registerFlowRunListRoutes(app, deps);
  registerFlowRunRoutes(app, deps);
  registerFlowRunPauseRoutes(app, deps);
  registerTaskRunRoutes(app, deps);
  registerResultRoutes(app, deps);
  registerBundleRoutes(app, deps);
  registerVariableRoutes(app, deps);
  registerArtifactRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerConcurrencyLimitRoutes(app, deps);
  registerStreamRoute(app, deps, limits.stream);
  registerWorkPoolRoutes(app, deps);
  registerDeploymentRoutes(app, deps);
  registerDeploymentScheduleRoutes(app, deps);
  registerFlowRunControlRoutes(app, deps);

  app.doc31("/api/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "Ordo API",
      version: packageVersion(),
      description:
        "Workflow orchestration for TypeScript. Errors are `{ error: { code, message, details } }`.",
    },
  });
  registerDocsPage(app);
  registerUi(app, deps.uiPath);

  app.notFound((c) =>
    c.json(errorBody("ORDO_ROUTE_NOT_FOUND", `no route ${c.req.method} ${c.req.path}`), 404),
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) {
      // Hono's JSON parser and validators throw 400 for bodies that are not JSON.
      if (error.status === 400) {
        return c.json(errorBody("ORDO_MALFORMED_JSON", "the request body is not valid JSON"), 400);
      }
      if (error.status === 415) {
        return c.json(
          errorBody(
            "ORDO_UNSUPPORTED_MEDIA_TYPE",
            "send the body as JSON, with content-type: application/json",
          ),
          415,
        );
      }
      return error.getResponse();
    }
    const { status, body } = errorAnswer(error);
    return c.json(body, status);
  });
  return app;
}
