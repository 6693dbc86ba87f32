import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EmbeddedClient } from "../../../src/client/embedded-client.js";
import { runOrdo, type CliResult } from "../../helpers/ordo-cli.js";

let home: string;

function ordo(args: readonly string[]): Promise<CliResult> {
  return runOrdo(args, { ORDO_HOME: home });
}

/** A run Paused at `pause-0`, waiting for `{ approved: boolean }`, made in ORDO_HOME's database. */
async function pausedRun(): Promise<string> {
  const client = await EmbeddedClient.open({ path: join(home, "ordo.db") });
  try {
    const run = await client.createFlowRun({ flowName: "approvals", name: "needs-review" });
    await client.setFlowRunState(run.id, { type: "RUNNING", name: "Running", timestamp: Date.now() });
    await client.setFlowRunState(
      run.id,
      { type: "PAUSED", name: "Paused", timestamp: Date.now() },
      {
        pause: {
          key: "pause-0",
          timeoutAt: Date.now() + 600_000,
          inputSchema: {
            type: "object",
            properties: { approved: { type: "boolean" } },
            required: ["approved"],
          },
        },
      },
    );
    return run.id;
  } finally {
    await client.close();
  }
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ordo-cli-resume-"));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

describe("ordo flow-run resume", () => {
  it("shows the pause in inspect, resumes with valid input (exit 0), then refuses a second resume (exit 1)", async () => {
    const id = await pausedRun();
    const inspect = await ordo(["flow-run", "inspect", id]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/pause key:\s+pause-0/);
    expect(inspect.stdout).toContain("pause timeout");
    expect(inspect.stdout).toContain('"approved"');

    const resumed = await ordo(["flow-run", "resume", id, "--input", '{"approved": true}']);
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toContain(`Resumed flow run ${id}: now Running`);

    const again = await ordo(["flow-run", "resume", id, "--input", '{"approved": true}']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: flow run .* is Running: .*\(ORDO_NOT_PAUSED\)\n$/);
  });

  it("refuses input that does not match the schema, or is not JSON, with exit 2 and the run still Paused", async () => {
    const id = await pausedRun();
    const bad = await ordo(["flow-run", "resume", id, "--input", '{"approved": "yes"}']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("input.approved: must be boolean");
    expect(bad.stderr).toContain("(ORDO_INVALID_INPUT)");
    const missing = await ordo(["flow-run", "resume", id]);
    expect(missing.code).toBe(2);
    const notJson = await ordo(["flow-run", "resume", id, "--input", "{approved}"]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain("--input is not valid JSON");
    const json = await ordo(["flow-run", "inspect", id, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ state: { name: "Paused" } });
  });
});
