/**
 * Vitest global setup: one PostgreSQL server for the whole test run, handed to the test
 * files as `inject("ordoPostgres")` (see `postgres.ts`).
 *
 * `ORDO_TEST_DATABASE_URL` set: that server is used (its user needs CREATEDB). Otherwise a
 * throwaway cluster is started from `initdb`/`pg_ctl` found on PATH or under
 * `/usr/lib/postgresql/<v>/bin`, and stopped and deleted at the end. Neither: under CI
 * the run fails; elsewhere the PostgreSQL suites are skipped, with one line saying why.
 */
import type { TestProject } from "vitest/node";
import { findPostgresBin, startThrowawayCluster } from "./postgres-cluster.js";

/** Starts (or finds) the server; returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env.ORDO_TEST_DATABASE_URL?.trim();
  if (external !== undefined && external !== "") {
    project.provide("ordoPostgres", { url: external, external: true, skipReason: null });
    return async () => undefined;
  }
  const bin = findPostgresBin();
  if (bin === undefined) {
    const reason =
      "no PostgreSQL server: ORDO_TEST_DATABASE_URL is unset and initdb/pg_ctl were found neither on PATH nor under /usr/lib/postgresql/*/bin";
    if (process.env.CI !== undefined && process.env.CI !== "") {
      throw new Error(`${reason}; the PostgreSQL suites must run in CI`);
    }
    console.log(`PostgreSQL suites skipped: ${reason}.`);
    project.provide("ordoPostgres", { url: null, external: false, skipReason: reason });
    return async () => undefined;
  }
  const started = Date.now();
  const cluster = await startThrowawayCluster(bin);
  const stopOnExit = () => cluster.stopSync();
  process.once("exit", stopOnExit);
  if (process.env.ORDO_TEST_VERBOSE !== undefined) {
    console.log(`PostgreSQL throwaway cluster ready in ${Date.now() - started} ms (${bin})`);
  }
  project.provide("ordoPostgres", { url: cluster.url, external: false, skipReason: null });
  return async () => {
    process.removeListener("exit", stopOnExit);
    await cluster.stop();
  };
}
