/**
 * `ServerBundles`: project bundles on the Ordo server (`HEAD`/`PUT`/`GET
 * /api/bundles/{hash}`).
 *
 * @module
 */
import { OrdoError } from "../../errors/ordo-error.js";
import type { BundleInfo } from "../../schemas/index.js";
import type { BundleClient } from "../bundle-client.js";
import type { HttpTransport } from "./http-transport.js";

/**
 * Bundles kept by the server.
 *
 * @example
 * ```ts
 * const bundles = new ServerBundles(transport);
 * if (!(await bundles.has(bundle.hash))) await bundles.upload(bundle.hash, bundle.bytes);
 * ```
 */
export class ServerBundles implements BundleClient {
  readonly #transport: HttpTransport;

  constructor(transport: HttpTransport) {
    this.#transport = transport;
  }

  async has(hash: string): Promise<boolean> {
    try {
      await this.#transport.request<void>({ method: "HEAD", path: `/bundles/${hash}`, answer: "none" });
      return true;
    } catch (error) {
      if (error instanceof OrdoError && error.details?.["status"] === 404) return false;
      throw error;
    }
  }

  upload(hash: string, bytes: Uint8Array): Promise<BundleInfo> {
    return this.#transport.request<BundleInfo>({
      method: "PUT",
      path: `/bundles/${hash}`,
      bytes,
      contentType: "application/gzip",
    });
  }

  download(hash: string): Promise<Uint8Array> {
    return this.#transport.request<Uint8Array>({ method: "GET", path: `/bundles/${hash}`, answer: "bytes" });
  }
}
