import { describe, expect, it } from "vitest";
import { runDeployment } from "../../../src/sdk/deployments.js";

describe("runDeployment: options that mean no time are refused before anything is sent", () => {
  it.each([
    [{ timeoutSeconds: -1 }, "timeoutSeconds must be a number ≥ 0, got -1"],
    [{ timeoutSeconds: Number.NaN }, "timeoutSeconds must be a number ≥ 0, got NaN"],
    [{ scheduledTime: new Date("not a date") }, "scheduledTime must be a Date or ms since the epoch"],
  ])("%o", async (options, message) => {
    await expect(runDeployment("etl/nightly", {}, options)).rejects.toMatchObject({
      code: "ORDO_INVALID_INPUT",
      message: expect.stringContaining(message) as string,
    });
  });
});
