/**
 * Deployment sources through the service layer, on SQLite and PostgreSQL: each kind is
 * stored and read back, a `path` alone reads as a local source, and a worker's claim
 * carries the source of the run's deployment.
 */
import { describe, expect, it } from "vitest";
import * as api from "../../../src/api/index.js";
import type { DeploymentCreate, DeploymentSource } from "../../../src/schemas/index.js";
import type { Store } from "../../../src/store/index.js";
import { storeBackends, withStore } from "../../helpers/store-backends.js";

const backends = storeBackends("sources");

const BUNDLE: DeploymentSource = { kind: "bundle", hash: "ab".repeat(32) };
const GIT: DeploymentSource = {
  kind: "git",
  url: "https://github.com/acme/flows.git",
  ref: "main",
  subdirectory: "etl",
};

/** Creates the deployment `etl/NAME` of `flows/etl.ts:etl` with `extra`. */
function deploy(store: Store, name: string, extra: Partial<DeploymentCreate> = {}) {
  return api.createDeployment(store, { flowName: "etl", name, entrypoint: "flows/etl.ts:etl", ...extra });
}

describe.each(backends)("deployment sources on %s", (_name, open) => {
  it("stores a bundle or git source (with no path) and reads it back", async () => {
    await withStore(open, async (store) => {
      const bundled = await deploy(store, "bundled", { path: "/home/me/proj", source: BUNDLE });
      expect(bundled.source).toEqual(BUNDLE);
      expect(bundled.path).toBeUndefined();
      const cloned = await deploy(store, "cloned", { source: GIT });
      expect((await api.readDeployment(store, cloned.id)).source).toEqual(GIT);
    });
  });

  it("reads a path alone as a local source, and a local source also as the path", async () => {
    await withStore(open, async (store) => {
      const old = await deploy(store, "old", { path: "/srv/p" });
      expect(old.source).toEqual({ kind: "local", path: "/srv/p" });
      const local = await deploy(store, "local", { source: { kind: "local", path: "/srv/q" } });
      expect(local).toMatchObject({ path: "/srv/q", source: { kind: "local", path: "/srv/q" } });
      const none = await deploy(store, "none");
      expect(none.source).toBeUndefined();
    });
  });

  it("refuses an unsafe git source with 422 ORDO_INVALID_INPUT naming the field", async () => {
    await withStore(open, async (store) => {
      await expect(
        deploy(store, "bad", { source: { kind: "git", url: "--upload-pack=touch /tmp/x" } }),
      ).rejects.toMatchObject({
        code: "ORDO_INVALID_INPUT",
        message: expect.stringContaining("source.url") as unknown,
      });
    });
  });

  it("hands the source to the worker that claims a run of the deployment", async () => {
    await withStore(open, async (store) => {
      await api.createWorkPool(store, { name: "remote" });
      const d = await deploy(store, "remote", { workPoolName: "remote", source: BUNDLE });
      const run = await api.createDeploymentFlowRun(store, d.id);
      const [claimed] = await api.claimWorkPoolRuns(store, "remote", { workerName: "w", prefetchSeconds: 0 });
      expect(claimed).toMatchObject({
        flowRun: { id: run.id },
        entrypoint: "flows/etl.ts:etl",
        source: BUNDLE,
      });
      expect(claimed?.path).toBeUndefined();
    });
  });
});
