/**
 * Deployments, their schedules and runs through the service layer, on SQLite and
 * PostgreSQL: planned runs are created once, however many schedulers run; changing or
 * pausing schedules removes their future runs; runs are validated against the
 * deployment's parameter schema with nothing created when invalid; backfills fill past
 * slots once.
 */
import { describe, expect, it } from "vitest";
import * as api from "../../../src/api/index.js";
import { scheduleWrite } from "../../../src/api/deployments.js";
import type { FlowRun } from "../../../src/schemas/index.js";
import type { Store } from "../../../src/store/index.js";
import { COSTLY_RRULE } from "../../helpers/schedules.js";
import { storePairBackends, withStorePair } from "../../helpers/store-backends.js";

const backends = storePairBackends("deployments");

const SCHEMA = {
  type: "object",
  properties: { n: { type: "integer", minimum: 1 }, table: { type: "string" } },
  required: ["n"],
  additionalProperties: false,
};

async function runsOf(store: Store, deploymentId: string): Promise<FlowRun[]> {
  return api.readFlowRuns(store, { deploymentIds: [deploymentId], limit: 1000, sort: "OLDEST" });
}

describe.each(backends)("deployments on %s", (_name, open) => {
  it("plans a cron schedule's runs ahead in its time zone, once, even with two schedulers", async () => {
    await withStorePair(open, async (a, b) => {
      await api.createWorkPool(a, { name: "local" });
      const deployment = await api.createDeployment(a, {
        flowName: "etl",
        name: "nightly",
        entrypoint: "flows/etl.ts:etl",
        workPoolName: "local",
        schedules: [{ cron: "0 3 * * *", timezone: "Europe/Berlin" }],
      });
      expect(deployment.schedules[0]).toMatchObject({
        active: true,
        description: "at 03:00 every day (Europe/Berlin)",
      });
      expect(deployment).toMatchObject({
        workPoolName: "local",
        workQueueName: "default",
        status: "NOT_READY",
      });
      const now = Date.now();
      await Promise.all([api.scheduleDeploymentRuns(a, now), api.scheduleDeploymentRuns(b, now)]);
      const runs = await runsOf(a, deployment.id);
      // 100 days ahead at one run a day: 100 runs (max 100), each once.
      expect(runs).toHaveLength(100);
      expect(new Set(runs.map((r) => r.state.scheduledTime)).size).toBe(100);
      for (const run of runs) {
        expect(run.state).toMatchObject({ type: "SCHEDULED", name: "Scheduled" });
        const local = new Intl.DateTimeFormat("en-GB", {
          timeZone: "Europe/Berlin",
          hour: "2-digit",
          minute: "2-digit",
        });
        expect(local.format(run.state.scheduledTime)).toBe("03:00");
        expect(run).toMatchObject({
          deploymentId: deployment.id,
          flowName: "etl",
          entrypoint: "flows/etl.ts:etl",
        });
      }
      expect(await api.scheduleDeploymentRuns(b, now)).toBe(0);
    });
  });

  it("removes the future runs of a changed schedule and of a paused deployment, and plans again on resume", async () => {
    await withStorePair(open, async (store) => {
      const deployment = await api.createDeployment(store, {
        flowName: "report",
        name: "hourly",
        entrypoint: "flows/report.ts:report",
        schedules: [{ interval: 3600 }],
      });
      expect((await runsOf(store, deployment.id)).length).toBe(100);
      const manual = await api.createDeploymentFlowRun(store, deployment.id, {
        scheduledTime: Date.now() + 86_400_000,
      });
      await api.updateDeployment(store, deployment.id, { schedules: [{ interval: 7200 }] });
      const after = await runsOf(store, deployment.id);
      expect(after.every((r) => r.id === manual.id || (r.state.scheduledTime! / 1000) % 7200 === 0)).toBe(
        true,
      );
      expect(after.some((r) => r.id === manual.id)).toBe(true);
      await api.setDeploymentPaused(store, deployment.id, true);
      expect((await runsOf(store, deployment.id)).map((r) => r.id)).toEqual([manual.id]);
      await api.setDeploymentPaused(store, deployment.id, false);
      expect((await runsOf(store, deployment.id)).length).toBe(101);
    });
  });

  it("pauses and resumes one schedule under the same id: its future runs go and come back, the others stay", async () => {
    await withStorePair(open, async (store) => {
      const deployment = await api.createDeployment(store, {
        flowName: "digest",
        name: "two",
        entrypoint: "flows/digest.ts:digest",
        schedules: [{ interval: 3600 }, { cron: "30 6 * * *", slug: "morning" }],
      });
      const [hourly, morning] = deployment.schedules;
      const runsOfSchedule = async (id: string) =>
        (await runsOf(store, deployment.id)).filter((r) => r.scheduleId === id);
      const morningRuns = (await runsOfSchedule(morning!.id)).map((r) => r.id);
      expect(morningRuns.length).toBeGreaterThan(0);

      const paused = await api.updateDeployment(store, deployment.id, {
        schedules: [{ interval: 3600 }, { cron: "30 6 * * *", slug: "morning", active: false }],
      });
      expect(paused.schedules.map((s) => [s.id, s.active])).toEqual([
        [hourly!.id, true],
        [morning!.id, false],
      ]);
      expect(await runsOfSchedule(morning!.id)).toEqual([]);
      expect((await runsOfSchedule(hourly!.id)).length).toBe(100);

      const resumed = await api.updateDeployment(store, deployment.id, {
        schedules: [{ interval: 3600 }, { cron: "30 6 * * *", slug: "morning" }],
      });
      expect(resumed.schedules.map((s) => [s.id, s.active])).toEqual([
        [hourly!.id, true],
        [morning!.id, true],
      ]);
      // Planned again under the same ids: a scheduled run's id comes from its deployment and time.
      expect((await runsOfSchedule(morning!.id)).map((r) => r.id)).toEqual(morningRuns);
    });
  });

  it("validates a run's parameters against the deployment's schema and creates nothing when they are invalid", async () => {
    await withStorePair(open, async (store) => {
      const deployment = await api.createDeployment(store, {
        flowName: "typed",
        name: "d",
        entrypoint: "flows/typed.ts:typed",
        parameters: { table: "users" },
        parameterSchema: SCHEMA,
      });
      const bad = api.createDeploymentFlowRun(store, "typed/d", { parameters: { n: 0 } });
      await expect(bad).rejects.toMatchObject({
        code: "ORDO_INVALID_PARAMETERS",
        details: { issues: [{ path: "n", message: "must be >= 1" }] },
      });
      await expect(api.createDeploymentFlowRun(store, "typed/d", { parameters: {} })).rejects.toMatchObject({
        code: "ORDO_INVALID_PARAMETERS",
        details: { issues: [{ path: "n" }] },
      });
      expect(await runsOf(store, deployment.id)).toHaveLength(0);
      const run = await api.createDeploymentFlowRun(store, "typed/d", { parameters: { n: 2 } });
      expect(run.parameters).toEqual({ table: "users", n: 2 });
      await expect(
        api.createDeployment(store, {
          flowName: "typed",
          name: "e",
          entrypoint: "x.ts:y",
          parameters: { n: "x" },
          parameterSchema: SCHEMA,
        }),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_PARAMETERS" });
      // A schedule whose runs the schema would refuse is refused when written.
      const scheduled = (parameters: Record<string, unknown>) =>
        api.createDeployment(store, {
          flowName: "typed",
          name: "g",
          entrypoint: "x.ts:y",
          parameters: { table: "users" },
          parameterSchema: SCHEMA,
          schedules: [{ interval: 3600, parameters }],
        });
      await expect(scheduled({ n: 0 })).rejects.toMatchObject({
        code: "ORDO_INVALID_PARAMETERS",
        details: { issues: [{ path: "n" }] },
      });
      await expect(scheduled({ n: 1, tabel: "events" })).rejects.toMatchObject({
        code: "ORDO_INVALID_PARAMETERS",
        details: { issues: [{ path: "tabel" }] },
      });
      await expect(api.readDeployment(store, "typed/g")).rejects.toMatchObject({ code: "ORDO_NOT_FOUND" });
      expect((await scheduled({ n: 1 })).schedules).toHaveLength(1);
      await expect(
        api.updateDeployment(store, "typed/g", { schedules: [{ interval: 60, parameters: { m: 1 } }] }),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_PARAMETERS", details: { issues: [{ path: "m" }] } });
      // New defaults are checked over the stored schedules' own parameters, and refused with nothing written.
      await api.createDeployment(store, {
        flowName: "single",
        name: "h",
        entrypoint: "x.ts:y",
        parameterSchema: { ...SCHEMA, maxProperties: 1 },
        schedules: [{ interval: 3600, parameters: { n: 1 } }],
      });
      await expect(
        api.updateDeployment(store, "single/h", { parameters: { table: "users" } }),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_PARAMETERS" });
      expect((await api.readDeployment(store, "single/h")).parameters).toEqual({});
      await expect(
        api.createDeployment(store, {
          flowName: "typed",
          name: "f",
          entrypoint: "x.ts:y",
          workPoolName: "missing",
        }),
      ).rejects.toMatchObject({
        code: "ORDO_NOT_FOUND",
      });
      await expect(api.readDeployment(store, "typed/none")).rejects.toMatchObject({ code: "ORDO_NOT_FOUND" });
    });
  });

  it("checks job variables against the pool's template", async () => {
    await withStorePair(open, async (store) => {
      await api.createWorkPool(store, { name: "jobs" });
      await expect(
        api.createDeployment(store, {
          flowName: "f",
          name: "d",
          entrypoint: "f.ts:f",
          workPoolName: "jobs",
          jobVariables: { env: { A: 1 } },
        }),
      ).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
        details: { issues: [{ path: "jobVariables.env.A" }] },
      });
      const ok = await api.createDeployment(store, {
        flowName: "f",
        name: "d",
        entrypoint: "f.ts:f",
        workPoolName: "jobs",
        jobVariables: { env: { A: "1" }, workingDir: "/tmp" },
      });
      expect(ok.jobVariables).toEqual({ env: { A: "1" }, workingDir: "/tmp" });
      await expect(
        api.createDeploymentFlowRun(store, ok.id, { jobVariables: { cpu: 2 } }),
      ).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
        message: "invalid jobVariables: cpu: is not allowed (not a property of the schema)",
        details: { issues: [{ path: "jobVariables.cpu" }] },
      });
    });
  });

  it("names the flow's deployments when a deployment is not found by a flow's name or a mistyped name", async () => {
    await withStorePair(open, async (store) => {
      for (const name of ["nightly", "hourly"]) {
        await api.createDeployment(store, { flowName: "etl", name, entrypoint: "f.ts:etl" });
      }
      await expect(api.readDeployment(store, "etl")).rejects.toMatchObject({
        code: "ORDO_NOT_FOUND",
        message:
          "no deployment with id etl (name one as FLOW/DEPLOYMENT; its flow has etl/hourly, etl/nightly)",
        details: { deployments: ["etl/hourly", "etl/nightly"] },
      });
      await expect(api.readDeployment(store, "etl/nighty")).rejects.toMatchObject({
        code: "ORDO_NOT_FOUND",
        message: "no deployment named etl/nighty (its flow has etl/hourly, etl/nightly)",
      });
      await expect(api.readDeployment(store, "other/x")).rejects.toMatchObject({
        message: "no deployment named other/x",
      });
      await expect(api.readDeployment(store, "nothing")).rejects.toMatchObject({
        message: "no deployment with id nothing",
      });
    });
  });

  it("creates a missing work queue of its pool, but not when the deployment is refused, nor a missing pool", async () => {
    await withStorePair(open, async (store) => {
      await api.createWorkPool(store, { name: "jobs" });
      const base = { flowName: "f", name: "d", entrypoint: "f.ts:f", workPoolName: "jobs" };
      await expect(
        api.createDeployment(store, {
          ...base,
          workQueueName: "fast",
          parameterSchema: SCHEMA,
          parameters: { n: 0 },
        }),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_PARAMETERS" });
      expect((await api.readWorkQueues(store, "jobs")).map((q) => q.name)).toEqual(["default"]);

      const deployment = await api.createDeployment(store, { ...base, workQueueName: "fast" });
      const queues = await api.readWorkQueues(store, "jobs");
      expect(queues.map((q) => [q.name, q.priority])).toEqual([
        ["default", 1],
        ["fast", 2],
      ]);
      expect(deployment.workQueueName).toBe("fast");
      const run = await api.createDeploymentFlowRun(store, deployment.id);
      expect(run.workQueueId).toBe(queues[1]!.id);
      // Deployed again: the same queue.
      await api.createDeployment(store, { ...base, workQueueName: "fast" });
      expect(await api.readWorkQueues(store, "jobs")).toHaveLength(2);

      await expect(
        api.createDeployment(store, { ...base, workPoolName: "nowhere", workQueueName: "fast" }),
      ).rejects.toMatchObject({ code: "ORDO_NOT_FOUND", message: expect.stringContaining("nowhere") });
    });
  });

  it("refuses a schedule it cannot plan with nothing written; a stored one that fails stops neither the others nor edits", async () => {
    await withStorePair(open, async (store) => {
      const heavy = { flowName: "heavy", name: "minutes", entrypoint: "h.ts:h" };
      await expect(
        api.createDeployment(store, { ...heavy, schedules: [{ rrule: COSTLY_RRULE }] }),
      ).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
        details: { issues: [{ path: "schedules.0" }] },
      });
      expect(await api.readDeployments(store, { flowName: "heavy" })).toEqual([]);

      const created = await api.createDeployment(store, { ...heavy, schedules: [{ interval: 60 }] });
      await expect(
        api.updateDeployment(store, created.id, { schedules: [{ rrule: COSTLY_RRULE }] }),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_INPUT" });
      expect((await api.readDeployment(store, created.id)).schedules).toMatchObject([
        { schedule: { interval: 60 } },
      ]);

      // A stored schedule that can no longer be planned does not stop the scheduler.
      const now = Date.now();
      await store.records.deployments.replaceSchedules(
        created.id,
        [scheduleWrite({ rrule: COSTLY_RRULE, active: true, parameters: {} })],
        now,
      );
      const light = await api.createDeployment(store, {
        flowName: "light",
        name: "hourly",
        entrypoint: "l.ts:l",
      });
      await store.records.deployments.replaceSchedules(
        light.id,
        [scheduleWrite({ interval: 3600, active: true, parameters: {} })],
        now,
      );
      await expect(api.scheduleDeploymentRuns(store, now)).rejects.toThrow(/heavy\/minutes: .*later DTSTART/);
      expect(await runsOf(store, light.id)).toHaveLength(100);
      // Its deployment can still be changed and paused: the write is answered, not failed.
      const edited = await api.updateDeployment(store, created.id, { description: "still editable" });
      expect(edited.description).toBe("still editable");
      expect((await api.setDeploymentPaused(store, created.id, true)).paused).toBe(true);
      expect((await api.setDeploymentPaused(store, created.id, false)).paused).toBe(false);
    });
  });

  it("backfills past slots once: both ends included, a second backfill finds them", async () => {
    await withStorePair(open, async (store) => {
      const deployment = await api.createDeployment(store, {
        flowName: "bf",
        name: "hourly",
        entrypoint: "bf.ts:bf",
        schedules: [{ cron: "0 * * * *" }],
      });
      const from = Date.parse("2026-01-01T00:00:00Z");
      const to = Date.parse("2026-01-01T05:00:00Z");
      const first = await api.backfillDeployment(store, deployment.id, { from, to });
      expect(first).toMatchObject({ created: 6, existing: 0 });
      const again = await api.backfillDeployment(store, "bf/hourly", { from, to });
      expect(again).toMatchObject({ created: 0, existing: 6 });
      const past = (await runsOf(store, deployment.id)).filter((r) => r.state.scheduledTime! <= to);
      expect(past.map((r) => new Date(r.state.scheduledTime!).toISOString())).toEqual(
        [0, 1, 2, 3, 4, 5].map((h) => `2026-01-01T0${h}:00:00.000Z`),
      );
    });
  });

  it("makes one run per distinct parameters when schedules fire at the same time, once, planned or backfilled", async () => {
    await withStorePair(open, async (a, b) => {
      const noon = { cron: "0 12 * * *", timezone: "UTC" };
      const deployment = await api.createDeployment(a, {
        flowName: "etl",
        name: "tables",
        entrypoint: "flows/etl.ts:etl",
        parameters: { n: 1 },
        parameterSchema: SCHEMA,
        schedules: [
          { ...noon, parameters: { table: "users" } },
          { ...noon, parameters: { table: "events" } },
          { ...noon, parameters: { table: "users" } }, // the same runs as the first
          noon,
        ],
      });
      const now = Date.now();
      await Promise.all([api.scheduleDeploymentRuns(a, now), api.scheduleDeploymentRuns(b, now)]);
      const planned = await runsOf(a, deployment.id);
      const tables = (runs: readonly FlowRun[]) =>
        new Map(
          [...new Set(runs.map((r) => r.state.scheduledTime))].map((time) => [
            time,
            runs
              .filter((r) => r.state.scheduledTime === time)
              .map((r) => String(r.parameters["table"]))
              .sort(),
          ]),
        );
      const byTime = tables(planned);
      expect(byTime.size).toBe(100);
      for (const names of byTime.values()) expect(names).toEqual(["events", "undefined", "users"]);
      // The first schedule's runs keep the ids that runs planned before this distinction had.
      for (const run of planned.filter((r) => r.parameters["table"] === "users"))
        expect(run.id).toBe(api.scheduledRunId(deployment.id, run.state.scheduledTime!));
      expect(await api.scheduleDeploymentRuns(b, now)).toBe(0);

      const from = Date.parse("2026-01-01T00:00:00Z");
      const to = Date.parse("2026-01-02T23:59:59Z");
      expect(await api.backfillDeployment(a, deployment.id, { from, to })).toMatchObject({
        created: 6,
        existing: 0,
      });
      expect(await api.backfillDeployment(b, deployment.id, { from, to })).toMatchObject({
        created: 0,
        existing: 6,
      });
      const past = (await runsOf(a, deployment.id)).filter((r) => r.state.scheduledTime! <= to);
      expect([...tables(past).values()]).toEqual([
        ["events", "undefined", "users"],
        ["events", "undefined", "users"],
      ]);
    });
  });
});
