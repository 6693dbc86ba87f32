/**
 * What a person can do with a deployment: a Quick run (its default parameters, then the
 * new run's page) and Pause / Resume. Errors are toasts with the API's code.
 *
 * @module
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api, post } from "../../api/client.js";
import type { Deployment, FlowRun } from "../../api/types.js";
import { useToaster } from "../../components/toasts.js";

/** The deployment's actions and whether one is under way. */
export function useDeploymentActions(deployment: Pick<Deployment, "id" | "name">) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toaster = useToaster();
  const path = `/deployments/${encodeURIComponent(deployment.id)}`;

  const quickRun = useMutation({
    mutationFn: () => post<FlowRun>(`${path}/create_flow_run`, {}),
    onSuccess: async (run) => {
      await queryClient.invalidateQueries({ queryKey: ["flow-runs"] });
      await navigate(`/runs/${encodeURIComponent(run.id)}`);
    },
    onError: (error) => toaster.error(error, "Quick run"),
  });

  const setPaused = useMutation({
    mutationFn: (paused: boolean) => api<Deployment>(path, { method: "PATCH", body: { paused } }),
    onSuccess: async (updated) => {
      queryClient.setQueryData(["deployment", deployment.id], updated);
      toaster.info(
        updated.paused
          ? `${updated.name} is paused: its schedules make no runs.`
          : `${updated.name} is running its schedules again.`,
      );
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ["deployment"] }),
        queryClient.invalidateQueries({ queryKey: ["flow-runs"] }),
      ]);
    },
    onError: (error, paused) => toaster.error(error, paused ? "Pause" : "Resume"),
  });

  return { quickRun, setPaused };
}
