/**
 * The dashboard's time-range choice, kept in the URL (`?range=24h`).
 *
 * @module
 */
import { Link, useSearchParams } from "react-router";
import { DEFAULT_RANGE, RANGE_KEYS, RANGES, type RangeKey } from "./time-range.js";

/** Links to the same page with each range; the current one is marked. */
export function RangePicker({ current }: { readonly current: RangeKey }) {
  const [params] = useSearchParams();
  return (
    <nav className="range-picker" aria-label="Time range">
      {RANGE_KEYS.map((key) => {
        const next = new URLSearchParams(params);
        if (key === DEFAULT_RANGE) next.delete("range");
        else next.set("range", key);
        const search = next.toString();
        return (
          <Link
            key={key}
            to={{ search: search === "" ? "" : `?${search}` }}
            aria-current={key === current ? "true" : undefined}
            title={RANGES[key].label}
            className={key === current ? "active" : undefined}
          >
            {key}
          </Link>
        );
      })}
    </nav>
  );
}
