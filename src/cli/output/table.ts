/**
 * Plain-text tables for terminal output.
 *
 * @module
 */

/** One column of a table. */
export interface TableColumn {
  /** The header, printed as given (upper case by convention). */
  readonly header: string;
  /** Cells longer than this are cut with "…". */
  readonly maxWidth?: number | undefined;
  /** Right-align the column (for numbers). */
  readonly align?: "left" | "right" | undefined;
}

const GAP = "  ";

/** One line, control characters (newlines, tabs) shown as spaces. */
function clean(cell: string): string {
  return cell.replace(/[\u0000-\u001f\u007f]+/g, " ");
}

function cut(cell: string, maxWidth: number | undefined): string {
  if (maxWidth === undefined || cell.length <= maxWidth) return cell;
  return maxWidth <= 1 ? "…".slice(0, maxWidth) : `${cell.slice(0, maxWidth - 1)}…`;
}

/**
 * Formats rows as an aligned table: a header line, then one line per row, columns
 * separated by two spaces, no trailing spaces. With no rows, only the header line.
 *
 * @example
 * ```ts
 * formatTable([{ header: "ID" }, { header: "STATE" }], [["a1", "Completed"]]);
 * // "ID  STATE\na1  Completed\n"
 * ```
 */
export function formatTable(columns: readonly TableColumn[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((row) => columns.map((column, i) => cut(clean(row[i] ?? ""), column.maxWidth)));
  const widths = columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((row) => row[i]?.length ?? 0)),
  );
  const line = (row: readonly string[]): string =>
    row
      .map((cell, i) => {
        const width = widths[i] ?? 0;
        return columns[i]?.align === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join(GAP)
      .trimEnd();
  return [line(columns.map((c) => c.header)), ...cells.map(line)].map((l) => `${l}\n`).join("");
}

/**
 * Formats label/value pairs as aligned lines (`label:  value`), skipping pairs whose value
 * is `undefined`.
 *
 * @example
 * ```ts
 * formatFields([["id", "a1"], ["state", "Completed"], ["host", undefined]]);
 * // "id:     a1\nstate:  Completed\n"
 * ```
 */
export function formatFields(pairs: readonly (readonly [string, string | undefined])[]): string {
  const shown = pairs.filter((pair): pair is readonly [string, string] => pair[1] !== undefined);
  const width = Math.max(0, ...shown.map(([label]) => label.length + 1));
  return shown.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}\n`).join("");
}
