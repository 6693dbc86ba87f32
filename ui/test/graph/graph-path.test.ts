import { describe, expect, it } from "vitest";
import { FIRST_PAGE_NODES, NEXT_PAGE_NODES, graphPath } from "../../src/graph/use-run-graph.js";

describe("graphPath", () => {
  it("asks for a large first page, so most runs arrive in one request", () => {
    expect(graphPath("run 1", undefined)).toBe(`/flow_runs/run%201/graph?limit=${FIRST_PAGE_NODES}`);
    expect(FIRST_PAGE_NODES).toBeGreaterThan(10_001);
  });

  it("asks for the server's largest page after the first, from the cursor", () => {
    expect(graphPath("r", "a/b")).toBe(`/flow_runs/r/graph?limit=${NEXT_PAGE_NODES}&cursor=a%2Fb`);
    expect(NEXT_PAGE_NODES).toBe(50_000);
  });
});
