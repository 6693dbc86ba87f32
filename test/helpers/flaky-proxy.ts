/**
 * A loopback HTTP proxy in front of a real Ordo server that can misbehave on purpose:
 * answer 503, or forward a request and then drop the connection before the answer (the
 * server did the work; the client never heard). It records every request it saw.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** What the proxy does with one request. */
export type ProxyAction = "forward" | "503" | "forward-then-drop";

/** A request the proxy saw. */
export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly body: string;
  readonly authorization: string | undefined;
}

/** A running proxy. */
export interface FlakyProxy {
  /** The proxy's API base URL (`http://127.0.0.1:PORT/api`). */
  readonly apiUrl: string;
  /** Every request, in arrival order. */
  readonly seen: SeenRequest[];
  /** Actions for the next requests, in order; once used up, requests are forwarded. */
  readonly plan: ProxyAction[];
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Starts a proxy to the server at `targetUrl` (`http://host:port`). */
export async function startFlakyProxy(targetUrl: string): Promise<FlakyProxy> {
  const seen: SeenRequest[] = [];
  const plan: ProxyAction[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      seen.push({
        method: req.method ?? "GET",
        path: req.url ?? "/",
        body: body.toString("utf8"),
        authorization: req.headers.authorization,
      });
      const action = plan.shift() ?? "forward";
      if (action === "503") {
        res.writeHead(503, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "ORDO_SERVER_UNAVAILABLE", message: "try again" } }));
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === "string" && k !== "host" && k !== "connection" && k !== "content-length")
          headers.set(k, v);
      }
      const answer = await fetch(targetUrl + (req.url ?? "/"), {
        method: req.method,
        headers,
        body: body.length > 0 ? body : undefined,
      });
      const bytes = Buffer.from(await answer.arrayBuffer());
      if (action === "forward-then-drop") {
        req.socket.destroy();
        return;
      }
      const passed = [...answer.headers.entries()].filter(
        ([k]) => !["transfer-encoding", "content-length", "content-encoding", "connection"].includes(k),
      );
      res.writeHead(answer.status, Object.fromEntries(passed));
      res.end(bytes);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}/api`,
    seen,
    plan,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port that nothing listens on (it was free a moment ago). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
