/** Test helpers: ISO strings ⇄ ms, so expectations read as dates. */
export const ms = (iso: string): number => Date.parse(iso);
export const isoList = (times: readonly number[]): string[] => times.map((t) => new Date(t).toISOString());
