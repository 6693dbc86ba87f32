/**
 * A deployment's schedules one at a time, through the service layer, on SQLite and
 * PostgreSQL: adding, changing and deleting one schedule leaves the others and their
 * planned runs alone; edits from two servers at once both land; bad input is refused with
 * nothing written.
 */
import { describe, expect, it } from "vitest";
import * as api from "../../../src/api/index.js";
import type { FlowRun } from "../../../src/schemas/index.js";
import type { Store } from "../../../src/store/index.js";
import { COSTLY_RRULE } from "../../helpers/schedules.js";
import { storePairBackends, withStorePair } from "../../helpers/store-backends.js";

const backends = storePairBackends("schedules");

async function runsOf(store: Store, deploymentId: string, scheduleId?: string): Promise<FlowRun[]> {
  const runs = await api.readFlowRuns(store, { deploymentIds: [deploymentId], limit: 1000, sort: "OLDEST" });
  return scheduleId === undefined ? runs : runs.filter((r) => r.scheduleId === scheduleId);
}

const HOUR = 3600;

describe.each(backends)("a deployment's schedules one at a time on %s", (_name, open) => {
  it("adds a schedule beside the others: their ids and planned runs stay, the new one's runs are planned", async () => {
    await withStorePair(open, async (store) => {
      const deployment = await api.createDeployment(store, {
        flowName: "etl",
        name: "hourly",
        entrypoint: "flows/etl.ts:etl",
        schedules: [{ interval: HOUR, slug: "hourly" }],
      });
      const [hourly] = deployment.schedules;
      const hourlyRuns = (await runsOf(store, deployment.id, hourly!.id)).map((r) => r.id);
      expect(hourlyRuns).toHaveLength(100);

      const added = await api.createDeploymentSchedules(store, "etl/hourly", [
        { cron: "0 6 * * *", timezone: "Europe/Berlin", slug: "morning", parameters: { table: "events" } },
      ]);
      expect(added).toEqual([
        expect.objectContaining({
          active: true,
          slug: "morning",
          parameters: { table: "events" },
          description: "at 06:00 every day (Europe/Berlin)",
        }),
      ]);
      expect(await api.readDeploymentSchedules(store, deployment.id)).toEqual([hourly, added[0]]);
      expect((await runsOf(store, deployment.id, hourly!.id)).map((r) => r.id)).toEqual(hourlyRuns);
      const morningRuns = await runsOf(store, deployment.id, added[0]!.id);
      expect(morningRuns.length).toBeGreaterThan(0);
      expect(morningRuns.every((r) => r.parameters["table"] === "events")).toBe(true);
    });
  });

  it("keeps both schedules when two servers add one each at the same moment", async () => {
    await withStorePair(open, async (a, b) => {
      const deployment = await api.createDeployment(a, {
        flowName: "etl",
        name: "both",
        entrypoint: "flows/etl.ts:etl",
      });
      await Promise.all([
        api.createDeploymentSchedules(a, deployment.id, [{ interval: HOUR, slug: "a" }]),
        api.createDeploymentSchedules(b, deployment.id, [{ interval: 2 * HOUR, slug: "b" }]),
        api.createDeploymentSchedules(a, deployment.id, [{ cron: "0 3 * * *", slug: "c" }]),
      ]);
      const slugs = (await api.readDeploymentSchedules(b, deployment.id)).map((s) => s.slug);
      expect(slugs.sort()).toEqual(["a", "b", "c"]);
    });
  });

  it("adds a schedule once when the same request, with its client-made id, comes again or twice at once", async () => {
    await withStorePair(open, async (a, b) => {
      const deployment = await api.createDeployment(a, {
        flowName: "etl",
        name: "retried",
        entrypoint: "flows/etl.ts:etl",
      });
      const request = [{ id: "01a2b3c4-0000-7000-8000-00000000cafe", interval: HOUR, slug: "hourly" }];
      const [first] = await api.createDeploymentSchedules(a, deployment.id, request);
      expect(first).toMatchObject({ id: request[0]!.id, slug: "hourly" });
      const runs = (await runsOf(a, deployment.id)).map((r) => r.id);
      expect(await api.createDeploymentSchedules(b, deployment.id, request)).toEqual([first]);
      expect(await api.readDeploymentSchedules(a, deployment.id)).toEqual([first]);
      expect((await runsOf(a, deployment.id)).map((r) => r.id)).toEqual(runs);

      const again = [{ id: "01a2b3c4-0000-7000-8000-00000000beef", cron: "0 3 * * *" }];
      const answers = await Promise.all([
        api.createDeploymentSchedules(a, deployment.id, again),
        api.createDeploymentSchedules(b, deployment.id, again),
      ]);
      expect(answers.map((added) => added.map((s) => s.id))).toEqual([[again[0]!.id], [again[0]!.id]]);
      expect(await api.readDeploymentSchedules(a, deployment.id)).toHaveLength(2);

      const other = await api.createDeployment(a, { flowName: "etl", name: "other", entrypoint: "x.ts:y" });
      await expect(api.createDeploymentSchedules(a, other.id, request)).rejects.toMatchObject({
        code: "ORDO_CONFLICT",
        message: `schedule id ${request[0]!.id} is taken by another deployment's schedule`,
      });
      expect(await api.readDeploymentSchedules(a, other.id)).toEqual([]);
    });
  });

  it("pauses one schedule by slug under its id: its future runs go, the others stay; resuming plans them again", async () => {
    await withStorePair(open, async (store) => {
      const deployment = await api.createDeployment(store, {
        flowName: "digest",
        name: "two",
        entrypoint: "flows/digest.ts:digest",
        schedules: [{ interval: HOUR }, { cron: "30 6 * * *", slug: "morning" }],
      });
      const [hourly, morning] = deployment.schedules;
      const hourlyRuns = (await runsOf(store, deployment.id, hourly!.id)).map((r) => r.id);
      const morningRuns = (await runsOf(store, deployment.id, morning!.id)).map((r) => r.id);
      expect(morningRuns.length).toBeGreaterThan(0);

      const paused = await api.updateDeploymentSchedule(store, "digest/two", "morning", { active: false });
      expect(paused).toMatchObject({ id: morning!.id, active: false, slug: "morning" });
      expect(await runsOf(store, deployment.id, morning!.id)).toEqual([]);
      expect((await runsOf(store, deployment.id, hourly!.id)).map((r) => r.id)).toEqual(hourlyRuns);

      const resumed = await api.updateDeploymentSchedule(store, deployment.id, morning!.id, { active: true });
      expect(resumed).toMatchObject({ id: morning!.id, active: true });
      expect((await runsOf(store, deployment.id, morning!.id)).map((r) => r.id)).toEqual(morningRuns);
    });
  });

  it("replans one schedule whose spec or parameters change; an unchanged value leaves its runs alone", async () => {
    await withStorePair(open, async (store) => {
      const deployment = await api.createDeployment(store, {
        flowName: "report",
        name: "r",
        entrypoint: "flows/report.ts:report",
        schedules: [{ interval: HOUR, slug: "s" }],
      });
      const [schedule] = deployment.schedules;
      const before = (await runsOf(store, deployment.id)).map((r) => r.id);

      await api.updateDeploymentSchedule(store, deployment.id, "s", {
        schedule: { interval: HOUR },
        parameters: {},
        slug: "s",
      });
      expect((await runsOf(store, deployment.id)).map((r) => r.id)).toEqual(before);

      const changed = await api.updateDeploymentSchedule(store, deployment.id, "s", {
        schedule: { interval: 2 * HOUR },
        parameters: { table: "users" },
      });
      expect(changed).toMatchObject({ id: schedule!.id, schedule: { interval: 2 * HOUR } });
      const after = await runsOf(store, deployment.id);
      expect(after).toHaveLength(100);
      for (const run of after) {
        expect((run.state.scheduledTime! / 1000) % (2 * HOUR)).toBe(0);
        expect(run.parameters).toEqual({ table: "users" });
      }
      // A slug set to null is removed.
      expect(
        await api.updateDeploymentSchedule(store, deployment.id, "s", { slug: null }),
      ).not.toHaveProperty("slug", "s");
    });
  });

  it("deletes one schedule with its future runs; a manual run and the other schedule's runs stay", async () => {
    await withStorePair(open, async (store) => {
      const deployment = await api.createDeployment(store, {
        flowName: "cleanup",
        name: "c",
        entrypoint: "flows/cleanup.ts:cleanup",
        schedules: [
          { interval: HOUR, slug: "keep" },
          { interval: 2 * HOUR + 60, slug: "drop" },
        ],
      });
      const [keep, drop] = deployment.schedules;
      const manual = await api.createDeploymentFlowRun(store, deployment.id, {
        scheduledTime: Date.now() + 86_400_000,
      });
      const kept = (await runsOf(store, deployment.id, keep!.id)).map((r) => r.id);

      await api.deleteDeploymentSchedule(store, "cleanup/c", drop!.id);
      expect((await api.readDeploymentSchedules(store, deployment.id)).map((s) => s.id)).toEqual([keep!.id]);
      expect(await runsOf(store, deployment.id, drop!.id)).toEqual([]);
      expect((await runsOf(store, deployment.id, keep!.id)).map((r) => r.id)).toEqual(kept);
      expect((await runsOf(store, deployment.id)).some((r) => r.id === manual.id)).toBe(true);
    });
  });

  it("refuses bad input with nothing written, and names the deployment's schedules for an unknown one", async () => {
    await withStorePair(open, async (store) => {
      const deployment = await api.createDeployment(store, {
        flowName: "typed",
        name: "t",
        entrypoint: "flows/typed.ts:typed",
        parameterSchema: {
          type: "object",
          properties: { n: { type: "integer", minimum: 1 } },
          additionalProperties: false,
        },
        schedules: [{ interval: HOUR, slug: "hourly" }],
      });
      const [hourly] = deployment.schedules;
      const unchanged = async () => {
        expect(await api.readDeploymentSchedules(store, deployment.id)).toEqual([hourly]);
        expect(await runsOf(store, deployment.id)).toHaveLength(100);
      };

      await expect(
        api.createDeploymentSchedules(store, deployment.id, [{ interval: 60, slug: "hourly" }]),
      ).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
        message: expect.stringContaining(`slug 'hourly' names schedule ${hourly!.id} already`),
        details: { issues: [{ path: "0.slug" }] },
      });
      await expect(
        api.createDeploymentSchedules(store, deployment.id, [
          { interval: 60, slug: "x" },
          { interval: 120, slug: "x" },
        ]),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_INPUT", details: { issues: [{ path: "1.slug" }] } });
      await expect(
        api.createDeploymentSchedules(store, deployment.id, [{ interval: 60, parameters: { n: 0 } }]),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_PARAMETERS", details: { issues: [{ path: "n" }] } });
      await expect(api.createDeploymentSchedules(store, deployment.id, [])).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
      });
      await expect(
        api.createDeploymentSchedules(store, deployment.id, [{ cron: "not a cron" }]),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_INPUT" });
      await expect(
        api.createDeploymentSchedules(
          store,
          deployment.id,
          Array.from({ length: 50 }, (_, i) => ({ interval: 60 * (i + 2) })),
        ),
      ).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
        message: expect.stringContaining("at most 50 schedules (it has 1; 50 more were sent)"),
      });
      await expect(
        api.updateDeploymentSchedule(store, deployment.id, "hourly", { parameters: { m: 1 } }),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_PARAMETERS", details: { issues: [{ path: "m" }] } });
      await expect(api.updateDeploymentSchedule(store, deployment.id, "hourly", {})).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
        message: expect.stringContaining("nothing to change"),
      });
      await expect(
        api.updateDeploymentSchedule(store, deployment.id, "hourly", { schedule: { rrule: COSTLY_RRULE } }),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_INPUT", details: { issues: [{ path: "schedule" }] } });
      const sameId = "01a2b3c4-0000-7000-8000-00000000d00d";
      await expect(
        api.createDeploymentSchedules(store, deployment.id, [
          { id: sameId, interval: 60 },
          { id: sameId, interval: 120 },
        ]),
      ).rejects.toMatchObject({ code: "ORDO_INVALID_INPUT", details: { issues: [{ path: "1.id" }] } });
      await unchanged();

      // A slug another schedule of the deployment has is refused when changed to, as when added.
      const morning = await api.createDeploymentSchedules(store, "typed/t", [
        { cron: "0 6 * * *", slug: "morning" },
      ]);
      await expect(
        api.updateDeploymentSchedule(store, "typed/t", "morning", { slug: "hourly" }),
      ).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
        message: expect.stringContaining(`slug 'hourly' names schedule ${hourly!.id} already`),
        details: { issues: [{ path: "slug" }] },
      });
      expect(await api.readDeploymentSchedules(store, deployment.id)).toEqual([hourly, ...morning]);
      await api.deleteDeploymentSchedule(store, "typed/t", "morning");
      await unchanged();

      for (const attempt of [
        api.updateDeploymentSchedule(store, "typed/t", "nightly", { active: false }),
        api.deleteDeploymentSchedule(store, "typed/t", "nightly"),
      ]) {
        await expect(attempt).rejects.toMatchObject({
          code: "ORDO_NOT_FOUND",
          message: `deployment typed/t has no schedule 'nightly' (its schedules: ${hourly!.id} (hourly))`,
        });
      }
      await expect(api.readDeploymentSchedules(store, "typed/none")).rejects.toMatchObject({
        code: "ORDO_NOT_FOUND",
      });
      await unchanged();
    });
  });
});
