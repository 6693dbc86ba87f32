/**
 * A stacked bar chart in SVG: time buckets of counts per series, a legend, and the
 * hovered bucket's counts in words (each bar also has a title). Geometry comes from
 * {@link layoutStackedBars}; colours and names from the caller.
 *
 * @module
 */
import { useState } from "react";
import { labelIndices, layoutStackedBars, type ChartBox, type CountBucket } from "./stacked-bars.js";
import "./charts.css";

/** How one series is drawn and named. */
export interface ChartSeries {
  readonly label: string;
  /** A CSS colour (a `var(--state-…)` works). */
  readonly color: string;
}

/** Props of {@link StackedBarChart}. */
export interface StackedBarChartProps {
  readonly buckets: readonly CountBucket[];
  /** Stacking order, bottom first. */
  readonly order: readonly string[];
  /** Label and colour of a series key. */
  readonly series: (key: string) => ChartSeries;
  /** The x-axis label of a bucket starting at `start`. */
  readonly formatTick: (start: number) => string;
  /** The words for a bucket's time span ("14:00–14:30"). */
  readonly formatSpan: (start: number, end: number) => string;
  /** What the chart shows, for screen readers. */
  readonly ariaLabel: string;
}

const BOX: ChartBox = { width: 800, height: 220, padding: { top: 10, right: 8, bottom: 24, left: 44 } };

function describe(
  keys: readonly string[],
  counts: Readonly<Record<string, number>>,
  series: (key: string) => ChartSeries,
): string {
  const parts = keys.filter((k) => (counts[k] ?? 0) > 0).map((k) => `${counts[k]} ${series(k).label}`);
  return parts.length === 0 ? "no runs" : parts.join(", ");
}

/** The chart with its legend and hover read-out. */
export function StackedBarChart({
  buckets,
  order,
  series,
  formatTick,
  formatSpan,
  ariaLabel,
}: StackedBarChartProps) {
  const [hovered, setHovered] = useState<number | undefined>(undefined);
  const layout = layoutStackedBars(buckets, BOX, { order, tickCount: 4 });
  const labelled = new Set(labelIndices(layout.bars.length, 6));
  const bottom = layout.plot.top + layout.plot.height;
  const hoveredBar = hovered === undefined ? undefined : layout.bars[hovered];
  return (
    <div className="stacked-chart">
      <svg
        viewBox={`0 0 ${BOX.width} ${BOX.height}`}
        role="img"
        aria-label={ariaLabel}
        onMouseLeave={() => setHovered(undefined)}
      >
        {layout.ticks.map((tick) => (
          <g key={tick.value} className="tick">
            <line x1={layout.plot.left} x2={layout.plot.left + layout.plot.width} y1={tick.y} y2={tick.y} />
            <text x={layout.plot.left - 6} y={tick.y} dy="0.32em" textAnchor="end">
              {tick.value.toLocaleString("en-US")}
            </text>
          </g>
        ))}
        {layout.bars.map((bar) => (
          <g
            key={bar.start}
            className={bar.index === hovered ? "bar hovered" : "bar"}
            onMouseEnter={() => setHovered(bar.index)}
          >
            <title>{`${formatSpan(bar.start, bar.end)}: ${describe(layout.keys, buckets[bar.index]?.counts ?? {}, series)}`}</title>
            <rect
              className="slot"
              x={bar.slotX}
              y={layout.plot.top}
              width={bar.slotWidth}
              height={layout.plot.height}
            />
            {bar.segments.map((segment) => (
              <rect
                key={segment.key}
                x={bar.x}
                y={segment.y}
                width={bar.width}
                height={segment.height}
                fill={series(segment.key).color}
              />
            ))}
            {labelled.has(bar.index) && (
              <text className="x-label" x={bar.slotX + bar.slotWidth / 2} y={bottom + 16} textAnchor="middle">
                {formatTick(bar.start)}
              </text>
            )}
          </g>
        ))}
        <line
          className="axis"
          x1={layout.plot.left}
          x2={layout.plot.left + layout.plot.width}
          y1={bottom}
          y2={bottom}
        />
      </svg>
      <p className="chart-readout muted" aria-live="polite">
        {hoveredBar === undefined
          ? "Point at a bar to see its counts."
          : `${formatSpan(hoveredBar.start, hoveredBar.end)}: ${describe(
              layout.keys,
              buckets[hoveredBar.index]?.counts ?? {},
              series,
            )}`}
      </p>
      <ul className="chart-legend" aria-label="Legend">
        {layout.keys.map((key) => {
          const s = series(key);
          return (
            <li key={key}>
              <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
              {s.label}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
