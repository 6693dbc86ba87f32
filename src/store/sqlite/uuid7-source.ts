/**
 * A UUIDv7 generator as plain JavaScript source, for the SQLite writer thread (whose code
 * is evaluated from a string, so it cannot import `src/ids/uuid7.ts`). Same layout as
 * that module: 48 bits of Unix milliseconds, a 12-bit per-millisecond sequence in
 * `rand_a`, and 62 random bits drawn from a pooled buffer.
 *
 * @module
 */

/**
 * Declares `function uuid7()` (and its private state) when evaluated; needs `require`.
 *
 * @example
 * ```ts
 * const uuid7 = new Function("require", `${UUID7_SOURCE}; return uuid7;`)(createRequire(import.meta.url));
 * ```
 */
export const UUID7_SOURCE = `
const uuid7Pool = Buffer.allocUnsafe(16 * 1024);
let uuid7PoolAt = uuid7Pool.length;
let uuid7LastMs = -1;
let uuid7Seq = 0;
function uuid7Hex(value, digits) {
  return value.toString(16).padStart(digits, "0");
}
function uuid7() {
  const now = Date.now();
  if (now > uuid7LastMs) {
    uuid7LastMs = now;
    uuid7Seq = 0;
  } else if (++uuid7Seq > 0xfff) {
    uuid7LastMs++;
    uuid7Seq = 0;
  }
  if (uuid7PoolAt + 8 > uuid7Pool.length) {
    require("node:crypto").randomFillSync(uuid7Pool);
    uuid7PoolAt = 0;
  }
  const r = uuid7PoolAt;
  uuid7PoolAt += 8;
  const ms = uuid7Hex(uuid7LastMs, 12);
  const variant = uuid7Hex(0x8000 | ((uuid7Pool[r] & 0x3f) << 8) | uuid7Pool[r + 1], 4);
  return (
    ms.slice(0, 8) + "-" + ms.slice(8) + "-" + uuid7Hex(0x7000 | uuid7Seq, 4) + "-" + variant + "-" +
    uuid7Pool.toString("hex", r + 2, r + 8)
  );
}
`;
