/**
 * zod schema of what the server says about a stored project bundle.
 *
 * @module
 */
import { z } from "zod";
import { BundleHashSchema } from "./deployment-source.js";

/** A bundle the server keeps: its hash, its size and whether this upload stored it. */
export const BundleInfoSchema = z.object({
  hash: BundleHashSchema,
  /** Bytes of the `.tar.gz`. */
  size: z.number().int().nonnegative(),
  /** False when the server had it already (uploads are idempotent). */
  created: z.boolean(),
});
/** A stored bundle. */
export type BundleInfo = z.infer<typeof BundleInfoSchema>;
