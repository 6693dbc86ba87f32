/**
 * A run's state history: each state with when it began, how long the run stayed in it,
 * and its message or error.
 *
 * @module
 */
import type { StateData } from "../../api/types.js";
import { EmptyState } from "../empty-state.js";
import { StateBadge } from "../state-badge.js";
import { Duration, RelativeTime } from "../time.js";

/** "Error: boom (E_BOOM)": a state's error in one line, with its code when `withCode`. */
function errorText(state: StateData, withCode: boolean): string | undefined {
  const error = state.error;
  if (error === undefined) return undefined;
  const code = withCode && error.code !== undefined ? ` (${error.code})` : "";
  return `${error.name}: ${error.message}${code}`;
}

/** Props of {@link StateHistory}. */
export interface StateHistoryProps {
  /** The states, oldest first. */
  readonly states: readonly StateData[];
  /** True while the run is not over: the last state's time counts up. */
  readonly live?: boolean;
}

/** The states a run went through, oldest first. */
export function StateHistory({ states, live = false }: StateHistoryProps) {
  if (states.length === 0) return <EmptyState title="No state changes recorded." />;
  return (
    <table className="table">
      <caption className="sr-only">State history, oldest first</caption>
      <thead>
        <tr>
          <th scope="col">State</th>
          <th scope="col">At</th>
          <th scope="col">For</th>
          <th scope="col">Message</th>
        </tr>
      </thead>
      <tbody>
        {states.map((state, index) => {
          const next = states[index + 1];
          const last = next === undefined;
          return (
            <tr key={`${state.timestamp}-${index}`}>
              <td>
                <StateBadge type={state.type} name={state.name} />
              </td>
              <td>
                <RelativeTime at={state.timestamp} />
              </td>
              <td>
                {last && !live ? (
                  <span className="muted">—</span>
                ) : (
                  <Duration start={state.timestamp} end={next?.timestamp} live={last && live} />
                )}
              </td>
              <td className="wrap">
                {state.message !== undefined && state.message !== errorText(state, false) && state.message}
                {state.error !== undefined && (
                  <div className="state-error mono">{errorText(state, true)}</div>
                )}
                {state.scheduledTime !== undefined && state.type === "SCHEDULED" && (
                  <div className="muted">
                    due <RelativeTime at={state.scheduledTime} />
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
