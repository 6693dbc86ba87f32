/**
 * The values the store binds to SQL parameters.
 *
 * @module
 */

/** A value bound to a SQL parameter: text, a number, or NULL. */
export type BindValue = string | number | null;
