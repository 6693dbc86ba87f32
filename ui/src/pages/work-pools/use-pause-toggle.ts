/**
 * Pausing and resuming a pool or one of its queues (`PATCH { paused }`), refreshing the
 * work-pool queries after, errors as toasts.
 *
 * @module
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.js";
import { useToaster } from "../../components/toasts.js";

/** The API path of a pool, or of one of its queues. */
export function poolPath(pool: string, queue?: string): string {
  const base = `/work_pools/${encodeURIComponent(pool)}`;
  return queue === undefined ? base : `${base}/queues/${encodeURIComponent(queue)}`;
}

/** A mutation that sets `paused` on the pool (or queue) at `path`. */
export function usePauseToggle(path: string) {
  const client = useQueryClient();
  const toaster = useToaster();
  return useMutation({
    mutationFn: (paused: boolean) => api<unknown>(path, { method: "PATCH", body: { paused } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ["work-pools"] }),
    onError: (error, paused) => toaster.error(error, paused ? "Pause" : "Resume"),
  });
}
