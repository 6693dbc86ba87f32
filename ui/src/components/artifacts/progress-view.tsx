/**
 * A progress artifact: a bar and its percentage. It follows its data: when the query
 * holding the artifact refetches, the bar moves.
 *
 * @module
 */

/** "42%", "42.5%" (one decimal at most). */
export function formatPercent(percent: number): string {
  return `${Math.round(percent * 10) / 10}%`;
}

/** A `<progress>` bar with the percentage as text. */
export function ProgressView({ percent, label }: { readonly percent: number; readonly label?: string }) {
  const text = formatPercent(percent);
  return (
    <div className="artifact-progress">
      <progress max={100} value={percent} aria-label={label ?? "Progress"} aria-valuetext={text}>
        {text}
      </progress>
      <span className="percent">{text}</span>
    </div>
  );
}
