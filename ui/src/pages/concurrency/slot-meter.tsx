/**
 * "3 / 10" slots in use, with a meter.
 *
 * @module
 */
import { formatSlots, usage } from "./limit-form.js";

/** Slots in use out of the limit, as text and a `<meter>`. */
export function SlotMeter({ active, limit }: { readonly active: number; readonly limit: number }) {
  const text = `${formatSlots(active)} / ${limit}`;
  return (
    <span className="slot-meter">
      <meter
        min={0}
        max={1}
        low={0.7}
        high={0.99}
        optimum={0}
        value={usage(active, limit)}
        aria-label={`${text} slots in use`}
      />
      <span className="mono">{text}</span>
    </span>
  );
}
