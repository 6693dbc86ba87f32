/**
 * The geometry of a stacked bar chart, pure so it is tested in Node: time buckets with
 * counts per series become bars of stacked segments, a "nice" y scale with its ticks,
 * and the bars that carry an x-axis label. The SVG component only draws what this says.
 *
 * @module
 */

/** One bucket: counts per series key in [start, end). */
export interface CountBucket {
  readonly start: number;
  readonly end: number;
  readonly counts: Readonly<Record<string, number>>;
}

/** The drawing area, in SVG user units. */
export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Room around the plot for the axis labels. */
  readonly padding: {
    readonly top: number;
    readonly right: number;
    readonly bottom: number;
    readonly left: number;
  };
}

/** One series' part of a bar. */
export interface BarSegment {
  readonly key: string;
  readonly count: number;
  readonly y: number;
  readonly height: number;
}

/** One bucket's bar: its slot on the x axis and its segments, bottom first. */
export interface Bar {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  /** The bucket's slot (hover area), full plot height. */
  readonly slotX: number;
  readonly slotWidth: number;
  /** The drawn bar inside the slot. */
  readonly x: number;
  readonly width: number;
  readonly total: number;
  readonly segments: readonly BarSegment[];
}

/** A y-axis tick: its value and where it is drawn. */
export interface Tick {
  readonly value: number;
  readonly y: number;
}

/** The chart's layout. */
export interface StackedBarLayout {
  /** The plot area inside the padding. */
  readonly plot: {
    readonly left: number;
    readonly top: number;
    readonly width: number;
    readonly height: number;
  };
  /** The top of the y scale (a nice number at or above the tallest bar). */
  readonly max: number;
  readonly ticks: readonly Tick[];
  readonly bars: readonly Bar[];
  /** The series keys that occur, in stacking order (bottom first): the legend. */
  readonly keys: readonly string[];
}

/** Options of {@link layoutStackedBars}. */
export interface StackedBarOptions {
  /** Stacking order, bottom first; keys not listed stack above these, alphabetically. */
  readonly order: readonly string[];
  /** The share of a slot left empty between bars (0–0.9, default 0.2). */
  readonly gapRatio?: number;
  /** About how many ticks the y axis gets (default 4). */
  readonly tickCount?: number;
}

/**
 * A scale from 0 whose step is 1, 2 or 5 times a power of ten (never below 1, as counts
 * are whole), with its top at or above `max`. An empty chart gets 0–1.
 *
 * @example
 * ```ts
 * niceScale(37, 4); // { max: 40, step: 10 }
 * ```
 */
export function niceScale(max: number, tickCount = 4): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 1 };
  const raw = max / Math.max(1, tickCount);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power);
  return { max: step * Math.ceil(max / step), step };
}

/** The stacking order of the keys present in `buckets` (with a count above 0). */
export function seriesKeys(buckets: readonly CountBucket[], order: readonly string[]): string[] {
  const present = new Set<string>();
  for (const bucket of buckets) {
    for (const [key, count] of Object.entries(bucket.counts)) if (count > 0) present.add(key);
  }
  const known = order.filter((key) => present.has(key));
  const unknown = [...present].filter((key) => !order.includes(key)).sort();
  return [...known, ...unknown];
}

/**
 * Lays out `buckets` (oldest first) as stacked bars in `box`: one equal slot per bucket,
 * segments stacked bottom-up in `options.order`, heights on a nice scale from 0.
 * Empty buckets get a bar with no segments; zero counts get no segment.
 */
export function layoutStackedBars(
  buckets: readonly CountBucket[],
  box: ChartBox,
  options: StackedBarOptions,
): StackedBarLayout {
  const plot = {
    left: box.padding.left,
    top: box.padding.top,
    width: Math.max(0, box.width - box.padding.left - box.padding.right),
    height: Math.max(0, box.height - box.padding.top - box.padding.bottom),
  };
  const keys = seriesKeys(buckets, options.order);
  const totals = buckets.map((b) => keys.reduce((sum, key) => sum + Math.max(0, b.counts[key] ?? 0), 0));
  const { max, step } = niceScale(Math.max(0, ...totals), options.tickCount ?? 4);
  const bottom = plot.top + plot.height;
  const yOf = (value: number) => bottom - (value / max) * plot.height;
  const ticks: Tick[] = [];
  for (let value = 0; value <= max; value += step) ticks.push({ value, y: yOf(value) });

  const gapRatio = Math.min(0.9, Math.max(0, options.gapRatio ?? 0.2));
  const slotWidth = buckets.length === 0 ? 0 : plot.width / buckets.length;
  const width = Math.max(1, slotWidth * (1 - gapRatio));
  const bars = buckets.map((bucket, index): Bar => {
    const slotX = plot.left + index * slotWidth;
    let stacked = 0;
    const segments: BarSegment[] = [];
    for (const key of keys) {
      const count = Math.max(0, bucket.counts[key] ?? 0);
      if (count === 0) continue;
      const y = yOf(stacked + count);
      segments.push({ key, count, y, height: yOf(stacked) - y });
      stacked += count;
    }
    return {
      index,
      start: bucket.start,
      end: bucket.end,
      slotX,
      slotWidth,
      x: slotX + (slotWidth - width) / 2,
      width,
      total: totals[index] ?? 0,
      segments,
    };
  });
  return { plot, max, ticks, bars, keys };
}

/**
 * Which of `count` bars carry an x-axis label: at most `maxLabels`, evenly spaced,
 * the first always included.
 */
export function labelIndices(count: number, maxLabels: number): number[] {
  if (count <= 0 || maxLabels <= 0) return [];
  const every = Math.max(1, Math.ceil(count / maxLabels));
  const out: number[] = [];
  for (let i = 0; i < count; i += every) out.push(i);
  return out;
}
