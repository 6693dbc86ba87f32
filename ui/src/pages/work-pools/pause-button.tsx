/**
 * "Pause" / "Resume" for a pool or queue.
 *
 * @module
 */
import { usePauseToggle } from "./use-pause-toggle.js";

/** Pauses a running pool or queue, resumes a paused one; `what` names it for screen readers. */
export function PauseButton({
  path,
  paused,
  what,
}: {
  readonly path: string;
  readonly paused: boolean;
  readonly what: string;
}) {
  const toggle = usePauseToggle(path);
  const label = paused ? "Resume" : "Pause";
  return (
    <button
      type="button"
      className={paused ? "primary" : undefined}
      disabled={toggle.isPending}
      aria-label={`${label} ${what}`}
      onClick={() => toggle.mutate(!paused)}
    >
      {label}
    </button>
  );
}
