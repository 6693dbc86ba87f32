/**
 * Prefix matching with LIKE, the same on SQLite and PostgreSQL.
 *
 * @module
 */
import { sql, type RawBuilder } from "kysely";

/** `column LIKE 'prefix%' ESCAPE '\'`, with `%`, `_` and `\` in the prefix matched literally. */
export function startsWith(column: string, prefix: string): RawBuilder<boolean> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
