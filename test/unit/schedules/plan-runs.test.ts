import { describe, expect, it } from "vitest";
import {
  backfillSlots,
  backfillTimes,
  planScheduledRuns,
  slotVariant,
  type PlannedRun,
} from "../../../src/schedules/index.js";
import { isoList, ms } from "./helpers.js";

const NOW = ms("2024-01-01T00:00:00Z");
const times = (runs: readonly PlannedRun[]): string[] => isoList(runs.map((run) => run.time));

describe("planScheduledRuns", () => {
  it("plans at most 100 runs per schedule by default", () => {
    const runs = planScheduledRuns([{ id: "hourly", spec: { interval: 3600 }, active: true }], { now: NOW });
    expect(runs).toHaveLength(100);
    expect(times(runs).at(0)).toBe("2024-01-01T01:00:00.000Z");
    expect(times(runs).at(-1)).toBe("2024-01-05T04:00:00.000Z");
  });

  it("plans no further than 100 days ahead by default", () => {
    const runs = planScheduledRuns([{ id: "daily", spec: { cron: "0 6 * * *" }, active: true }], {
      now: NOW,
    });
    expect(runs).toHaveLength(100);
    const weekly = planScheduledRuns([{ id: "weekly", spec: { cron: "0 6 * * 1" }, active: true }], {
      now: NOW,
    });
    expect(weekly).toHaveLength(15);
    expect(times(weekly).at(-1)).toBe("2024-04-08T06:00:00.000Z"); // the horizon is 2024-04-10T00:00Z
  });

  it("plans at least 3 runs even beyond maxDays: a yearly cron", () => {
    const runs = planScheduledRuns([{ id: "yearly", spec: { cron: "0 0 1 7 *" }, active: true }], {
      now: NOW,
    });
    expect(times(runs)).toEqual([
      "2024-07-01T00:00:00.000Z",
      "2025-07-01T00:00:00.000Z",
      "2026-07-01T00:00:00.000Z",
    ]);
  });

  it("caps minRuns by maxRuns", () => {
    const runs = planScheduledRuns([{ id: "yearly", spec: { cron: "0 0 1 7 *" }, active: true }], {
      now: NOW,
      maxRuns: 2,
    });
    expect(times(runs)).toEqual(["2024-07-01T00:00:00.000Z", "2025-07-01T00:00:00.000Z"]);
  });

  it("honours maxRuns and maxDays given", () => {
    const runs = planScheduledRuns([{ id: "hourly", spec: { interval: 3600 }, active: true }], {
      now: NOW,
      maxRuns: 50,
      maxDays: 0.125,
      minRuns: 1,
    });
    expect(times(runs)).toEqual([
      "2024-01-01T01:00:00.000Z",
      "2024-01-01T02:00:00.000Z",
      "2024-01-01T03:00:00.000Z",
    ]);
  });

  it("skips inactive schedules", () => {
    const runs = planScheduledRuns(
      [
        { id: "off", spec: { interval: 60 }, active: false },
        { id: "on", spec: { cron: "0 12 * * *" }, active: true },
      ],
      { now: NOW, maxRuns: 2 },
    );
    expect(runs).toEqual([
      { scheduleId: "on", variant: "", time: ms("2024-01-01T12:00:00Z") },
      { scheduleId: "on", variant: "", time: ms("2024-01-02T12:00:00Z") },
    ]);
  });

  it("merges schedules by time and plans a time shared by two schedules once, for the first", () => {
    const runs = planScheduledRuns(
      [
        { id: "six-hourly", spec: { interval: 6 * 3600 }, active: true },
        { id: "noon", spec: { cron: "0 12 * * *" }, active: true },
      ],
      { now: NOW, maxRuns: 2 },
    );
    expect(runs).toEqual([
      { scheduleId: "six-hourly", variant: "", time: ms("2024-01-01T06:00:00Z") },
      { scheduleId: "six-hourly", variant: "", time: ms("2024-01-01T12:00:00Z") },
      { scheduleId: "noon", variant: "", time: ms("2024-01-02T12:00:00Z") },
    ]);
  });

  it("plans a time shared by two schedules once per distinct parameters", () => {
    const noon = { cron: "0 12 * * *" };
    const runs = planScheduledRuns(
      [
        { id: "users", spec: noon, active: true, parameters: { table: "users" } },
        { id: "events", spec: noon, active: true, parameters: { table: "events" } },
        { id: "users-again", spec: noon, active: true, parameters: { table: "users" } },
        { id: "plain", spec: noon, active: true },
      ],
      { now: NOW, maxRuns: 1 },
    );
    expect(runs.map((run) => run.scheduleId).sort()).toEqual(["events", "plain", "users"]);
    expect(new Set(runs.map((run) => run.time))).toEqual(new Set([ms("2024-01-01T12:00:00Z")]));
    // The first schedule's run keeps the id a time had before parameters told runs apart.
    expect(runs[0]).toMatchObject({ scheduleId: "users", variant: "" });
    expect(new Set(runs.slice(1).map((run) => run.variant))).toEqual(
      new Set([slotVariant({ table: "events" }), slotVariant({})]),
    );
  });

  it("leaves out times that already have a run, which still count toward the cap", () => {
    const runs = planScheduledRuns([{ id: "hourly", spec: { interval: 3600 }, active: true }], {
      now: NOW,
      maxRuns: 3,
      existing: new Set([ms("2024-01-01T01:00:00Z"), ms("2024-01-01T02:00:00Z")]),
    });
    expect(runs).toEqual([{ scheduleId: "hourly", variant: "", time: ms("2024-01-01T03:00:00Z") }]);
  });

  it("plans nothing for no schedules", () => {
    expect(planScheduledRuns([], { now: NOW })).toEqual([]);
  });
});

