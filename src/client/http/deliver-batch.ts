/**
 * Delivering one recorder batch body to `POST /api/task_runs/batch`, splitting a batch
 * the server refuses (a 4xx answer, a persistent 500) in halves until the bad items are
 * found, so one bad item never holds back the others.
 *
 * @module
 */
import type { OrdoError } from "../../errors/ordo-error.js";
import { splitRecorderBatch } from "../../schemas/split-recorder-batch.js";
import type { RecorderBatch } from "../../schemas/index.js";
import type { HttpTransport } from "./http-transport.js";

/** The path of the recorder's batch endpoint, below the API's base URL. */
export const BATCH_PATH = "/task_runs/batch";

/** Called with the error and the items the server refused (they are dropped). */
export type OnDropped = (error: OrdoError, items: number) => void;

/** The number of items in a batch. */
export function batchItems(batch: Pick<RecorderBatch, "taskRuns" | "taskRunStates" | "logs">): number {
  return batch.taskRuns.length + batch.taskRunStates.length + batch.logs.length;
}

/** Splits a batch body in halves; each half's `batchId` derives from the whole's. */
export function splitBatchBody(body: string): [string, string] | undefined {
  const batch = JSON.parse(body) as RecorderBatch;
  if (batchItems(batch) <= 1) return undefined;
  const [a, b] = splitRecorderBatch({ ...batch, batchId: batch.batchId ?? "batch" });
  return [JSON.stringify(a), JSON.stringify(b)];
}

/**
 * Sends a batch the server refused, in halves, retried through outages; single items
 * the server still refuses are reported to `onDropped` and dropped.
 */
export async function deliverRefusedBatch(
  transport: HttpTransport,
  body: string,
  error: OrdoError,
  onDropped: OnDropped,
): Promise<void> {
  const halves = splitBatchBody(body);
  if (halves === undefined) {
    onDropped(error, 1);
    return;
  }
  for (const half of halves) {
    try {
      await transport.request({ method: "POST", path: BATCH_PATH, json: half, answer: "none" });
    } catch (refused) {
      if ((refused as OrdoError).code === "ORDO_SERVER_UNAVAILABLE") throw refused;
      await deliverRefusedBatch(transport, half, refused as OrdoError, onDropped);
    }
  }
}
