/**
 * Following live messages from the CLI: the server's stream when `ORDO_API_URL` is set,
 * else the database, polled. Stops on Ctrl-C.
 *
 * @module
 */
import { getClient } from "../client/get-client.js";
import { liveMessages, type LiveMessage, type LiveQuery } from "../client/live-stream.js";
import { loadSettings } from "../settings/load-settings.js";

/**
 * Calls `onMessage` for each live message until it returns `"stop"`, `stop` aborts, or SIGINT.
 */
export async function follow(
  query: LiveQuery,
  onMessage: (message: LiveMessage) => "stop" | undefined | Promise<"stop" | undefined>,
  stop?: AbortSignal,
): Promise<void> {
  const settings = loadSettings();
  const client = await getClient();
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once("SIGINT", onInterrupt);
  const signal = stop === undefined ? controller.signal : AbortSignal.any([controller.signal, stop]);
  try {
    for await (const message of liveMessages(
      { client, apiUrl: settings.ORDO_API_URL, apiKey: settings.ORDO_API_KEY, signal },
      query,
    )) {
      if ((await onMessage(message)) === "stop") break;
    }
  } finally {
    controller.abort();
    process.off("SIGINT", onInterrupt);
  }
}
