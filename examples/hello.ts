/**
 * hello: the smallest Ordo flow. One parameter with a default, one task, one log line.
 *
 * Run it (from the repository root, after `npm ci`):
 *
 *   npx ordo run examples/hello.ts:hello
 *   npx ordo run examples/hello.ts:hello --param name=Ada
 *   npx ordo flow-run ls
 *
 * Or start the file directly, which runs the flow once in-process:
 *
 *   npx tsx examples/hello.ts Ada
 */
import { pathToFileURL } from "node:url";
import { flow, getRunLogger, task } from "ordo";

/** A task: a function whose every call inside a flow run is a tracked task run. */
const greet = task({ name: "greet" }, (name: string) => `Hello, ${name}!`);

/** The flow. Without a `params` schema it receives the parameters as they are passed. */
export const hello = flow({ name: "hello" }, async ({ name = "world" }: { name?: string }) => {
  const greeting = await greet(name);
  getRunLogger().info(greeting); // printed to stderr and stored with the flow run's logs
  return greeting;
});

// `ordo run` imports this file; this block runs only when the file is started directly.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(await hello({ name: process.argv[2] ?? "world" }));
}
