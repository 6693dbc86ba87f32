import { describe, expect, it } from "vitest";
import {
  deploymentOptionsFromFlags,
  scheduleFromFlags,
  type DeployCliOptions,
} from "../../../src/cli/deploy-flags.js";
import { OrdoError } from "../../../src/errors/ordo-error.js";

const none: DeployCliOptions = { param: [], tag: [], jobVariable: [], file: "ordo.yaml" };
const flags = (extra: Partial<DeployCliOptions>) =>
  deploymentOptionsFromFlags("nightly", { ...none, ...extra });
const refusal = (extra: Partial<DeployCliOptions>) => {
  try {
    flags(extra);
  } catch (error) {
    if (error instanceof OrdoError) return error;
    throw error;
  }
  throw new Error("expected the flags to be refused");
};

describe("ordo deploy's flags", () => {
  it("give the deployment's schedule, parameters, tags and limit", () => {
    expect(
      flags({
        interval: "3600",
        anchorDate: "2026-01-01T00:15:00Z",
        param: ["table=users", "n=5"],
        tag: ["etl"],
        concurrencyLimit: "1",
        collisionStrategy: "cancel_new",
      }),
    ).toMatchObject({
      name: "nightly",
      interval: 3600,
      anchorDate: "2026-01-01T00:15:00Z",
      parameters: { table: "users", n: 5 },
      tags: ["etl"],
      concurrencyLimit: 1,
      collisionStrategy: "CANCEL_NEW",
    });
  });

  it("take an anchor in ms since the epoch as a number", () => {
    expect(flags({ interval: "60", anchorDate: "1767225600000" }).anchorDate).toBe(1_767_225_600_000);
  });

  it("take a stale policy, with --stale-after as a duration", () => {
    expect(flags({ stalePolicy: "expire", staleAfter: "10m" })).toMatchObject({
      stalePolicy: "EXPIRE",
      staleAfterSeconds: 600,
    });
    expect(flags({ stalePolicy: "SKIP_IF_NEWER" })).toMatchObject({ stalePolicy: "SKIP_IF_NEWER" });
    expect(flags({ staleAfter: "90" })).toMatchObject({ stalePolicy: "EXPIRE", staleAfterSeconds: 90 });
    expect(flags({})).toMatchObject({ stalePolicy: undefined, staleAfterSeconds: undefined });
  });

  it("are refused with ORDO_INVALID_INPUT naming the flag", () => {
    const cases: [Partial<DeployCliOptions>, string][] = [
      [{ interval: "0" }, '--interval must be a positive number of seconds, got "0"'],
      [{ anchorDate: "2026-01-01T00:00:00Z" }, "--anchor-date goes with --interval"],
      [{ stalePolicy: "LATER" }, '--stale-policy must be RUN_ANYWAY, SKIP_IF_NEWER or EXPIRE, got "LATER"'],
      [{ stalePolicy: "EXPIRE" }, "--stale-policy EXPIRE needs --stale-after"],
      [{ staleAfter: "soon" }, '--stale-after must be a duration like 90s, 10m, 2h or 1d, got "soon"'],
      [{ staleAfter: "0.5" }, '--stale-after must be a whole number of seconds ≥ 1, got "0.5"'],
      [{ collisionStrategy: "WAIT" }, "--collision-strategy must be ENQUEUE or CANCEL_NEW"],
      [{ concurrencyLimit: "-1" }, '--concurrency-limit must be a whole number, got "-1"'],
    ];
    for (const [extra, message] of cases) {
      const error = refusal(extra);
      expect(error.code).toBe("ORDO_INVALID_INPUT");
      expect(error.message).toContain(message);
    }
  });
});

describe("one schedule from flags (ordo deployment schedule create)", () => {
  it("is the cron, interval (with its anchor) or rrule given, with its time zone", () => {
    expect(scheduleFromFlags({ cron: "0 6 * * 1-5", timezone: "Europe/Berlin" })).toEqual({
      cron: "0 6 * * 1-5",
      timezone: "Europe/Berlin",
    });
    expect(scheduleFromFlags({ interval: "900", anchorDate: "2026-01-01T00:05:00Z" })).toEqual({
      interval: 900,
      anchorDate: "2026-01-01T00:05:00Z",
    });
    expect(scheduleFromFlags({ rrule: "FREQ=WEEKLY;BYDAY=MO" })).toEqual({ rrule: "FREQ=WEEKLY;BYDAY=MO" });
  });

  it.each([
    [{}, "give one of --cron, --interval or --rrule"],
    [
      { cron: "0 6 * * *", interval: "60" },
      "give one of --cron, --interval or --rrule, not --cron and --interval",
    ],
    [{ interval: "0" }, '--interval must be a positive number of seconds, got "0"'],
    [{ cron: "0 6 * * *", anchorDate: "2026-01-01" }, "--anchor-date goes with --interval"],
  ])("refuses %j: %s", (given, message) => {
    expect(() => scheduleFromFlags(given)).toThrow(message);
  });
});
