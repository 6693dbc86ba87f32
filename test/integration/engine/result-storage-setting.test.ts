/**
 * ORDO_RESULTS_STORAGE points large results at a folder of one's choosing (a shared
 * mount), with or without a server.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { flow, task } from "../../../src/index.js";
import { useTempOrdoHome } from "../../helpers/ordo-home.js";

const shared = mkdtempSync(join(tmpdir(), "ordo-shared-results-"));
process.env.ORDO_RESULTS_STORAGE = shared;
const { client } = useTempOrdoHome();
afterAll(() => {
  delete process.env.ORDO_RESULTS_STORAGE;
  rmSync(shared, { recursive: true, force: true });
});

describe("ORDO_RESULTS_STORAGE", () => {
  it("writes large results to the configured folder and reads them back from it", async () => {
    const large = task({ name: "large-shared", cacheResultInMemory: false }, async () => "y".repeat(50_000));
    const f = flow({ name: "shared-results" }, async () => (await large.submit().result()).length);
    const state = await f.state();
    expect(await state.result()).toBe(50_000);
    const [run] = await (await client()).readTaskRuns({ flowRunId: state.flowRunId! });
    expect(run!.result).toMatchObject({ kind: "storage", storage: `files:${shared}` });
    expect(readdirSync(shared).length).toBeGreaterThan(0);
  });
});
