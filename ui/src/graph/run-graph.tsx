/**
 * The run graph: task runs and subflow runs of a flow run as a DAG on a canvas, laid out
 * in a Web Worker (x = time, or x = dependency level), drawn at the level of detail the
 * zoom allows, live while the run goes on. Click a node to open it.
 *
 * @module
 */
import { useCallback, useMemo } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { EmptyState } from "../components/empty-state.js";
import { ErrorNotice } from "../components/error-notice.js";
import { CanvasStage } from "./canvas-stage.js";
import { nodeAt } from "./culling.js";
import { drawGraph } from "./draw-graph.js";
import { liveEdge } from "./graph-model.js";
import { buildScene } from "./graph-scene.js";
import type { LayoutMode } from "./layout.js";
import { NodeList, NodeTooltip, StateLegend } from "./node-parts.js";
import type { StageDraw } from "./stage-controller.js";
import { graphLabel, nodeHref } from "./state-counts.js";
import { useCanvasColors } from "./use-canvas-colors.js";
import { useGraphLayout } from "./use-graph-layout.js";
import { useRunGraph } from "./use-run-graph.js";
import "./graph.css";

/** The query parameter that picks the layout (`layout=deps`; time is the default). */
export const LAYOUT_PARAM = "layout";

const HELP =
  "Scroll to zoom, drag to move. With the graph focused: + and − zoom, arrow keys move, 0 fits. Click a run to open it.";

/** The graph of `flowRunId`. */
export function RunGraph({ flowRunId }: { readonly flowRunId: string }) {
  const [params, setParams] = useSearchParams();
  const mode: LayoutMode = params.get(LAYOUT_PARAM) === "deps" ? "deps" : "time";
  const navigate = useNavigate();
  const graph = useRunGraph(flowRunId);
  const { model, live, run } = graph;
  const edge = useMemo(
    () => (model === undefined ? graph.readAt : liveEdge(model, live, graph.readAt, run?.endTime)),
    [model, live, graph.readAt, run?.endTime],
  );
  const placed = useGraphLayout(model, mode, edge);
  const scene = useMemo(
    () => (placed === undefined ? undefined : buildScene(placed.model, placed.layout)),
    [placed],
  );
  const colors = useCanvasColors();

  const draw = useCallback<StageDraw>(
    (ctx, view, size, hovered) => {
      if (scene === undefined) {
        ctx.fillStyle = colors.palette.background;
        ctx.fillRect(0, 0, size.width, size.height);
        return;
      }
      drawGraph(ctx, scene, view, size, colors, hovered);
    },
    [scene, colors],
  );
  const hitTest = useCallback(
    (wx: number, wy: number) => (scene === undefined ? -1 : nodeAt(scene.layout, wx, wy)),
    [scene],
  );
  const bounds = useMemo(
    () =>
      scene === undefined
        ? undefined
        : { x: 0, y: 0, width: scene.layout.width, height: scene.layout.height },
    [scene],
  );
  const onOpen = useCallback(
    (item: number) => {
      const node = scene?.model.nodes[item];
      if (node !== undefined) void navigate(nodeHref(node));
    },
    [scene, navigate],
  );
  const tooltip = useCallback(
    (item: number) => {
      const node = scene?.model.nodes[item];
      return node === undefined ? null : <NodeTooltip node={node} live={live} />;
    },
    [scene, live],
  );

  const setMode = (next: LayoutMode) =>
    setParams(
      (prior) => {
        const copy = new URLSearchParams(prior);
        if (next === "time") copy.delete(LAYOUT_PARAM);
        else copy.set(LAYOUT_PARAM, next);
        return copy;
      },
      { replace: true },
    );

  if (graph.error !== null && graph.error !== undefined && model === undefined)
    return <ErrorNotice error={graph.error} />;
  if (model === undefined) return <p className="muted">Loading the run graph…</p>;
  if (model.nodes.length === 0) {
    return (
      <EmptyState
        title={live ? "No task runs yet" : "This flow run ran no tasks"}
        command={`ordo task-run ls --flow-run ${flowRunId}`}
      >
        <p>
          {live
            ? "Task runs appear here as the flow calls its tasks."
            : "Only calls to tasks and subflows appear in the graph."}
        </p>
      </EmptyState>
    );
  }

  const toolbar = (
    <>
      <div className="stage-segmented" role="group" aria-label="Layout">
        <button
          type="button"
          aria-pressed={mode === "time"}
          onClick={() => setMode("time")}
          title="x is time: where each run started and how long it took"
        >
          Time
        </button>
        <button
          type="button"
          aria-pressed={mode === "deps"}
          onClick={() => setMode("deps")}
          title="x is the dependency level: one column per step"
        >
          Dependencies
        </button>
      </div>
      {(graph.loadingMore || placed?.model !== model) && (
        <span className="muted" role="status">
          {graph.loadingMore
            ? `Loaded ${model.nodes.length.toLocaleString("en-US")} runs, loading more…`
            : "Laying out…"}
        </span>
      )}
    </>
  );

  return (
    <section aria-label="Run graph">
      {graph.error !== null && graph.error !== undefined && <ErrorNotice error={graph.error} />}
      <CanvasStage
        label={graphLabel("Run graph", model)}
        help={HELP}
        measureName="ordo.graph.draw"
        bounds={bounds}
        axes="both"
        maxZoom={3}
        fitMaxZoom={1.25}
        padding={24}
        wheel="zoom"
        draw={draw}
        hitTest={hitTest}
        fitKey={`${flowRunId}:${mode}`}
        tooltip={tooltip}
        onOpen={onOpen}
        toolbar={toolbar}
        height="min(70vh, 720px)"
      />
      <StateLegend model={model} />
      <NodeList model={model} />
    </section>
  );
}
