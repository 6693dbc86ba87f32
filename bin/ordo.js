#!/usr/bin/env node
// The `ordo` command: a thin launcher for the compiled CLI in dist/. `ordo run` and
// `ordo deploy` start it again with the Node.js option that lets flow files load
// compiled ahead (dist/cli/relaunch.js).
import { followLauncher, relaunchIfNeeded } from "../dist/cli/relaunch.js";

followLauncher();
if (!(await relaunchIfNeeded())) {
  const { main } = await import("../dist/cli/main.js");
  await main(process.argv);
}
