/**
 * `startServer`: the API on a socket, with its store and result storage, its background
 * services, and a graceful stop.
 *
 * @module
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getRequestListener, type ServerType } from "@hono/node-server";
import type { ResultStorage } from "../results/index.js";
import type { TaskRunEvents } from "../schemas/index.js";
import type { Store } from "../store/index.js";
import { createApp, DEFAULT_JSON_BYTES, type BodyLimits } from "./app.js";
import { withHotRoutes } from "./hot-routes.js";
import { startServices, type ServiceOptions } from "./services/start-services.js";

/** How to start a server. */
export interface StartServerOptions {
  readonly store: Store;
  readonly resultStorage: ResultStorage;
  /** Where uploaded project bundles are kept (none: the bundle routes answer 404). */
  readonly bundleStorage?: ResultStorage | undefined;
  /** Default `127.0.0.1`. */
  readonly host?: string | undefined;
  /** Default 4200; 0 picks a free port. */
  readonly port?: number | undefined;
  readonly uiPath?: string | undefined;
  readonly limits?: BodyLimits | undefined;
  readonly services?: ServiceOptions | undefined;
  /** Which task-run state changes become events (`ORDO_TASK_RUN_EVENTS`; default `failures`). */
  readonly taskRunEvents?: TaskRunEvents | undefined;
}

/** A running server. */
export interface RunningServer {
  /** `http://host:port`, the port resolved. */
  readonly url: string;
  /** The base URL clients use: `http://host:port/api`. */
  readonly apiUrl: string;
  /**
   * Stops accepting connections, lets requests in flight finish (up to `graceMs`, default
   * 10 s), stops the services, then closes the store.
   */
  stop(graceMs?: number): Promise<void>;
}

function listen(server: ServerType): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once("error", onError);
    server.once("listening", () => {
      server.off("error", onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

function closeServer(server: ServerType, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      if ("closeAllConnections" in server) server.closeAllConnections();
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    if ("closeIdleConnections" in server) server.closeIdleConnections();
  });
}

/**
 * Serves the API over HTTP. The store stays owned by the caller until `stop()`, which
 * closes it.
 *
 * @example
 * ```ts
 * const server = await startServer({ store, resultStorage, port: 0 });
 * console.log(server.apiUrl);
 * await server.stop();
 * ```
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? "127.0.0.1";
  const app = createApp(
    {
      store: options.store,
      resultStorage: options.resultStorage,
      bundleStorage: options.bundleStorage,
      uiPath: options.uiPath,
      taskRunEvents: options.taskRunEvents,
    },
    options.limits,
  );
  const jsonLimit = options.limits?.jsonBytes ?? DEFAULT_JSON_BYTES;
  // The flow-run create and set_state requests take a lighter path (see hot-routes.ts).
  const listener = withHotRoutes(options.store, jsonLimit, getRequestListener(app.fetch, { hostname: host }));
  const server = createServer(listener);
  server.listen(options.port ?? 4200, host);
  const address = await listen(server);
  const services = startServices(options.store, options.services);
  const urlHost = host.includes(":") ? `[${host}]` : host;
  const url = `http://${urlHost}:${address.port}`;
  let stopping: Promise<void> | undefined;
  return {
    url,
    apiUrl: `${url}/api`,
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        await closeServer(server, graceMs);
        await services.stop();
        await options.store.close();
      })();
      return stopping;
    },
  };
}
