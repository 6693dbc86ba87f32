import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    silent: "passed-only",
    projects: [
      {
        // The web UI's pure pieces and components (rendered to HTML in Node).
        test: {
          name: "ui",
          include: ["ui/test/**/*.test.{ts,tsx}"],
          environment: "node",
        },
      },
      {
        // The web UI in the machine's headless Chromium against a real server and worker.
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: "forks",
        },
      },
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          environment: "node",
          // One PostgreSQL server for the run (ORDO_TEST_DATABASE_URL or a throwaway cluster).
          globalSetup: ["test/helpers/postgres-global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
      {
        // The engine's integration tests again, through the HttpClient against a real
        // server on loopback (test/helpers/ordo-home.ts starts one per test file).
        test: {
          name: "integration-http",
          include: ["test/integration/engine/**/*.test.ts"],
          exclude: [
            // Opens an EmbeddedClient on a SQLite file and locks that file directly.
            "test/integration/engine/recorder.test.ts",
          ],
          env: { ORDO_TEST_CLIENT: "http" },
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
    ],
  },
});
