import { renderToString } from "react-dom/server";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import type { FlowRunGraph } from "../../src/api/types.js";
import { buildGraphModel } from "../../src/graph/graph-model.js";
import { MAX_LISTED_NODES, NodeList, NodeTooltip, StateLegend } from "../../src/graph/node-parts.js";

/** Server-rendered HTML without React's text separators. */
function html(element: Parameters<typeof renderToString>[0]): string {
  return renderToString(element).replaceAll("<!-- -->", "");
}

function model(count: number) {
  const nodes: FlowRunGraph["nodes"] = Array.from({ length: count }, (_, i) => [
    `t${i}`,
    i === 0 ? "flow" : "task",
    `run-${i}`,
    i === 1 ? "FAILED" : "COMPLETED",
    i === 1 ? "Failed" : "Completed",
    1000 + i,
    2000 + i,
    null,
  ]);
  return buildGraphModel([{ flowRunId: "r", columns: [], nodes, edges: [] }]);
}

describe("what screen readers get instead of the canvas", () => {
  it("lists a small graph's runs as links to their pages, with their states", () => {
    const out = html(
      <MemoryRouter>
        <NodeList model={model(3)} />
      </MemoryRouter>,
    );
    expect(out).toContain("List of the 3 runs shown");
    expect(out).toContain('href="/runs/t0"');
    expect(out).toContain('href="/task-runs/t1"');
    expect(out).toContain("Failed");
  });

  it("points to the Task runs tab instead of listing a large graph", () => {
    const out = html(
      <MemoryRouter>
        <NodeList model={model(MAX_LISTED_NODES + 1)} />
      </MemoryRouter>,
    );
    expect(out).not.toContain("<li");
    expect(out).toContain("301 runs are too many to list here");
  });

  it("names every colour in the legend, with counts", () => {
    const out = html(<StateLegend model={model(5)} />);
    expect(out).toContain("Completed");
    expect(out).toContain("Failed</span></span> 1");
    expect(out).toContain("Completed</span></span> 4");
  });

  it("says in the tooltip what a node is, its state and how long it took", () => {
    const node = model(2).nodes[0]!;
    const out = html(<NodeTooltip node={node} live={false} />);
    expect(out).toContain("run-0");
    expect(out).toContain("Subflow run");
    expect(out).toContain("1.0 s");
    const waiting = html(<NodeTooltip node={{ ...node, kind: "task", start: null, end: null }} live />);
    expect(waiting).toContain("Task run");
    expect(waiting).toContain("Not started");
  });
});
