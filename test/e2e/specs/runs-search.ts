/**
 * The runs page's search: `/` focuses it (the input marked `data-search`), and a name
 * typed there narrows the table, through the address so that the view can be shared.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import type { UiSuite } from "../helpers/ui-suite.js";

/** Registers the runs search specification. */
export function describeRunsSearch(suite: () => UiSuite): void {
  describe("the runs page's search", () => {
    it("is focused by `/` and narrows the runs to the name typed, in the address", async () => {
      const { seeded, openPage } = suite();
      const { page, problems, settle } = await openPage();
      const { completed, failed } = seeded;
      await page.goto("/runs");
      await page.getByRole("link", { name: failed.name, exact: true }).first().waitFor();

      await page.locator("body").press("/");
      const search = page.locator("input[data-search]");
      expect(await search.evaluate((input) => input === input.ownerDocument.activeElement)).toBe(true);
      await search.fill(completed.name);
      await page.waitForURL((url) => [...url.searchParams.values()].includes(completed.name));
      await page.getByRole("link", { name: failed.name, exact: true }).waitFor({ state: "detached" });
      await page.getByRole("link", { name: completed.name, exact: true }).first().waitFor();

      // The address alone opens the same view.
      const shared = page.url();
      await page.goto("about:blank");
      await page.goto(shared);
      await page.getByRole("link", { name: completed.name, exact: true }).first().waitFor();
      expect(await page.getByRole("link", { name: failed.name, exact: true }).count()).toBe(0);
      await settle();
      expect(problems()).toEqual([]);
    });
  });
}
