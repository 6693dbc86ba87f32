/**
 * Small steps the specs take on pages and on the API, named after what a user does.
 *
 * @module
 */
import type { Locator, Page } from "playwright-core";
import type { FlowRunFilter } from "../../../src/schemas/index.js";
import type { OrdoStack } from "./ordo-stack.js";

/** The flow run page's status: the element around its state badge. */
export function runState(page: Page): Locator {
  return page.locator('[data-testid="run-state"]');
}

/** Waits until `locator` (the first match) shows text matching `pattern`. */
export async function waitForText(locator: Locator, pattern: RegExp, timeoutMs = 15_000): Promise<void> {
  try {
    await locator.filter({ hasText: pattern }).first().waitFor({ state: "visible", timeout: timeoutMs });
  } catch (error) {
    const shown = await locator
      .first()
      .textContent({ timeout: 1000 })
      .catch(() => "(not found)");
    throw new Error(`expected ${pattern} within ${timeoutMs} ms; it shows: ${shown}\n${String(error)}`);
  }
}

/** Clicks the page's tab named `name` (a `role="tab"`, or a link in the `.tabs` bar). */
export async function openTab(page: Page, name: RegExp): Promise<void> {
  await page.getByRole("tab", { name }).or(page.locator(".tabs").getByRole("link", { name })).first().click();
}

/** What `describedText` reads of a form field in the page (the suite compiles without the DOM types). */
interface FieldElement {
  getAttribute(name: string): string | null;
  readonly ownerDocument: { getElementById(id: string): { readonly textContent: string | null } | null };
}

/** The text of the elements that `aria-describedby`/`aria-errormessage` of `field` name. */
export function describedText(field: Locator): Promise<string> {
  return field.evaluate((element: FieldElement) => {
    const ids = [element.getAttribute("aria-errormessage"), element.getAttribute("aria-describedby")]
      .join(" ")
      .split(/\s+/)
      .filter((id) => id !== "" && id !== "null");
    return ids
      .map((id) => element.ownerDocument.getElementById(id)?.textContent ?? "")
      .join(" ")
      .trim();
  });
}

/** How many flow runs match `filter`, from the API. */
export async function countRuns(stack: OrdoStack, filter: FlowRunFilter): Promise<number> {
  const response = await fetch(`${stack.apiUrl}/flow_runs/count`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(filter),
  });
  if (!response.ok)
    throw new Error(`POST /api/flow_runs/count → ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { count: number }).count;
}

/** The id at the end of the page's `/runs/<id>` address. */
export function runIdOf(page: Page): string {
  const match = /\/runs\/([0-9a-f-]{36})/.exec(new URL(page.url()).pathname);
  if (match === null) throw new Error(`${page.url()} is not a flow run page`);
  return match[1]!;
}

/** Prints a figure the suite reports, past the test runner (which hides passed tests' logs). */
export function report(line: string): void {
  process.stdout.write(`e2e: ${line}\n`);
}
