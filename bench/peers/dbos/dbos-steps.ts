/**
 * The DBOS side: one DBOS workflow running N sequential durable steps (each step a no-op
 * that DBOS checkpoints in PostgreSQL before the workflow goes on).
 *
 * DBOS and pg are imported by name at run time, after {@link ensureDependencies} ran, so
 * this file type-checks without them installed; the few members used are typed here.
 *
 * @module
 */
import { noop as noopFn } from "../../shared/noop.js";
import { installedVersion } from "./install.js";

/** The parts of DBOS Transact's `DBOS` class this benchmark uses (`@dbos-inc/dbos-sdk` 5.x). */
interface DbosApi {
  setConfig(config: { name: string; systemDatabaseUrl: string; logLevel?: string }): void;
  launch(): Promise<void>;
  shutdown(): Promise<void>;
  registerStep<A extends unknown[], R>(
    fn: (...args: A) => Promise<R>,
    config?: { name?: string },
  ): (...args: A) => Promise<R>;
  registerWorkflow<A extends unknown[], R>(
    fn: (...args: A) => Promise<R>,
    config?: { name?: string },
  ): (...args: A) => Promise<R>;
}

/** The parts of `pg` this benchmark uses. */
interface PgClient {
  connect(): Promise<void>;
  query(text: string): Promise<{ rows: Record<string, unknown>[] }>;
  end(): Promise<void>;
}
type PgModule = { Client: new (config: { connectionString: string }) => PgClient };

// Specifiers in variables: TypeScript leaves the imports untyped instead of resolving them.
const DBOS_SDK = "@dbos-inc/dbos-sdk";
const PG = "pg";

async function importCommonJs<T>(specifier: string, member: string): Promise<T> {
  const mod = (await import(specifier)) as Record<string, unknown> & { default?: Record<string, unknown> };
  const value = mod[member] ?? mod.default?.[member];
  if (value === undefined) throw new Error(`${specifier} has no export ${member}`);
  return value as T;
}

/** What the PostgreSQL server reports about the settings that decide commit cost. */
export interface ServerFacts {
  readonly version: string;
  readonly fsync: string;
  readonly synchronousCommit: string;
}

/** Creates `database` on the server at `adminUrl` and reads its version and durability settings. */
export async function createDatabase(adminUrl: string, database: string): Promise<ServerFacts> {
  const Client = await importCommonJs<PgModule["Client"]>(PG, "Client");
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}"`);
    const show = async (name: string) => String((await client.query(`SHOW ${name}`)).rows[0]?.[name]);
    return {
      version: await show("server_version"),
      fsync: await show("fsync"),
      synchronousCommit: await show("synchronous_commit"),
    };
  } finally {
    await client.end();
  }
}

/** A launched DBOS with a registered N-step workflow. */
export interface DbosBench {
  readonly version: string;
  /** Runs one workflow of `n` sequential steps; resolves to the count of steps. */
  readonly steps: (n: number) => Promise<number>;
  readonly shutdown: () => Promise<void>;
}

/**
 * Registers the benchmark workflow and launches DBOS against `systemDatabaseUrl`.
 *
 * @example
 * ```ts
 * const dbos = await launchDbos("postgresql://postgres@127.0.0.1:5432/dbos_bench");
 * await dbos.steps(1000);
 * await dbos.shutdown();
 * ```
 */
export async function launchDbos(systemDatabaseUrl: string): Promise<DbosBench> {
  const DBOS = await importCommonJs<DbosApi>(DBOS_SDK, "DBOS");
  const noop = DBOS.registerStep(noopFn, { name: "noop" });
  const workflow = DBOS.registerWorkflow(
    async (n: number) => {
      let done = 0;
      for (let i = 0; i < n; i++) done += (await noop(i)) === i ? 1 : 0;
      return done;
    },
    { name: "sequentialSteps" },
  );
  DBOS.setConfig({ name: "ordo-bench", systemDatabaseUrl, logLevel: "warn" });
  await DBOS.launch();
  return {
    version: installedVersion(DBOS_SDK),
    steps: (n) => workflow(n),
    shutdown: () => DBOS.shutdown(),
  };
}
