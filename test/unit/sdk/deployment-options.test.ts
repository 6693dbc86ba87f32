/**
 * What `flow.deploy` and `flow.toDeployment` send: schedules written as in `ordo.yaml` or
 * the REST API (only the kind's field needed), after the cron / interval / rrule shortcuts.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { flow } from "../../../src/index.js";
import { deploymentCreateOf } from "../../../src/sdk/deployments.js";

const etl = flow(
  { name: "etl", params: z.object({ n: z.number().default(1) }), retries: 2 },
  async ({ n }) => n,
);

describe("a deployment's create request from code", () => {
  it("takes schedules with only their kind's field, then the shortcut, without undefined fields", () => {
    const deployment = etl.toDeployment({
      name: "nightly",
      cron: "0 3 * * *",
      timezone: "Europe/Berlin",
      schedules: [
        { interval: 3600, slug: "hourly", parameters: { n: 2 } },
        { rrule: "FREQ=WEEKLY;BYDAY=MO", active: false },
      ],
    });
    const create = deploymentCreateOf(deployment.definition, deployment.options, {
      entrypoint: "flows/etl.ts:etl",
    });
    expect(create).toMatchObject({ flowName: "etl", name: "nightly", retries: 2 });
    expect(create.schedules).toEqual([
      { interval: 3600, slug: "hourly", parameters: { n: 2 } },
      { rrule: "FREQ=WEEKLY;BYDAY=MO", active: false },
      { cron: "0 3 * * *", timezone: "Europe/Berlin" },
    ]);
  });
});
