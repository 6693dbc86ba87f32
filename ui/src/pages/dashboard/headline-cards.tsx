/**
 * The dashboard's headline numbers, each a capped count ("10,000+"), read in one query.
 *
 * @module
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { post } from "../../api/client.js";
import type { FlowRunCount } from "../../api/types.js";
import { ErrorNotice } from "../../components/error-notice.js";
import { formatCount } from "../../format/time.js";
import { headlines } from "./headline-counts.js";
import type { RangeWindow } from "./time-range.js";

/** Total, completed, failed (in the range), running and late (now). */
export function HeadlineCards({ span }: { readonly span: RangeWindow }) {
  const items = headlines(span);
  const counts = useQuery({
    queryKey: ["dashboard", "counts", span.from, span.until],
    queryFn: ({ signal }) =>
      Promise.all(
        items.map((item) => post<FlowRunCount>("/flow_runs/count", { filter: item.filter }, signal)),
      ),
    placeholderData: keepPreviousData,
  });
  if (counts.error !== null) return <ErrorNotice error={counts.error} />;
  return (
    <div className="grid headline-cards">
      {items.map((item, i) => {
        const count = counts.data?.[i];
        return (
          <div
            key={item.key}
            className="card headline"
            style={item.color === undefined ? undefined : { borderTopColor: `var(--state-${item.color})` }}
          >
            <div className="muted">{item.label}</div>
            <div className="headline-value">
              {count === undefined ? "…" : formatCount(count.count, count.capped)}
            </div>
          </div>
        );
      })}
    </div>
  );
}
