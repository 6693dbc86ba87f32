/**
 * Project bundles: a deployment's code as a deterministic `.tar.gz`, uploaded to the
 * server by content hash and unpacked by the workers that run it.
 *
 * @module
 */
export { assertBundleHash, bundleHash } from "./bundle-hash.js";
export { checkBundleSize, DEFAULT_MAX_BUNDLE_BYTES, formatBytes } from "./bundle-size.js";
export { createBundle, type BundleOptions, type ProjectBundle } from "./create-bundle.js";
export { extractBundle } from "./extract-bundle.js";
export { ALWAYS_EXCLUDED, IGNORE_FILES, IgnoreRules } from "./ignore-rules.js";
export { projectRoot } from "./project-root.js";
export { bundlePath, selectBundleFiles, type BundleFile, type FileSelection } from "./select-files.js";
