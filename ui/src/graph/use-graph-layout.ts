/**
 * The layout of a graph model, computed in a Web Worker (`layout.worker.ts`) so that a
 * graph of 100,000 task runs never blocks the page; the last request wins.
 *
 * @module
 */
import { useEffect, useRef, useState } from "react";
import type { GraphModel } from "./graph-model.js";
import { computeLayout, layoutTimes, type GraphLayout, type LayoutInput, type LayoutMode } from "./layout.js";
import type { LayoutRequest, LayoutResponse } from "./layout.worker.js";

/** A layout and the model it belongs to (the two always travel together). */
export interface PlacedGraph {
  readonly model: GraphModel;
  readonly layout: GraphLayout;
}

function inputOf(model: GraphModel, mode: LayoutMode, now: number): LayoutInput {
  const { start, end } = layoutTimes(model.nodes);
  return { mode, start, end, edgeFrom: model.edgeFrom, edgeTo: model.edgeTo, now };
}

function createWorker(): Worker | undefined {
  if (typeof Worker === "undefined") return undefined;
  try {
    return new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
  } catch {
    return undefined;
  }
}

/** A worker started ahead of the graph that needs it (see {@link prestartLayoutWorker}). */
let spareWorker: Worker | undefined;

/**
 * Starts a layout worker before the Graph tab shows (a page opened on that tab calls it
 * first thing), so the worker's script loads while the page still reads the run. The
 * next graph laid out takes it; at most one waits.
 */
export function prestartLayoutWorker(): void {
  spareWorker ??= createWorker();
}

function startWorker(): Worker | undefined {
  const spare = spareWorker;
  spareWorker = undefined;
  return spare ?? createWorker();
}

/**
 * Lays out `model` (x by `mode`, open-ended nodes drawn to `now`) in the worker; returns
 * the latest finished layout with its model, or `undefined` before the first.
 */
export function useGraphLayout(
  model: GraphModel | undefined,
  mode: LayoutMode,
  now: number,
): PlacedGraph | undefined {
  const workerRef = useRef<Worker | null | undefined>(undefined);
  const [placed, setPlaced] = useState<PlacedGraph | undefined>(undefined);

  // The worker starts with the component, so its script loads while the graph's pages do.
  useEffect(() => {
    workerRef.current ??= startWorker() ?? null;
    return () => {
      workerRef.current?.terminate();
      workerRef.current = undefined;
    };
  }, []);

  useEffect(() => {
    if (model === undefined) return;
    if (workerRef.current === undefined) workerRef.current = startWorker() ?? null;
    const worker = workerRef.current;
    const input = inputOf(model, mode, now);
    if (worker === null) {
      // No worker (tests, very old browsers): lay out here, after this render.
      const timer = setTimeout(() => setPlaced({ model, layout: computeLayout(input) }), 0);
      return () => clearTimeout(timer);
    }
    const id = Math.random();
    const onMessage = (event: MessageEvent<LayoutResponse>) => {
      if (event.data.id === id) setPlaced({ model, layout: event.data.layout });
    };
    worker.addEventListener("message", onMessage);
    const request: LayoutRequest = { id, input };
    worker.postMessage(request, { transfer: [input.start.buffer, input.end.buffer] });
    return () => worker.removeEventListener("message", onMessage);
  }, [model, mode, now]);

  return placed;
}
