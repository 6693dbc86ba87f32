/**
 * The `serve` process of the pickup benchmark: serves `bench-stamp/served` over
 * ORDO_API_URL and prints `ready` once its warm child is started.
 *
 * @module
 */
import { serve } from "ordo";
import { stamp } from "./flows.js";

await serve(stamp.toDeployment({ name: "served" }), {
  limit: 10,
  onReady: () => process.stdout.write("ready\n"),
  write: () => undefined,
});
