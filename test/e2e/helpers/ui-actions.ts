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

/** `text` as a pattern matching exactly that text (spaces around it allowed). */
export function exactly(text: string): RegExp {
  return new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`);
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

/**
 * Opens the Graph tab of flow run `flowRunId` and waits until its canvas (an image named
 * with the count, "Run graph: 1,000 task runs") has all `taskRuns` (or any count when
 * undefined) and the graph says nothing more of its progress (loading, laying out).
 * Returns the canvas.
 */
export async function openRunGraph(page: Page, flowRunId: string, taskRuns?: number): Promise<Locator> {
  await page.goto(`/runs/${flowRunId}?tab=graph`);
  const count = taskRuns === undefined ? "[\\d,]+" : taskRuns.toLocaleString("en-US");
  const canvas = page.getByRole("img", { name: new RegExp(`^Run graph: ${count} task runs?\\b`) });
  await canvas.waitFor({ state: "visible", timeout: 60_000 });
  await page
    .getByRole("region", { name: "Run graph" })
    .getByRole("status")
    .waitFor({ state: "hidden", timeout: 30_000 });
  return canvas;
}

/** What `hoverGraphNode` reads of a canvas in the page (the suite compiles without the DOM types). */
interface CanvasElement {
  readonly width: number;
  readonly height: number;
  readonly clientWidth: number;
  readonly clientHeight: number;
  readonly style: { readonly cursor: string };
  getContext(kind: "2d"): {
    getImageData(x: number, y: number, w: number, h: number): { readonly data: ArrayLike<number> };
  } | null;
}

/** A node of the graph under the mouse: where it is on the page and what its tooltip says. */
export interface HoveredNode {
  readonly x: number;
  readonly y: number;
  /** The tooltip's title: the run's name. */
  readonly name: string;
  /** The tooltip's text, e.g. "noop-7Task runCompleted…". */
  readonly text: string;
  /** How many points the mouse tried, this one included. */
  readonly moves: number;
}

/** Resolves once the page has drawn two more animation frames (a canvas redrawn after a change). */
export async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((done) => {
        const window = globalThis as unknown as { requestAnimationFrame(callback: () => void): number };
        window.requestAnimationFrame(() => window.requestAnimationFrame(() => done()));
      }),
  );
}

/**
 * Moves the mouse onto a node of a graph's canvas, found the way a user finds one: among
 * the points where something is drawn (pixels of another colour than the canvas's most
 * common one, every `step` CSS pixels, nearest the centre first), the first where the
 * pointer turns into a hand (the canvas sets `cursor: pointer` over a node). Waits for the
 * node's tooltip and returns it; undefined when no drawn point in the viewport is a node.
 */
export async function hoverGraphNode(
  page: Page,
  canvas: Locator,
  { step = 6, tries = 150 } = {},
): Promise<HoveredNode | undefined> {
  await canvas.scrollIntoViewIfNeeded();
  await nextFrames(page);
  const box = await canvas.boundingBox();
  const viewport = page.viewportSize();
  if (box === null || viewport === null) throw new Error("the graph's canvas has no box");
  const drawn = await canvas.evaluate((element: CanvasElement, every: number) => {
    const pixels = element.getContext("2d")?.getImageData(0, 0, element.width, element.height).data ?? [];
    const ratio = element.width / Math.max(1, element.clientWidth);
    const points: { x: number; y: number; colour: number }[] = [];
    const counts = new Map<number, number>();
    for (let y = every / 2; y < element.clientHeight; y += every) {
      for (let x = every / 2; x < element.clientWidth; x += every) {
        const i = (Math.floor(y * ratio) * element.width + Math.floor(x * ratio)) * 4;
        const colour = (pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!;
        counts.set(colour, (counts.get(colour) ?? 0) + 1);
        points.push({ x, y, colour });
      }
    }
    const background = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    const [cx, cy] = [element.clientWidth / 2, element.clientHeight / 2];
    const distance = (p: { x: number; y: number }) => Math.hypot(p.x - cx, p.y - cy);
    return points
      .filter((point) => point.colour !== background)
      .sort((a, b) => distance(a) - distance(b))
      .map(({ x, y }) => ({ x, y }));
  }, step);
  const onScreen = drawn
    .map((point) => ({ x: box.x + point.x, y: box.y + point.y }))
    .filter((point) => point.y < viewport.height - 1 && point.x < viewport.width - 1);
  const tooltip = page.getByRole("tooltip");
  for (const [index, point] of onScreen.slice(0, tries).entries()) {
    await page.mouse.move(point.x, point.y);
    if ((await canvas.evaluate((element: CanvasElement) => element.style.cursor)) !== "pointer") continue;
    await tooltip.waitFor({ state: "visible", timeout: 5_000 });
    const name = (await tooltip.locator(".stage-tooltip-title").textContent())?.trim() ?? "";
    return { ...point, name, text: (await tooltip.textContent()) ?? "", moves: index + 1 };
  }
  return undefined;
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
