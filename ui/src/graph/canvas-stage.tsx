/**
 * A zoomable, pannable canvas with a toolbar, keyboard control and a hover tooltip;
 * the graph and the timeline draw into it. Wheel zooms (or scrolls, for the timeline),
 * drag pans, + / − / arrows / 0 work when it has focus, a click opens the item.
 *
 * @module
 */
import {
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type ReactNode,
} from "react";
import { StageController, type StageConfig } from "./stage-controller.js";

/** Props of {@link CanvasStage}. */
export interface CanvasStageProps extends StageConfig {
  /** The canvas's accessible name, e.g. "Run graph: 1,234 task runs". */
  readonly label: string;
  /** How to move around, read to screen readers and shown under the canvas. */
  readonly help: string;
  /** The tooltip of a hovered item. */
  readonly tooltip: (item: number) => ReactNode;
  /** Opens an item (a click without a drag). */
  readonly onOpen: (item: number) => void;
  /** Redraw every this many ms (running bars grow); none when undefined. */
  readonly tickMs?: number | undefined;
  /** More toolbar controls, before the zoom buttons. */
  readonly toolbar?: ReactNode;
  /** CSS height of the canvas. */
  readonly height: string;
}

interface Hover {
  readonly item: number;
  readonly x: number;
  readonly y: number;
  /** The canvas width then, to keep the tooltip inside it. */
  readonly width: number;
}

/** Below this many pixels of movement a press is a click, not a drag. */
const CLICK_SLOP = 4;

/** The canvas stage. */
export function CanvasStage(props: CanvasStageProps) {
  const { label, help, tooltip, onOpen, tickMs, toolbar, height } = props;
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [controller] = useState(() => new StageController(props));
  const [hover, setHover] = useState<Hover | undefined>(undefined);
  const drag = useRef<{ x: number; y: number; moved: number; id: number } | undefined>(undefined);
  const helpId = useId();

  useEffect(() => {
    controller.update(props);
  });

  useEffect(() => {
    const canvas = canvasRef.current;
    if (canvas === null) return;
    controller.attach(canvas);
    const onWheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = canvas.getBoundingClientRect();
      controller.wheel(event, event.clientX - rect.left, event.clientY - rect.top);
    };
    canvas.addEventListener("wheel", onWheel, { passive: false });
    return () => {
      canvas.removeEventListener("wheel", onWheel);
      controller.detach();
    };
  }, [controller]);

  useEffect(() => {
    if (tickMs === undefined) return;
    const timer = setInterval(() => controller.invalidate(), tickMs);
    return () => clearInterval(timer);
  }, [controller, tickMs]);

  const point = (event: PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { x: event.clientX, y: event.clientY, moved: 0, id: event.pointerId };
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const pressed = drag.current;
    const canvas = event.currentTarget;
    if (pressed !== undefined && pressed.id === event.pointerId) {
      const dx = event.clientX - pressed.x;
      const dy = event.clientY - pressed.y;
      drag.current = {
        ...pressed,
        x: event.clientX,
        y: event.clientY,
        moved: pressed.moved + Math.abs(dx) + Math.abs(dy),
      };
      if (pressed.moved + Math.abs(dx) + Math.abs(dy) >= CLICK_SLOP) {
        controller.pan(dx, dy);
        canvas.style.cursor = "grabbing";
        if (hover !== undefined) setHover(undefined);
        controller.hover(-1);
      }
      return;
    }
    const at = point(event);
    const item = controller.itemAt(at.x, at.y);
    controller.hover(item);
    canvas.style.cursor = item >= 0 ? "pointer" : "grab";
    if (item < 0) {
      if (hover !== undefined) setHover(undefined);
    } else setHover({ item, x: at.x, y: at.y, width: canvas.clientWidth });
  };

  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const pressed = drag.current;
    drag.current = undefined;
    event.currentTarget.style.cursor = "grab";
    if (pressed === undefined || pressed.moved >= CLICK_SLOP) return;
    const at = point(event);
    const item = controller.itemAt(at.x, at.y);
    if (item >= 0) onOpen(item);
  };

  const onPointerLeave = () => {
    if (drag.current !== undefined) return;
    controller.hover(-1);
    setHover(undefined);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (controller.key(event.key, event.shiftKey)) event.preventDefault();
  };

  return (
    <div className="stage">
      <div className="stage-toolbar" role="toolbar" aria-label={`${label}: view`}>
        {toolbar}
        <span className="stage-spacer" />
        <button
          type="button"
          className="icon"
          aria-label="Zoom in"
          title="Zoom in (+)"
          onClick={() => controller.zoom(1.5)}
        >
          +
        </button>
        <button
          type="button"
          className="icon"
          aria-label="Zoom out"
          title="Zoom out (−)"
          onClick={() => controller.zoom(1 / 1.5)}
        >
          −
        </button>
        <button type="button" className="icon" title="Fit to view (0)" onClick={() => controller.fit()}>
          Fit
        </button>
      </div>
      <div className="stage-frame">
        <canvas
          ref={canvasRef}
          className="stage-canvas"
          style={{ height }}
          role="img"
          aria-label={label}
          aria-describedby={helpId}
          tabIndex={0}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (drag.current = undefined)}
          onPointerLeave={onPointerLeave}
          onKeyDown={onKeyDown}
        />
        {hover !== undefined && (
          <div
            className="stage-tooltip"
            role="tooltip"
            style={
              hover.x > hover.width - 260
                ? { right: hover.width - hover.x + 12, top: hover.y + 14 }
                : { left: hover.x + 14, top: hover.y + 14 }
            }
          >
            {tooltip(hover.item)}
          </div>
        )}
      </div>
      <p id={helpId} className="stage-help muted">
        {help}
      </p>
    </div>
  );
}
