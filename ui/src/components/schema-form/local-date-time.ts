/**
 * Converting between instants and the text of `<input type="datetime-local">`
 * (`YYYY-MM-DDTHH:mm[:ss[.mmm]]`, in the browser's time zone). Pure.
 *
 * @module
 */

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;
const WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

const pad = (value: number, size = 2) => String(value).padStart(size, "0");

/**
 * The instant (ms since the epoch) of a datetime-local text read in the local time zone;
 * a full ISO 8601 text with `Z` or an offset is read as written. `undefined` when the text
 * is no such date-time (including impossible dates such as February 30).
 *
 * @example
 * ```ts
 * localInputToMillis("2026-03-01T03:00") === new Date(2026, 2, 1, 3, 0).getTime();
 * ```
 */
export function localInputToMillis(text: string): number | undefined {
  const trimmed = text.trim();
  if (WITH_ZONE.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isNaN(ms) ? undefined : ms;
  }
  const match = LOCAL.exec(trimmed);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? "0")) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const millis = match[7] === undefined ? 0 : Number(match[7].padEnd(3, "0"));
  const date = new Date(year, month - 1, day, hour, minute, second, millis);
  const fits =
    date.getFullYear() === year &&
    date.getMonth() === month - 1 &&
    date.getDate() === day &&
    date.getHours() === hour &&
    date.getMinutes() === minute;
  return fits ? date.getTime() : undefined;
}

/** The datetime-local text of `ms` in the local time zone (seconds only when not zero). */
export function millisToLocalInput(ms: number): string {
  const date = new Date(ms);
  const base = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const seconds = date.getSeconds();
  const millis = date.getMilliseconds();
  if (seconds === 0 && millis === 0) return base;
  return millis === 0 ? `${base}:${pad(seconds)}` : `${base}:${pad(seconds)}.${pad(millis, 3)}`;
}
