/**
 * `logPrints`: console output inside a run is captured into the run's logs.
 *
 * The console methods are wrapped once per process. The wrapper asks the current run
 * context whether it wants prints captured; outside such a run it prints as before.
 *
 * @module
 */
import { format } from "node:util";
import { LogLevel } from "../schemas/log.js";
import { currentRunContext } from "./context.js";
import { originalConsole } from "./logger.js";

const INSTALLED = Symbol.for("ordo.print-capture");
type GlobalWithFlag = typeof globalThis & { [INSTALLED]?: boolean };

const METHODS = [
  ["log", LogLevel.info],
  ["info", LogLevel.info],
  ["warn", LogLevel.warning],
  ["error", LogLevel.error],
  ["debug", LogLevel.debug],
] as const;

/** Wraps the console methods so that runs with `logPrints` capture what they print. */
export function installPrintCapture(): void {
  const g = globalThis as GlobalWithFlag;
  if (g[INSTALLED]) return;
  g[INSTALLED] = true;
  for (const [method, level] of METHODS) {
    const original = originalConsole[method];
    console[method] = (...args: unknown[]): void => {
      const ctx = currentRunContext();
      if (ctx === undefined || !ctx.logPrints) {
        original(...args);
        return;
      }
      ctx.logger.log(level, format(...args));
    };
  }
}
