/**
 * A load generator over real HTTP on loopback: keep-alive connections, a fixed number of
 * concurrent workers, each doing one "run" after another.
 *
 * @module
 */
import http from "node:http";

/** One JSON request. */
export async function postJson(
  agent: http.Agent,
  url: string,
  body: unknown,
): Promise<{ status: number; body: string }> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

/** Runs `work` `total` times with `concurrency` workers; returns the elapsed ms. */
export async function drive(
  total: number,
  concurrency: number,
  work: (i: number) => Promise<void>,
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < total; i = next++) await work(i);
    }),
  );
  return performance.now() - started;
}

/** A keep-alive agent for `concurrency` workers. */
export function keepAliveAgent(concurrency: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency });
}
