/**
 * Schedules the tests share.
 *
 * @module
 */

/** Monthly on the 31st, every minute of that day, since 2010: too many occurrences to walk to today. */
export const COSTLY_RRULE = `DTSTART:20100131T000000\nRRULE:FREQ=MONTHLY;BYHOUR=${Array.from({ length: 24 }, (_, h) => h).join(",")};BYMINUTE=${Array.from({ length: 60 }, (_, m) => m).join(",")}`;
