/**
 * The store conformance suite: every `OrdoClient` method against a real database. Each
 * backend (SQLite now, PostgreSQL later) runs it with its own `makeClient`.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import { afterEach, describe } from "vitest";
import { crashAndOpeningCases } from "./suite/crashes-and-opening.case.js";
import { flowRunStateCases } from "./suite/flow-run-states.case.js";
import { flowsAndRunsCases } from "./suite/flows-and-runs.case.js";
import { pauseResumeCases } from "./suite/pause-resume.case.js";
import { idempotencyCases } from "./suite/idempotency.case.js";
import { recordCases } from "./suite/records.case.js";
import type { MakeClient, SuiteCapabilities, SuiteClient, SuiteContext } from "./suite/helpers.js";
import { logAndCacheCases } from "./suite/logs-and-cache.case.js";
import { taskRunCases } from "./suite/task-runs.case.js";
import { taskRunEventCases } from "./suite/task-run-events.case.js";

export type { MakeClient, SuiteCapabilities, SuiteClient } from "./suite/helpers.js";

/** Runs the conformance suite against the backend `name`. */
export function runStoreSuite(
  name: string,
  makeClient: MakeClient,
  capabilities: SuiteCapabilities = {},
): void {
  describe(`store conformance: ${name}`, () => {
    const opened: SuiteClient[] = [];
    let lastKey = "";
    const ctx: SuiteContext = {
      capabilities,
      async open(key = `t-${randomUUID()}`) {
        lastKey = key;
        const client = await makeClient(key);
        opened.push(client);
        return client;
      },
      lastKey: () => lastKey,
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((c) => c.close()));
    });

    flowsAndRunsCases(ctx);
    flowRunStateCases(ctx);
    taskRunCases(ctx);
    logAndCacheCases(ctx);
    crashAndOpeningCases(ctx);
    idempotencyCases(ctx);
    recordCases(ctx);
    pauseResumeCases(ctx);
    taskRunEventCases(ctx);
  });
}
