/**
 * retry-and-resume: a three-step flow whose last step fails the first time; retrying the
 * flow run resumes it without running the completed steps again.
 *
 * Each flow run fails once, at `publish`: the first attempt leaves a marker file in
 * `ORDO_HOME/examples/` and throws; a retry of the same flow run finds the marker and
 * succeeds. (A real step would fail on its own: a full disk, an expired token, …)
 *
 * Try it (from the repository root, after `npm ci`):
 *
 *   npx ordo run examples/retry-and-resume.ts:retryAndResume
 *     # … Flow run 01a2…  finished in state Failed: Error: the publisher is down …  (exit code 1)
 *   npx ordo task-run ls --flow-run <flow run id>
 *     # download-0 Completed, transform-0 Completed, publish-0 Failed
 *   ORDO_LOGGING_LEVEL=debug npx ordo flow-run retry <flow run id>
 *     # "task run 'download-0' completed in an earlier attempt: its result is reused", …
 *     # … finished in state Completed  (exit code 0)
 *   npx ordo task-run ls --flow-run <flow run id>
 *     # the same three task runs: download-0 and transform-0 untouched (they ran once),
 *     # publish-0 Completed after its second run
 *
 * Why the completed steps are not run again: on a retry, a task call whose task key
 * (its name), call order and inputs hash match a task run that completed with a recorded
 * result returns that result. See docs/durability.md.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { flow, flowContext, getRunLogger, retryFlowRun, task } from "ordo";

/** Where the "fail once" markers live: under ORDO_HOME, like everything else Ordo writes. */
function markerFile(flowRunId: string): string {
  const home = process.env.ORDO_HOME || join(homedir(), ".ordo");
  return join(home, "examples", `retry-and-resume-${flowRunId}.marker`);
}

const download = task({ name: "download" }, (pages: number) => {
  getRunLogger().info("downloading %d pages", pages);
  return Array.from({ length: pages }, (_, i) => `page ${i + 1}`);
});

const transform = task({ name: "transform" }, (pages: string[]) => {
  getRunLogger().info("transforming %d pages", pages.length);
  return pages.map((page) => page.toUpperCase());
});

const publish = task({ name: "publish" }, (pages: string[]) => {
  const marker = markerFile(flowContext().flowRunId);
  if (!existsSync(marker)) {
    mkdirSync(join(marker, ".."), { recursive: true });
    writeFileSync(marker, "publish failed once\n");
    throw new Error("the publisher is down (simulated: retry this flow run to resume)");
  }
  getRunLogger().info("published %d pages", pages.length);
  return pages.length;
});

export const retryAndResume = flow(
  { name: "retry-and-resume", params: z.object({ pages: z.number().int().min(1).default(3) }) },
  async ({ pages }) => {
    const downloaded = await download(pages);
    const transformed = await transform(downloaded);
    const published = await publish(transformed);
    return { published };
  },
);

// `ordo run` imports this file; this block runs only when the file is started directly
// (`npx tsx examples/retry-and-resume.ts`). It does the same in code: run, then
// `retryFlowRun(id)`. (A run started this way records no entrypoint, so
// `ordo flow-run retry` could not load its flow; `retryFlowRun` finds it in this process.)
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const first = await retryAndResume.state({ pages: 3 });
  console.log(`flow run ${first.flowRunId} ended ${first.name}`);
  const retried = await retryFlowRun(first.flowRunId!);
  console.log(`after retryFlowRun: ${retried.name}`, await retried.result());
}
