/**
 * The web UI end to end: the built UI served by a real `ordo server start`, a real
 * `ordo worker start`, seeded data, and the machine's headless Chromium. The specs run
 * one after another on the one installation (see `specs/`).
 *
 * Skipped, with the reason printed, on a machine without Chromium; an error in CI.
 *
 * @module
 */
import { describe } from "vitest";
import { chromiumForSuite } from "../helpers/chromium.js";
import { useUiSuite } from "./helpers/ui-suite.js";
import { describeCancelRun } from "./specs/cancel-run.js";
import { describeCustomRun } from "./specs/custom-run.js";
import { describeGraphOpen } from "./specs/graph-open.js";
import { describeGraphScale } from "./specs/graph-scale.js";
import { describePagesLoad } from "./specs/pages-load.js";
import { describeQuickRun } from "./specs/quick-run.js";
import { describeRunsSearch } from "./specs/runs-search.js";
import { describeScheduleSwitch } from "./specs/schedule-switch.js";
import { describeScreenshots } from "./specs/screenshots.js";

const chromium = chromiumForSuite("the web UI's end-to-end suite");

describe.skipIf(chromium === undefined)("the web UI in Chromium, against a real server and worker", () => {
  const suite = useUiSuite(chromium ?? "");
  describePagesLoad(suite);
  describeRunsSearch(suite);
  describeQuickRun(suite);
  describeCustomRun(suite);
  describeCancelRun(suite);
  describeScheduleSwitch(suite);
  describeGraphOpen(suite);
  describeGraphScale(suite);
  // Last: it photographs the pages with what the specs before it made.
  describeScreenshots(suite);
});
