/**
 * Previous / next buttons of an offset-paged list, with the rows shown ("51–100").
 *
 * @module
 */

/** Props of {@link OffsetPager}. */
export interface OffsetPagerProps {
  readonly offset: number;
  readonly pageSize: number;
  /** Rows on this page. */
  readonly shown: number;
  readonly hasMore: boolean;
  /** Called with the offset to show. */
  readonly onOffset: (offset: number) => void;
  /** What the rows are, for screen readers ("variables"). */
  readonly noun: string;
}

/** Hidden when everything fits on one page. */
export function OffsetPager({ offset, pageSize, shown, hasMore, onOffset, noun }: OffsetPagerProps) {
  if (offset === 0 && !hasMore) return null;
  const range = shown === 0 ? "none" : `${offset + 1}–${offset + shown}`;
  return (
    <nav className="row pager" aria-label={`Pages of ${noun}`} style={{ marginTop: 8 }}>
      <button type="button" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <span className="muted">{`${noun} ${range}`}</span>
      <button type="button" disabled={!hasMore} onClick={() => onOffset(offset + pageSize)}>
        Next
      </button>
    </nav>
  );
}
