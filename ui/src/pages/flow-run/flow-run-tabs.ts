/**
 * The flow run page's tabs and the `?tab=` query parameter. Pure.
 *
 * @module
 */

/** The tabs, in the order shown (UI.md). */
export const FLOW_RUN_TABS = [
  { id: "graph", label: "Graph" },
  { id: "timeline", label: "Timeline" },
  { id: "logs", label: "Logs" },
  { id: "task-runs", label: "Task runs" },
  { id: "subflows", label: "Subflows" },
  { id: "artifacts", label: "Artifacts" },
  { id: "parameters", label: "Parameters & result" },
  { id: "states", label: "State history" },
] as const;

/** A tab id. */
export type FlowRunTabId = (typeof FLOW_RUN_TABS)[number]["id"];

/** The tab a query string selects: Graph unless it names another tab. */
export function parseFlowRunTab(params: URLSearchParams): FlowRunTabId {
  const wanted = params.get("tab");
  return FLOW_RUN_TABS.find((tab) => tab.id === wanted)?.id ?? "graph";
}

/** The query string that selects `tab` (Graph, the default, is left out), other keys kept. */
export function flowRunTabParams(tab: FlowRunTabId, base?: URLSearchParams): URLSearchParams {
  const params = new URLSearchParams(base);
  if (tab === "graph") params.delete("tab");
  else params.set("tab", tab);
  return params;
}
