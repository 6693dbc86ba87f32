/**
 * Holding concurrency slots through the {@link OrdoClient}: acquire (looping on the
 * client's waiting acquire, which returns as soon as a slot frees), renew the lease while
 * the work runs, release at the end. Used by the task engine for tag limits and by the
 * SDK's `concurrency()` and `rateLimit()`.
 *
 * @module
 */
import { OrdoError } from "../errors/ordo-error.js";
import type { OrdoClient } from "../client/ordo-client.js";
import type { SlotAcquire, SlotAcquireResult } from "../schemas/index.js";

/** The longest one acquire call waits before the client asks again, in seconds. */
const POLL_SECONDS = 20;

/** Slots held until {@link HeldSlots.release}. */
export interface HeldSlots {
  /** The answer that granted the slots. */
  readonly answer: SlotAcquireResult;
  /** True when the slots were not free at the first try. */
  readonly waited: boolean;
  /** Releases the slots (lease mode) and stops renewing; never throws. */
  release(): Promise<void>;
}

/** How to wait for slots. */
export interface AcquireOptions {
  /** Give up after this long with `ORDO_CONCURRENCY_TIMEOUT`; undefined waits as long as it takes. */
  readonly timeoutSeconds?: number | undefined;
  /** Called once, when the first try found no room. */
  readonly onWaiting?: ((answer: SlotAcquireResult) => void) | undefined;
  /** Called when a renewal or a release fails (the lease then expires on its own). */
  readonly onError?: ((error: unknown) => void) | undefined;
}

type SlotRequest = Omit<SlotAcquire, "waitSeconds">;

/**
 * Takes the slots of `request` (all its limits or none), waiting for room. A lease is
 * renewed every third of its length until released.
 */
export async function acquireSlots(
  client: OrdoClient,
  request: SlotRequest,
  options: AcquireOptions = {},
): Promise<HeldSlots> {
  const deadline =
    options.timeoutSeconds === undefined ? Infinity : Date.now() + options.timeoutSeconds * 1000;
  let waited = false;
  let answer = await client.acquireConcurrencySlots({ ...request, waitSeconds: 0 });
  while (!answer.granted) {
    if (!waited) {
      waited = true;
      options.onWaiting?.(answer);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) {
      throw new OrdoError(
        "ORDO_CONCURRENCY_TIMEOUT",
        `no concurrency slot of ${answer.blockedBy?.name ?? "the limits"} within ${options.timeoutSeconds}s`,
        { blockedBy: answer.blockedBy, timeoutSeconds: options.timeoutSeconds },
      );
    }
    answer = await client.acquireConcurrencySlots({
      ...request,
      waitSeconds: Math.min(POLL_SECONDS, remaining / 1000),
    });
  }
  if (request.mode === "rate" || answer.limits.length === 0) {
    return { answer, waited, release: () => Promise.resolve() };
  }
  const leaseSeconds = request.leaseSeconds ?? 60;
  const onError = options.onError ?? (() => undefined);
  const timer = setInterval(
    () => {
      client.renewConcurrencySlots({ holder: request.holder, leaseSeconds }).catch(onError);
    },
    (leaseSeconds * 1000) / 3,
  );
  timer.unref();
  let released: Promise<void> | undefined;
  return {
    answer,
    waited,
    release() {
      clearInterval(timer);
      released ??= client.releaseConcurrencySlots({ holder: request.holder }).then(() => undefined, onError);
      return released;
    },
  };
}
