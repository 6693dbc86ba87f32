import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { StackedBarChart } from "../../src/components/charts/stacked-bar-chart.js";
import type { CountBucket } from "../../src/components/charts/stacked-bars.js";
import { HISTORY_ORDER, stateSeries } from "../../src/pages/dashboard/state-series.js";

const buckets: CountBucket[] = [
  { start: 0, end: 1000, counts: { COMPLETED: 3, FAILED: 1 } },
  { start: 1000, end: 2000, counts: {} },
];

function render(): string {
  return renderToString(
    <StackedBarChart
      buckets={buckets}
      order={HISTORY_ORDER}
      series={stateSeries}
      formatTick={(start) => `t${start}`}
      formatSpan={(start, end) => `${start}-${end}`}
      ariaLabel="Runs by state"
    />,
  );
}

describe("StackedBarChart", () => {
  it("is an image with a name for screen readers", () => {
    expect(render()).toContain('role="img" aria-label="Runs by state"');
  });

  it("names each bucket's counts by state in its title", () => {
    const html = render();
    expect(html).toContain("<title>0-1000: 3 Completed, 1 Failed</title>");
    expect(html).toContain("<title>1000-2000: no runs</title>");
  });

  it("draws segments in the state palette", () => {
    expect(render()).toContain('fill="var(--state-completed)"');
    expect(render()).toContain('fill="var(--state-failed)"');
  });

  it("lists the states that occur in the legend, by name", () => {
    const legend = render().split('aria-label="Legend"')[1] ?? "";
    expect(legend).toContain("Completed");
    expect(legend).toContain("Failed");
    expect(legend).not.toContain("Running");
  });
});
