/**
 * `ordo.yaml`: keys in snake_case or camelCase, and errors that name the field as the
 * file wrote it.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readDeploymentFile } from "../../../src/cli/deployment-file.js";

const dir = mkdtempSync(join(tmpdir(), "ordo-yaml-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function file(lines: string[]): string {
  const path = join(dir, `ordo-${files++}.yaml`);
  writeFileSync(path, lines.join("\n"));
  return path;
}

describe("readDeploymentFile", () => {
  it("reads camelCase keys as their snake_case forms", async () => {
    const path = file([
      "deployments:",
      "  - name: a",
      "    entrypoint: flows/a.ts:a",
      "    workPool: { name: local, workQueueName: fast, jobVariables: { env: { A: b } } }",
      "    concurrencyLimit: { limit: 1, collisionStrategy: CANCEL_NEW }",
      "    staleAfterSeconds: 60",
      "  - name: b",
      "    entrypoint: flows/b.ts:b",
      "    work_pool: local",
      "    concurrency_limit: 2",
    ]);
    expect(await readDeploymentFile(path)).toEqual([
      {
        name: "a",
        entrypoint: "flows/a.ts:a",
        work_pool: { name: "local", work_queue_name: "fast", job_variables: { env: { A: "b" } } },
        concurrency_limit: { limit: 1, collision_strategy: "CANCEL_NEW" },
        stale_after_seconds: 60,
      },
      { name: "b", entrypoint: "flows/b.ts:b", work_pool: "local", concurrency_limit: 2 },
    ]);
  });

  it("reads a schedule's keys in snake_case (anchor_date, day_or) or camelCase, and leaves its parameters as written", async () => {
    const path = file([
      "deployments:",
      "  - name: a",
      "    entrypoint: flows/a.ts:a",
      "    schedules:",
      "      - interval: 3600",
      '        anchor_date: "2026-01-01T00:15:00Z"',
      "        parameters: { day_or: 1 }",
      '      - cron: "0 9 1 * MON"',
      "        day_or: false",
      "      - interval: 60",
      "        anchorDate: 0",
    ]);
    const [entry] = await readDeploymentFile(path);
    expect(entry?.schedules).toMatchObject([
      { interval: 3600, anchorDate: "2026-01-01T00:15:00Z", parameters: { day_or: 1 } },
      { cron: "0 9 1 * MON", dayOr: false },
      { interval: 60, anchorDate: 0 },
    ]);
  });

  it("names an unknown key as the file wrote it", async () => {
    const path = file([
      "deployments:",
      "  - name: a",
      "    entrypoint: flows/a.ts:a",
      "    concurrencyLimit: 1",
      "    collisionStrategy: CANCEL_NEW",
      "    colour: blue",
    ]);
    await expect(readDeploymentFile(path)).rejects.toMatchObject({
      code: "ORDO_INVALID_INPUT",
      message: `invalid deployment file ${path}: deployments.0: Unrecognized keys: "collisionStrategy", "colour" (for collisionStrategy, write concurrency_limit: { limit: …, collision_strategy: … })`,
    });
  });

  it("says where a key written as in a Prefect file goes", async () => {
    const path = file([
      "deployments:",
      "  - name: a",
      "    entrypoint: flows/a.ts:a",
      "    schedule:",
      '      cron: "0 3 * * *"',
      "    work_queue_name: fast",
    ]);
    await expect(readDeploymentFile(path)).rejects.toMatchObject({
      message: `invalid deployment file ${path}: deployments.0: Unrecognized keys: "schedule", "work_queue_name" (for schedule, write schedules: a list, [{ cron: … }]; for work_queue_name, write work_pool: { name: …, work_queue_name: … })`,
    });
  });

  it("names the field of a bad value, and the file of bad YAML", async () => {
    const badCron = file([
      "deployments:",
      "  - name: a",
      "    entrypoint: flows/a.ts:a",
      "    schedules: [{ cron: 'every day' }]",
    ]);
    await expect(readDeploymentFile(badCron)).rejects.toThrow(
      `invalid deployment file ${badCron}: deployments.0.schedules.0.cron`,
    );
    const notYaml = file(["deployments: [", "  - name: a"]);
    await expect(readDeploymentFile(notYaml)).rejects.toThrow(`cannot read ${notYaml}`);
  });
});
