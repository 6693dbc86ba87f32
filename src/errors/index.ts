/** @module errors: typed errors with stable codes. */
export { ErrorCode, OrdoError, isOrdoError } from "./ordo-error.js";
