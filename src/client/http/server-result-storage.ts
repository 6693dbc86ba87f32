/**
 * `ServerResultStorage`: result storage on the Ordo server (`PUT`/`GET /api/results/{key}`),
 * the default when flows run against a server, so large results are readable by the UI
 * and by a resume on another machine.
 *
 * @module
 */
import type { ResultStorage } from "../../results/result-storage.js";
// The module itself, not the folder's index: a client that reads no results loads no serializers.
import { assertStorageKey } from "../../results/storage-key.js";
import type { HttpTransport } from "./http-transport.js";

/**
 * Results kept by the server. Its name in result references is `server`.
 *
 * @example
 * ```ts
 * const storage = new ServerResultStorage(transport);
 * await storage.write(key, bytes);
 * ```
 */
export class ServerResultStorage implements ResultStorage {
  /** Always `server`. */
  readonly name = "server";
  readonly #transport: HttpTransport;

  constructor(transport: HttpTransport) {
    this.#transport = transport;
  }

  /** Uploads `bytes` under `key` (retried through outages; the same key written again is replaced). */
  async write(key: string, bytes: Uint8Array): Promise<void> {
    assertStorageKey(key);
    await this.#transport.request<void>({ method: "PUT", path: `/results/${key}`, bytes, answer: "none" });
  }

  /** The bytes under `key`; rejects with `ORDO_RESULT_NOT_AVAILABLE` when there are none. */
  read(key: string): Promise<Uint8Array> {
    assertStorageKey(key);
    return this.#transport.request<Uint8Array>({ method: "GET", path: `/results/${key}`, answer: "bytes" });
  }
}
