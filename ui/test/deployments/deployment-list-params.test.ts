import { describe, expect, it } from "vitest";
import {
  DEPLOYMENT_PAGE_SIZE,
  deploymentFilterOf,
  readListParams,
  writeListParams,
} from "../../src/pages/deployments/deployment-list-params.js";

describe("the Deployments list's URL", () => {
  it("reads name, flow and page, falling back on bad values", () => {
    expect(readListParams(new URLSearchParams("name=night&flow=etl&page=3"))).toEqual({
      name: "night",
      flow: "etl",
      page: 3,
    });
    expect(readListParams(new URLSearchParams("page=-2"))).toEqual({ name: "", flow: "", page: 1 });
    expect(readListParams(new URLSearchParams("page=abc")).page).toBe(1);
  });

  it("writes only what differs from the defaults", () => {
    expect(writeListParams({ name: "", flow: "", page: 1 }).toString()).toBe("");
    expect(writeListParams({ name: "night", flow: "etl", page: 2 }).toString()).toBe(
      "name=night&flow=etl&page=2",
    );
  });

  it("asks the server for one more than a page, by name prefix and flow", () => {
    expect(deploymentFilterOf({ name: " night ", flow: "etl", page: 2 })).toEqual({
      namePrefix: "night",
      flowName: "etl",
      limit: DEPLOYMENT_PAGE_SIZE + 1,
      offset: DEPLOYMENT_PAGE_SIZE,
    });
    expect(deploymentFilterOf({ name: "", flow: "", page: 1 })).toEqual({
      limit: DEPLOYMENT_PAGE_SIZE + 1,
      offset: 0,
    });
  });
});