describe("slotVariant", () => {
  it("is the same for equal parameters in any key order, and none count as {}", () => {
    expect(slotVariant(undefined)).toBe(slotVariant({}));
    expect(slotVariant({ a: 1, b: [2] })).toBe(slotVariant({ b: [2], a: 1 }));
    expect(slotVariant({ a: 1 })).not.toBe(slotVariant({ a: 2 }));
  });
});

describe("backfillSlots", () => {
  it("returns each past slot once per distinct parameters, oldest first, at most `max`", () => {
    const hourly = { cron: "0 * * * *" };
    const slots = backfillSlots(
      [
        { id: "a", spec: hourly, active: true, parameters: { n: 1 } },
        { id: "b", spec: hourly, active: true, parameters: { n: 2 } },
        { id: "off", spec: hourly, active: false, parameters: { n: 3 } },
      ],
      ms("2024-01-01T01:00:00Z"),
      ms("2024-01-01T02:00:00Z"),
      3,
    );
    expect(
      slots.map((slot) => [new Date(slot.time).toISOString(), slot.scheduleId].join(" ")).sort(),
    ).toEqual(["2024-01-01T01:00:00.000Z a", "2024-01-01T01:00:00.000Z b", "2024-01-01T02:00:00.000Z a"]);
  });
});

describe("backfillTimes", () => {
  it("returns the slots from `from` to `to`, both inclusive", () => {
    const slots = backfillTimes(
      { cron: "0 * * * *" },
      ms("2024-01-01T00:00:00Z"),
      ms("2024-01-01T03:00:00Z"),
      100,
    );
    expect(isoList(slots)).toEqual([
      "2024-01-01T00:00:00.000Z",
      "2024-01-01T01:00:00.000Z",
      "2024-01-01T02:00:00.000Z",
      "2024-01-01T03:00:00.000Z",
    ]);
  });

  it("returns at most `max`, the earliest", () => {
    const slots = backfillTimes(
      { interval: 86_400 },
      ms("2024-01-01T00:00:00Z"),
      ms("2024-12-31T00:00:00Z"),
      2,
    );
    expect(isoList(slots)).toEqual(["2024-01-01T00:00:00.000Z", "2024-01-02T00:00:00.000Z"]);
  });

  it("returns nothing for an empty or reversed range", () => {
    expect(
      backfillTimes({ cron: "0 * * * *" }, ms("2024-01-01T00:10:00Z"), ms("2024-01-01T00:50:00Z"), 10),
    ).toEqual([]);
    expect(
      backfillTimes({ cron: "0 * * * *" }, ms("2024-01-02T00:00:00Z"), ms("2024-01-01T00:00:00Z"), 10),
    ).toEqual([]);
  });
});
