/**
 * A table artifact: a header row and at most {@link MAX_TABLE_ROWS} rows, with a note
 * when the table has more.
 *
 * @module
 */
import { formatCount } from "../../format/time.js";
import { formatCell, MAX_TABLE_ROWS, type TableData } from "./table-data.js";

/** Props of {@link TableView}. */
export interface TableViewProps {
  readonly table: TableData;
  /** Names the table for screen readers (the artifact's description or key). */
  readonly caption?: string | undefined;
  /** The most rows drawn (default {@link MAX_TABLE_ROWS}). */
  readonly maxRows?: number;
}

/** Draws `table`; numbered columns (rows of arrays) have no names in the data. */
export function TableView({ table, caption, maxRows = MAX_TABLE_ROWS }: TableViewProps) {
  if (table.rows.length === 0) return <p className="muted">The table has no rows.</p>;
  const shown = table.rows.slice(0, maxRows);
  return (
    <div className="artifact-table">
      <div className="scroll">
        <table className="table">
          {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
          <thead>
            <tr>
              {table.columns.map((column, index) => (
                <th key={index} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {shown.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, cellIndex) => (
                  <td key={cellIndex} className={cell === null ? "muted" : undefined}>
                    {formatCell(cell)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {table.rows.length > shown.length && (
        <p className="muted note" role="note">
          {`Showing the first ${formatCount(shown.length)} of ${formatCount(table.rows.length)} rows.`}
        </p>
      )}
    </div>
  );
}
