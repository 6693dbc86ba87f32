/**
 * The window of fire times a schedule is asked for.
 *
 * @module
 */

/**
 * Which fire times to return: those strictly after `after`, none after `until` (when
 * given), at most `max` of them. Times are ms since the epoch.
 *
 * @example
 * ```ts
 * const nextDay: TimeWindow = { after: now, until: now + 86_400_000, max: 100 };
 * ```
 */
export interface TimeWindow {
  /** Only times strictly after this instant. */
  readonly after: number;
  /** No time after this instant (inclusive bound). */
  readonly until?: number | undefined;
  /** At most this many times. */
  readonly max: number;
}
