/**
 * dependency-cruiser: the module graphs of src/ and ui/src/ have no cycles, and the web UI
 * imports nothing of the server at run time (run by `npm run lint`; type-only imports of
 * the server's schemas are erased and allowed), and the HTTP client loads none of the
 * server's code.
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
    {
      name: "ui-talks-http-only",
      severity: "error",
      comment: "The UI talks to the server over HTTP only; it may import the server's types, not its code.",
      from: { path: "^ui/src" },
      to: { path: "^src/" },
    },
    {
      name: "http-client-loads-no-server-code",
      severity: "error",
      comment:
        "A process that talks to a server (a run's process, a worker, the CLI with ORDO_API_URL) does not load the api/ layer or the store: they cost each run's process about 250 ms of CPU.",
      from: { path: "^src/client/(http-client|orchestration-client)\\.ts$" },
      to: { path: "^src/(api|store)/", pathNot: "^src/api/deployment-name\\.ts$", reachable: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: false,
  },
};
