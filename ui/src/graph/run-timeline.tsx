/**
 * The run timeline: a Gantt chart of the task runs and subflow runs of a flow run, one row
 * each in start order, bars coloured by state, running bars growing live. The wheel
 * scrolls the rows; Ctrl/⌘ + wheel, the buttons and + / − zoom the time axis.
 *
 * @module
 */
import { useCallback, useMemo } from "react";
import { useNavigate } from "react-router";
import { EmptyState } from "../components/empty-state.js";
import { ErrorNotice } from "../components/error-notice.js";
import { formatAbsolute } from "../format/time.js";
import { CanvasStage } from "./canvas-stage.js";
import { drawTimeline, type TimelineScene } from "./draw-timeline.js";
import { liveEdge } from "./graph-model.js";
import { nodeColors } from "./graph-scene.js";
import { NodeList, NodeTooltip, StateLegend } from "./node-parts.js";
import type { StageDraw } from "./stage-controller.js";
import { graphLabel, nodeHref } from "./state-counts.js";
import { buildTimeline, TIMELINE, timelineRowAt } from "./timeline-model.js";
import { useCanvasColors } from "./use-canvas-colors.js";
import { useRunGraph } from "./use-run-graph.js";
import { keepInView, type Rect, type Size, type Viewport } from "./viewport.js";
import "./graph.css";

const HELP =
  "Scroll to move through the rows; Ctrl or ⌘ + scroll zooms time, Shift + scroll moves along it; drag to move. With the timeline focused: + and − zoom, arrow keys move, 0 fits. Click a row to open its run.";

/** Room above the first row: the axis and a gap (world y of the top of the content). */
const TOP = TIMELINE.axisHeight + 6;

/** Keeps the rows under the axis and some of the time range on screen. */
function constrainTimeline(view: Viewport, size: Size, bounds: Rect): Viewport {
  const horizontal = keepInView(view, bounds, size, 48);
  const top = -bounds.y;
  const contentBottom = bounds.y + bounds.height;
  const lowest = Math.min(top, size.height - 8 - contentBottom);
  return { ...horizontal, ty: Math.min(top, Math.max(lowest, horizontal.ty)) };
}

/** The timeline of `flowRunId`. */
export function RunTimeline({ flowRunId }: { readonly flowRunId: string }) {
  const navigate = useNavigate();
  const graph = useRunGraph(flowRunId);
  const { model, live, run } = graph;
  const edge = useMemo(
    () => (model === undefined ? graph.readAt : liveEdge(model, live, graph.readAt, run?.endTime)),
    [model, live, graph.readAt, run?.endTime],
  );
  const scene = useMemo<TimelineScene | undefined>(() => {
    if (model === undefined) return undefined;
    const timeline = buildTimeline(model.nodes, edge);
    return {
      model,
      timeline,
      colors: nodeColors(model).colors,
      origin: run?.startTime ?? timeline.t0,
      labelWidths: new Float32Array(model.nodes.length).fill(Number.NaN),
    };
  }, [model, edge, run?.startTime]);
  const colors = useCanvasColors();
  const running = useMemo(
    () => model?.nodes.some((node) => node.start !== null && node.end === null) ?? false,
    [model],
  );

  const draw = useCallback<StageDraw>(
    (ctx, view, size, hovered) => {
      if (scene === undefined) return;
      drawTimeline(ctx, scene, view, size, colors, hovered, live ? Math.max(Date.now(), edge) : edge, live);
    },
    [scene, colors, live, edge],
  );
  const hitTest = useCallback(
    (_wx: number, wy: number) => (scene === undefined ? -1 : timelineRowAt(scene.timeline.order.length, wy)),
    [scene],
  );
  const bounds = useMemo(
    () =>
      scene === undefined
        ? undefined
        : {
            x: 0,
            y: -TOP,
            width: scene.timeline.span,
            height: TOP + scene.timeline.order.length * TIMELINE.rowHeight,
          },
    [scene],
  );
  const nodeOfRow = useCallback(
    (row: number) => {
      const index = scene?.timeline.order[row];
      return index === undefined ? undefined : scene?.model.nodes[index];
    },
    [scene],
  );
  const onOpen = useCallback(
    (row: number) => {
      const node = nodeOfRow(row);
      if (node !== undefined) void navigate(nodeHref(node));
    },
    [nodeOfRow, navigate],
  );
  const tooltip = useCallback(
    (row: number) => {
      const node = nodeOfRow(row);
      return node === undefined ? null : <NodeTooltip node={node} live={live} />;
    },
    [nodeOfRow, live],
  );

  if (graph.error !== null && graph.error !== undefined && model === undefined)
    return <ErrorNotice error={graph.error} />;
  if (model === undefined || scene === undefined) return <p className="muted">Loading the timeline…</p>;
  if (model.nodes.length === 0) {
    return (
      <EmptyState
        title={live ? "No task runs yet" : "This flow run ran no tasks"}
        command={`ordo task-run ls --flow-run ${flowRunId}`}
      >
        <p>
          {live ? "Task runs appear here as they start." : "Only calls to tasks and subflows appear here."}
        </p>
      </EmptyState>
    );
  }

  const toolbar = (
    <span className="muted">
      0 = {formatAbsolute(scene.origin)}
      {run?.startTime === undefined ? " (first task start)" : " (run start)"}
      {graph.loadingMore && ` · loaded ${model.nodes.length.toLocaleString("en-US")} runs, loading more…`}
    </span>
  );

  return (
    <section aria-label="Run timeline">
      {graph.error !== null && graph.error !== undefined && <ErrorNotice error={graph.error} />}
      <CanvasStage
        label={graphLabel("Run timeline", model)}
        help={HELP}
        measureName="ordo.timeline.draw"
        bounds={bounds}
        axes="x"
        maxZoom={20}
        padding={16}
        wheel="scroll"
        draw={draw}
        hitTest={hitTest}
        fitKey={flowRunId}
        constrain={constrainTimeline}
        tooltip={tooltip}
        onOpen={onOpen}
        tickMs={live && running ? 1000 : undefined}
        toolbar={toolbar}
        height="min(70vh, 720px)"
      />
      <StateLegend model={model} />
      <NodeList model={model} order={scene.timeline.order} />
    </section>
  );
}
