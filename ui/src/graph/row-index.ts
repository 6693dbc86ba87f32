/**
 * Free-row search for the greedy row assignment of the graph layout: each row is busy
 * until some x; find the row nearest to a wanted one that is free at x. A segment tree of
 * "busy until" minima answers in O(log rows), so placing n nodes costs O(n log rows)
 * even when thousands of nodes want the same row (a fan-out of 10,000 mapped tasks).
 *
 * @module
 */

/** Rows with a "busy until" x each; rows never used are free everywhere. */
export class RowIndex {
  #size = 64;
  #tree = RowIndex.#emptyTree(64);
  #rows = 0;

  static #emptyTree(size: number): Float64Array {
    return new Float64Array(2 * size).fill(Number.NEGATIVE_INFINITY);
  }

  /** Rows used so far (the highest occupied row + 1). */
  get rowCount(): number {
    return this.#rows;
  }

  /** The x until which `row` is busy (`-Infinity` when never used). */
  busyUntil(row: number): number {
    return row < this.#size ? (this.#tree[this.#size + row] ?? Number.NEGATIVE_INFINITY) : -Infinity;
  }

  /** Marks `row` busy until `until` (rows only ever get busier as x grows). */
  occupy(row: number, until: number): void {
    while (row + 1 >= this.#size) this.#grow();
    let at = this.#size + row;
    this.#tree[at] = until;
    for (at >>= 1; at >= 1; at >>= 1) {
      this.#tree[at] = Math.min(this.#tree[2 * at] ?? -Infinity, this.#tree[2 * at + 1] ?? -Infinity);
    }
    if (row >= this.#rows) this.#rows = row + 1;
  }

  /**
   * The free row at `x` nearest to `wanted`: the first free row at or after it, or the
   * last free row before it when that one is strictly closer.
   */
  nearestFree(wanted: number, x: number): number {
    const target = Math.max(0, Math.floor(wanted));
    while (target + 1 >= this.#size) this.#grow();
    // Rows past the last used one are free, and the tree always has one: never -1.
    const after = this.#firstFreeFrom(1, 0, this.#size, target, x);
    const before = target === 0 ? -1 : this.#lastFreeBefore(1, 0, this.#size, target, x);
    if (before >= 0 && target - before < after - target) return before;
    return after;
  }

  /** First leaf index ≥ from in [lo, hi) whose value ≤ x, or -1 when none. */
  #firstFreeFrom(node: number, lo: number, hi: number, from: number, x: number): number {
    if (hi <= from || (this.#tree[node] ?? -Infinity) > x) return -1;
    if (hi - lo === 1) return lo;
    const mid = (lo + hi) >> 1;
    const left = this.#firstFreeFrom(2 * node, lo, mid, from, x);
    return left >= 0 ? left : this.#firstFreeFrom(2 * node + 1, mid, hi, from, x);
  }

  /** Last leaf index < before in [lo, hi) whose value ≤ x, or -1 when none. */
  #lastFreeBefore(node: number, lo: number, hi: number, before: number, x: number): number {
    if (lo >= before || (this.#tree[node] ?? -Infinity) > x) return -1;
    if (hi - lo === 1) return lo;
    const mid = (lo + hi) >> 1;
    const right = this.#lastFreeBefore(2 * node + 1, mid, hi, before, x);
    if (right >= 0) return right;
    return this.#lastFreeBefore(2 * node, lo, mid, before, x);
  }

  #grow(): void {
    const old = this.#tree;
    const oldSize = this.#size;
    this.#size = oldSize * 2;
    this.#tree = RowIndex.#emptyTree(this.#size);
    for (let row = 0; row < oldSize; row++) this.#tree[this.#size + row] = old[oldSize + row] ?? -Infinity;
    for (let at = this.#size - 1; at >= 1; at--) {
      this.#tree[at] = Math.min(this.#tree[2 * at] ?? -Infinity, this.#tree[2 * at + 1] ?? -Infinity);
    }
  }
}
