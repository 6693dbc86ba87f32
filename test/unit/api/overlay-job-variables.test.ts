import { describe, expect, it } from "vitest";
import { overlayJobVariables } from "../../../src/api/overlay-job-variables.js";

describe("a run's job variables over its deployment's", () => {
  it("replace the deployment's keys, and merge env variable by variable", () => {
    expect(
      overlayJobVariables(
        { env: { MODE: "slow", REGION: "eu" }, workingDir: "/srv/app", command: "node run.js" },
        { env: { MODE: "fast", DEBUG: "1" }, workingDir: "/tmp" },
      ),
    ).toEqual({
      env: { MODE: "fast", REGION: "eu", DEBUG: "1" },
      workingDir: "/tmp",
      command: "node run.js",
    });
  });

  it("keep the deployment's when the run has none, without sharing its object", () => {
    const base = { env: { MODE: "slow" } };
    const merged = overlayJobVariables(base, undefined);
    expect(merged).toEqual(base);
    expect(merged).not.toBe(base);
  });

  it("take the run's env whole when the deployment has none, or when either env is not an object", () => {
    expect(overlayJobVariables({}, { env: { MODE: "fast" } })).toEqual({ env: { MODE: "fast" } });
    // Not an object: left for the pool's template to refuse, as given.
    expect(overlayJobVariables({ env: { MODE: "slow" } }, { env: "MODE=fast" })).toEqual({
      env: "MODE=fast",
    });
  });
});
