/**
 * Instants in requests and records: whole ms since the epoch, from 1970 to the end of the
 * year 9999. A later one would pass `JSON.parse` and the database, then break whatever
 * formats it as a date (`toISOString` throws past the year 275760; ISO 8601 has four digits
 * for the year).
 *
 * @module
 */
import { z } from "zod";

/** 9999-12-31T23:59:59.999Z, the last instant ISO 8601 writes with a four-digit year. */
export const MAX_EPOCH_MS = 253_402_300_799_999;

/** Whole ms since the epoch, 1970 to the year 9999. */
export const EpochMillisSchema = z
  .number()
  .int()
  .nonnegative()
  .max(MAX_EPOCH_MS, "must be at most 253402300799999 (the end of the year 9999)");
