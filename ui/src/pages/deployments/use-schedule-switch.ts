/**
 * Pausing and resuming one schedule of a deployment from its page (`PATCH
 * /deployments/{id}/schedules/{schedule}`): the deployment's other schedules are left
 * alone; a paused schedule's future runs go, a resumed one's are planned again.
 *
 * @module
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client.js";
import type { Deployment, DeploymentScheduleRecord } from "../../api/types.js";
import { useToaster } from "../../components/toasts.js";

/** What the switch of one schedule sends. */
export interface ScheduleSwitch {
  readonly schedule: DeploymentScheduleRecord;
  readonly active: boolean;
}

/** The mutation that sets one schedule of `deployment` active or paused. */
export function useScheduleSwitch(deployment: Pick<Deployment, "id">) {
  const queryClient = useQueryClient();
  const toaster = useToaster();
  const path = `/deployments/${encodeURIComponent(deployment.id)}/schedules`;
  return useMutation({
    mutationFn: ({ schedule, active }: ScheduleSwitch) =>
      api<DeploymentScheduleRecord>(`${path}/${encodeURIComponent(schedule.id)}`, {
        method: "PATCH",
        body: { active },
      }),
    onSuccess: async (updated) => {
      toaster.info(
        updated.active
          ? `Schedule "${updated.description}" is active: its runs are planned.`
          : `Schedule "${updated.description}" is paused: its future runs are removed.`,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["deployment", deployment.id] }),
        queryClient.invalidateQueries({ queryKey: ["flow-runs"] }),
      ]);
    },
    onError: (error, { active }) => toaster.error(error, active ? "Resume schedule" : "Pause schedule"),
  });
}
