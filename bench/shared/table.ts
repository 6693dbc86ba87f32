/**
 * Plain-text tables for benchmark output.
 *
 * @module
 */

/**
 * Renders rows as an aligned text table with a header line; numeric-looking cells are
 * right-aligned.
 *
 * @example
 * ```ts
 * console.log(renderTable(["case", "µs/task"], [["mapped 10k", "14.2"]]));
 * ```
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const numeric = /^[-+]?[\d.,]+( ?(MB|ms|µs|x|×))?$/;
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric.test(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(header), rule, ...rows.map(line)].join("\n");
}
