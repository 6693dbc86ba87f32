/**
 * The ceiling of any "process per run" design on this machine: how many Node.js processes
 * that do nothing (`node -e 0`) it starts and reaps per second, `parallel` at a time.
 *
 * @module
 */
import { spawn } from "node:child_process";

function bareNode(): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.on("error", fail);
    child.on("exit", () => done());
  });
}

/**
 * Starts `count` bare Node.js processes, `parallel` at a time; resolves with processes per second.
 *
 * @example
 * ```ts
 * const ceiling = await bareProcessRate(100, 4); // e.g. 13 on 2 shared cores
 * ```
 */
export async function bareProcessRate(count: number, parallel: number): Promise<number> {
  let next = 0;
  const startedAt = performance.now();
  const lane = async () => {
    while (next < count) {
      next++;
      await bareNode();
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return (count * 1000) / (performance.now() - startedAt);
}
