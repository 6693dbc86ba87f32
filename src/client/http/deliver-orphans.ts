/**
 * Delivering the spool files that processes left behind (killed during an outage): each
 * orphan is claimed, its batches are sent in order, and the file is deleted once they
 * are all delivered.
 *
 * @module
 */
import type { OrdoError } from "../../errors/ordo-error.js";
import { BATCH_PATH, deliverRefusedBatch, type OnDropped } from "./deliver-batch.js";
import type { HttpTransport } from "./http-transport.js";
import { claimOrphanSpoolFiles, isCompleteLine, SpoolFile } from "./spool-file.js";

/**
 * Claims and delivers the orphaned spool files of `folder`. Resolves with the number of
 * batches delivered; a file whose delivery fails stays (owned by this process, so the
 * next process takes it over once this one is gone).
 */
export async function deliverOrphanSpoolFiles(
  transport: HttpTransport,
  folder: string,
  onDropped: OnDropped,
  isStopped: () => boolean,
): Promise<number> {
  let delivered = 0;
  for (const path of await claimOrphanSpoolFiles(folder)) {
    const spool = await SpoolFile.open(path);
    try {
      for (let lines = await spool.read(); lines.length > 0; lines = await spool.read()) {
        for (const line of lines) {
          if (isStopped()) return delivered;
          if (!isCompleteLine(line)) continue; // a torn line
          try {
            await transport.request({
              method: "POST",
              path: BATCH_PATH,
              json: line,
              answer: "none",
              retry: "quick",
            });
          } catch (error) {
            if ((error as OrdoError).code === "ORDO_SERVER_UNAVAILABLE") throw error;
            await deliverRefusedBatch(transport, line, error as OrdoError, onDropped);
          }
          delivered++;
        }
      }
    } catch (error) {
      await spool.close();
      throw error;
    }
    await spool.remove();
  }
  return delivered;
}
