/**
 * The flow of the pickup benchmark: its first statement appends `tag Date.now()` to
 * `file`, so the benchmark sees when the flow's own code started.
 *
 * @module
 */
import { appendFileSync } from "node:fs";
import { flow } from "ordo";

/** Appends `tag Date.now()` to `file`, then returns. */
export const stamp = flow({ name: "bench-stamp" }, ({ file, tag }: { file: string; tag: string }) => {
  appendFileSync(file, `${tag} ${Date.now()}\n`);
  return tag;
});
