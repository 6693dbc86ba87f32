/** The bundle size limit: the total of the files, and an error that names the largest. */
import { describe, expect, it } from "vitest";
import { checkBundleSize } from "../../../src/bundles/index.js";
import { OrdoError } from "../../../src/errors/index.js";

const MiB = 1024 * 1024;

describe("the bundle size limit", () => {
  it("returns the total when the files fit", () => {
    expect(
      checkBundleSize(
        [
          { path: "a.ts", size: 10 },
          { path: "b.ts", size: 20 },
        ],
        30,
        "/p",
      ),
    ).toBe(30);
  });

  it("refuses more with ORDO_BUNDLE_TOO_LARGE, naming the size, the limit and the largest files first", () => {
    const files = [
      { path: "src/app.ts", size: 2_000 },
      { path: "data/dump.csv", size: 60 * MiB },
      { path: "data/small.csv", size: 3 * MiB },
    ];
    let error: unknown;
    try {
      checkBundleSize(files, 50 * MiB, "/home/me/proj");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OrdoError);
    const { code, message, details } = error as OrdoError;
    expect(code).toBe("ORDO_BUNDLE_TOO_LARGE");
    expect(message).toContain("/home/me/proj would hold 63.0 MiB in 3 files, over the limit of 50.0 MiB");
    expect(message).toContain(
      "largest files: data/dump.csv (60.0 MiB), data/small.csv (3.0 MiB), src/app.ts (2.0 KiB)",
    );
    expect(message).toContain(".ordoignore");
    expect(details).toMatchObject({ limit: 50 * MiB, files: 3 });
  });
});
