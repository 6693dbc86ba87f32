/**
 * The `pg` connection pool of the PostgreSQL store, with BIGINT (int8) values read as
 * numbers: every BIGINT of the store is a timestamp in ms or a row id, far below 2^53.
 *
 * @module
 */
import pg from "pg";

/** OID of PostgreSQL's int8 (BIGINT) type. */
const INT8_OID = 20;

function parseInt8(text: string): number {
  return Number(text);
}

/** The pool's type parsers: `pg`'s own, except int8 → number (for this pool only). */
function getTypeParser(oid: number, format: "text" | "binary" = "text"): (value: string) => unknown {
  if (oid === INT8_OID && format === "text") return parseInt8;
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
}

const TYPES: pg.CustomTypesConfig = { getTypeParser };

/** How to open a pool. */
export interface PostgresPoolOptions {
  /** A `postgres://` or `postgresql://` URL. */
  readonly url: string;
  /** The most connections held at once. Default 10. */
  readonly poolSize?: number | undefined;
}

/**
 * Creates a pool (it connects lazily). Errors of idle connections (the server restarted,
 * a connection was killed) are absorbed: the pool drops that connection, and the next
 * query reports a failure of its own.
 *
 * @example
 * ```ts
 * const pool = createPostgresPool({ url: "postgres://localhost/ordo" });
 * await pool.end();
 * ```
 */
export function createPostgresPool(options: PostgresPoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types: TYPES,
    connectionTimeoutMillis: 30_000,
  });
  pool.on("error", () => undefined);
  return pool;
}

/** The URL with its password hidden, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== "") parsed.password = "****";
    return parsed.toString();
  } catch {
    return "(an unparsable URL)";
  }
}
