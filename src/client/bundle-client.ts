/**
 * `BundleClient`: moving project bundles to and from a server. Only a client of a
 * server has one (`OrdoClient.bundles`): bundles exist for workers on other machines.
 *
 * @module
 */
import type { BundleInfo } from "../schemas/index.js";

/** Project bundles on the server, by the sha256 of their `.tar.gz` bytes. */
export interface BundleClient {
  /** Whether the server has the bundle `hash`. */
  has(hash: string): Promise<boolean>;
  /** Uploads a bundle (the server checks that `bytes` hash to `hash`); idempotent. */
  upload(hash: string, bytes: Uint8Array): Promise<BundleInfo>;
  /** Downloads a bundle's bytes (not checked here: check them against `hash`). */
  download(hash: string): Promise<Uint8Array>;
}
