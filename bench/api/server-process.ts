/**
 * The server under test, in its own process: `node --import tsx bench/api/server-process.ts
 * (sqlite PATH | postgres URL | hono)`. Prints `{"url": …}` once listening, `{"cpuUs": …}` on
 * SIGUSR2; stops on SIGTERM.
 * `hono` serves a plain Hono app with one zod-validated POST route: the floor to compare with.
 *
 * @module
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { z } from "zod";
import { LocalFileStorage } from "../../src/results/index.js";
import { startServer } from "../../src/server/start-server.js";
import { openStore } from "../../src/store/open-store.js";

const [kind = "sqlite", target = ""] = process.argv.slice(2);

async function plainHono(): Promise<string> {
  const schema = z.object({
    flowName: z.string().min(1),
    name: z.string().min(1),
    tags: z.array(z.string()).default([]),
  });
  const app = new Hono();
  let n = 0;
  app.post("/api/echo", async (c) => {
    const parsed = schema.safeParse(await c.req.json());
    if (!parsed.success) return c.json({ error: parsed.error.issues }, 422);
    return c.json({ id: String(++n), ...parsed.data }, 201);
  });
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise((resolve) => server.once("listening", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  process.once("SIGTERM", () => server.close(() => process.exit(0)));
  return `http://127.0.0.1:${address.port}/api`;
}

async function ordoServer(): Promise<string> {
  const store =
    kind === "postgres"
      ? await openStore({ databaseUrl: target, sqlitePath: "" })
      : await openStore({ sqlitePath: target, groupCommit: true });
  const server = await startServer({
    store,
    resultStorage: new LocalFileStorage(`${target}.storage`),
    port: 0,
    services: { crashDetectionIntervalMs: 0 },
  });
  process.once("SIGTERM", () => void server.stop().then(() => process.exit(0)));
  return server.apiUrl;
}

const url = kind === "hono" ? await plainHono() : await ordoServer();
console.log(JSON.stringify({ url }));
// SIGUSR2: print the CPU time this process has used so far, in µs.
process.on("SIGUSR2", () => {
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ cpuUs: user + system }));
});
