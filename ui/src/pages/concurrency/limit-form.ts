/**
 * The concurrency forms' rules, the server's (`src/schemas/concurrency-limit.ts`, kept
 * equal by a test): tags, global limit names, slot counts and slot decay.
 *
 * @module
 */

/** The server's rule for a global limit's name. */
export const GLOBAL_LIMIT_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,254}$/;

/** The largest slot count and decay rate the server takes. */
export const MAX_SLOTS = 1_000_000;

/** A number read from a field, or why it cannot be one. */
export type ParsedNumber =
  { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

/** Why `tag` cannot have a limit, or `undefined`. */
export function tagProblem(tag: string): string | undefined {
  if (tag === "") return "Enter a tag.";
  if (tag.length > 255) return "A tag has at most 255 characters.";
  if (tag.trim() !== tag) return "A tag cannot start or end with spaces.";
  return undefined;
}

/** Why `name` is not a valid global limit name, or `undefined`. */
export function globalLimitNameProblem(name: string): string | undefined {
  if (name === "") return "Enter a name.";
  if (name.length > 255) return "A name has at most 255 characters.";
  if (!GLOBAL_LIMIT_NAME_PATTERN.test(name)) {
    return "Use letters, digits, '_', '-' or '.', starting with a letter or digit.";
  }
  return undefined;
}

/** A limit: a whole number from 0 (blocks every run) to 1,000,000. */
export function parseSlotCount(text: string): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, message: "Enter a limit." };
  const value = Number(trimmed);
  if (!Number.isInteger(value) || value < 0 || value > MAX_SLOTS) {
    return { ok: false, message: "Use a whole number from 0 to 1,000,000." };
  }
  return { ok: true, value };
}

/** Slot decay per second: 0 (a concurrency limit) up to 1,000,000; empty reads as 0. */
export function parseSlotDecay(text: string): ParsedNumber {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: 0 };
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value < 0 || value > MAX_SLOTS) {
    return { ok: false, message: "Use a number of slots per second from 0 to 1,000,000." };
  }
  return { ok: true, value };
}

/** Slots in use, with one decimal at most (decaying rate-limit slots are fractional). */
export function formatSlots(slots: number): string {
  return String(Math.round(slots * 10) / 10);
}

/** "—" for no decay, "0.5 slots/s" for a rate limit. */
export function formatDecay(slotDecayPerSecond: number): string {
  if (slotDecayPerSecond <= 0) return "—";
  return `${formatSlots(slotDecayPerSecond)} slot${slotDecayPerSecond === 1 ? "" : "s"}/s`;
}

/** How full a limit is, 0–1; a limit of 0 is full (it blocks every run). */
export function usage(active: number, limit: number): number {
  if (limit <= 0) return 1;
  return Math.min(1, Math.max(0, active / limit));
}
