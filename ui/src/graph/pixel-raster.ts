/**
 * The graph's lowest level of detail, for thousands of tiny nodes on screen: instead of
 * one canvas rectangle per node (which the browser must rasterise one by one), nodes are
 * painted into a grid of device pixels, each pixel keeping the most important state that
 * covers it (failed over running over the rest, so a single failure among 100,000 stays
 * visible), and the grid becomes one `ImageData`. A frame costs O(nodes + pixels). Pure.
 *
 * @module
 */

/** Device-pixel grid of colour indices (0 = empty, otherwise colour index + 1). */
export class PixelRaster {
  #width = 0;
  #height = 0;
  #cells = new Uint8Array(0);

  /** Width in device pixels. */
  get width(): number {
    return this.#width;
  }

  /** Height in device pixels. */
  get height(): number {
    return this.#height;
  }

  /** The colour index + 1 at a pixel (0 when empty). */
  at(x: number, y: number): number {
    return this.#cells[y * this.#width + x] ?? 0;
  }

  /** Empties the grid, resizing it to `width` × `height` device pixels. */
  reset(width: number, height: number): void {
    const w = Math.max(0, Math.floor(width));
    const h = Math.max(0, Math.floor(height));
    if (w * h !== this.#cells.length) this.#cells = new Uint8Array(w * h);
    else this.#cells.fill(0);
    this.#width = w;
    this.#height = h;
  }

  /**
   * Paints the rectangle [x0, x1) × [y0, y1) (device pixels; at least one pixel, clipped
   * to the grid) with `color`, except pixels already holding a colour of higher priority.
   */
  paint(x0: number, y0: number, x1: number, y1: number, color: number, priority: ArrayLike<number>): void {
    const left = Math.max(0, Math.floor(x0));
    const top = Math.max(0, Math.floor(y0));
    const right = Math.min(this.#width, Math.max(Math.floor(x0) + 1, Math.round(x1)));
    const bottom = Math.min(this.#height, Math.max(Math.floor(y0) + 1, Math.round(y1)));
    if (left >= right || top >= bottom) return;
    const value = color + 1;
    const rank = priority[color] ?? 0;
    const cells = this.#cells;
    for (let y = top; y < bottom; y++) {
      const row = y * this.#width;
      for (let i = row + left; i < row + right; i++) {
        const prior = cells[i]!;
        if (prior === 0 || rank >= (priority[prior - 1] ?? 0)) cells[i] = value;
      }
    }
  }

  /** Writes the grid as packed RGBA pixels (see {@link packRgba}), `background` where empty. */
  toPixels(out: Uint32Array, colors: ArrayLike<number>, background: number): void {
    const cells = this.#cells;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i]!;
      out[i] = cell === 0 ? background : (colors[cell - 1] ?? background);
    }
  }
}

/** A `#rrggbb` colour as one 32-bit RGBA pixel of an `ImageData` (little-endian byte order). */
export function packRgba(hex: string): number {
  const value = Number.parseInt(hex.slice(1, 7), 16);
  const r = (value >> 16) & 255;
  const g = (value >> 8) & 255;
  const b = value & 255;
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
