/**
 * dependency-cruiser: the module graph of src/ has no cycles (run by `npm run lint`).
 * Folder boundaries (pure states/, schemas/ and schedules/, an engine that sees only OrdoClient) are
 * enforced by ESLint's no-restricted-imports in eslint.config.js.
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "Circular imports make module initialisation order fragile.",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: false,
  },
};
