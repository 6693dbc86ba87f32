/**
 * `concurrency()` and `rateLimit()`: global concurrency limits and rate limits in code,
 * inside or outside flows, embedded or through a server.
 *
 * @module
 */
import { uuid7 } from "../ids/uuid7.js";
import { currentRunContext } from "../engine/context.js";
import { acquireSlots } from "../engine/concurrency-slots.js";
import { originalConsole } from "../engine/logger.js";
import { loadSettings } from "../settings/index.js";
import type { SlotAcquireResult } from "../schemas/index.js";
import { currentClient } from "./current-client.js";

/** Options of {@link concurrency} and {@link rateLimit}. */
export interface ConcurrencyOptions {
  /** How many slots of each limit to take (default 1). */
  readonly occupy?: number | undefined;
  /** Give up after this long with `ORDO_CONCURRENCY_TIMEOUT` (default: wait as long as it takes). */
  readonly timeoutSeconds?: number | undefined;
  /** A limit that does not exist is `ORDO_CONCURRENCY_LIMIT_NOT_FOUND` (default false: it limits nothing). */
  readonly strict?: boolean | undefined;
}

/** How long a `concurrency()` lease lasts unrenewed, in seconds (renewed while `fn` runs). */
const LEASE_SECONDS = 60;

let debugSetting: boolean | undefined;
function debug(message: string): void {
  const ctx = currentRunContext();
  if (ctx !== undefined) {
    ctx.logger.debug(message);
    return;
  }
  if (debugSetting === undefined) {
    try {
      debugSetting = loadSettings().ORDO_LOGGING_LEVEL === "debug";
    } catch {
      debugSetting = false;
    }
  }
  if (debugSetting) originalConsole.error(message);
}

function namesOf(name: string | readonly string[]): string[] {
  return typeof name === "string" ? [name] : [...name];
}

function reportMissing(answer: SlotAcquireResult): void {
  if (answer.missing.length > 0) {
    debug(`no concurrency limit named ${answer.missing.join(", ")}: it limits nothing`);
  }
}

/**
 * Runs `fn` holding `occupy` slots of every named global limit (all or none), and
 * releases them when `fn` settles. A limit that does not exist limits nothing (a debug
 * log line says so) unless `strict` is set.
 *
 * @example
 * ```ts
 * const rows = await concurrency("warehouse", { occupy: 1, timeoutSeconds: 60 }, () => query(sql));
 * ```
 */
export async function concurrency<T>(
  name: string | readonly string[],
  options: ConcurrencyOptions,
  fn: () => Promise<T> | T,
): Promise<T> {
  const client = await currentClient();
  const held = await acquireSlots(
    client,
    {
      names: namesOf(name),
      holder: uuid7(),
      slots: options.occupy ?? 1,
      mode: "lease",
      leaseSeconds: LEASE_SECONDS,
      strict: options.strict ?? false,
    },
    { timeoutSeconds: options.timeoutSeconds },
  );
  reportMissing(held.answer);
  try {
    return await fn();
  } finally {
    await held.release();
  }
}

/**
 * Waits until `occupy` slots of every named rate limit (a global limit with
 * `slotDecayPerSecond` > 0) are free, and takes them without releasing: they free
 * themselves at the limit's decay rate. So calls pass at most at that rate.
 *
 * @example
 * ```ts
 * // ordo global-concurrency-limit create github-api --limit 5 --slot-decay-per-second 1
 * for (const repo of repos) {
 *   await rateLimit("github-api");
 *   await fetchRepo(repo);
 * }
 * ```
 */
export async function rateLimit(
  name: string | readonly string[],
  options: ConcurrencyOptions = {},
): Promise<void> {
  const client = await currentClient();
  const held = await acquireSlots(
    client,
    {
      names: namesOf(name),
      holder: uuid7(),
      slots: options.occupy ?? 1,
      mode: "rate",
      strict: options.strict ?? false,
    },
    { timeoutSeconds: options.timeoutSeconds },
  );
  reportMissing(held.answer);
}
