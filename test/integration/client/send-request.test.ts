/**
 * `sendRequest` and the transport over it, against real HTTP servers on loopback that
 * answer whole, cut their answer short, or never answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { HttpTransport } from "../../../src/client/http/http-transport.js";
import { sendRequest } from "../../../src/client/http/send-request.js";
import { OrdoError } from "../../../src/errors/ordo-error.js";

let server: Server | undefined;

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((done) => server!.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
  server = undefined;
});

describe("sendRequest", () => {
  it("sends the body with its length and reads the whole answer", async () => {
    const url = await serve((request, response) => {
      let body = "";
      request.on("data", (chunk: Buffer) => (body += chunk.toString()));
      request.on("end", () => {
        response.writeHead(201, { "content-type": "application/json" });
        response.end(
          JSON.stringify({ length: request.headers["content-length"], body, method: request.method }),
        );
      });
    });
    const answer = await sendRequest({
      method: "POST",
      url: `${url}/echo`,
      headers: { "content-type": "application/json" },
      body: '{"name":"Zoë"}',
      signal: AbortSignal.timeout(5_000),
    });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body.toString())).toEqual({
      length: "15",
      body: '{"name":"Zoë"}',
      method: "POST",
    });
  });

  it("rejects an answer cut short by a closed connection", async () => {
    const url = await serve((_, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      response.write('{"partial":');
      setTimeout(() => response.socket?.destroy(), 20);
    });
    await expect(
      sendRequest({ method: "GET", url, headers: {}, signal: AbortSignal.timeout(5_000) }),
    ).rejects.toThrow();
  });
});

describe("HttpTransport over sendRequest", () => {
  it("says ORDO_SERVER_UNAVAILABLE, the request timed out, when the server never answers", async () => {
    const url = await serve(() => undefined);
    const transport = new HttpTransport({ apiUrl: url, timeoutMs: 100 });
    const error = await transport
      .request({ method: "GET", path: "/health", retry: "none" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrdoError);
    expect((error as OrdoError).code).toBe("ORDO_SERVER_UNAVAILABLE");
    expect((error as OrdoError).message).toMatch(/does not answer: the request timed out/);
  });

  it("sends a cut-off answer's request again, and returns the whole answer it then gets", async () => {
    let calls = 0;
    const url = await serve((_, response) => {
      calls++;
      if (calls === 1) {
        response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        response.write('{"ok":');
        setTimeout(() => response.socket?.destroy(), 20);
        return;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"ok":true}');
    });
    const transport = new HttpTransport({ apiUrl: url, retry: { baseDelayMs: 1, maxDelayMs: 5 } });
    expect(await transport.request({ method: "GET", path: "/health" })).toEqual({ ok: true });
    expect(calls).toBe(2);
  });
});
