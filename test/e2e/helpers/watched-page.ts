/**
 * A browser page that records what went wrong on it: console errors, uncaught page
 * errors, requests that failed on the network, and API answers of 400 or more (other than
 * the ones a test expects). `settle()` waits until the page's API requests are done (the
 * live event stream, which never ends, is not counted).
 *
 * @module
 */
import type { Browser, BrowserContext, Page, Request } from "playwright-core";

/** Which API answers with an error status a test expects (method, path and status). */
export type ExpectedFailure = (request: { method: string; path: string; status: number }) => boolean;

/** A page and what went wrong on it since the last `clearProblems()`. */
export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** One line per problem: `console error: …`, `page error: …`, `GET /api/… → 404`, … */
  readonly problems: () => readonly string[];
  readonly clearProblems: () => void;
  /** Resolves once no API request (but the live stream) has been in flight for `quietMs`. */
  readonly settle: (quietMs?: number, timeoutMs?: number) => Promise<void>;
  readonly close: () => Promise<void>;
}

function isApi(url: string): boolean {
  try {
    return new URL(url).pathname.startsWith("/api/");
  } catch {
    return false;
  }
}

function isLiveStream(request: Request): boolean {
  return request.resourceType() === "eventsource" || new URL(request.url()).pathname === "/api/stream";
}

/** Opens a page of a new browser context whose relative addresses go to `baseURL`. */
export async function openWatchedPage(
  browser: Browser,
  baseURL: string,
  expected: ExpectedFailure = () => false,
): Promise<WatchedPage> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 900 } });
  // A missing button fails in 10 s, not Playwright's 30 s: the suite has a time budget.
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  const page = await context.newPage();
  let problems: string[] = [];
  const pending = new Set<Request>();
  let lastActivity = Date.now();

  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const where = message.location().url;
    // Chromium's note about an API answer of 400 or more: the response listener judges those.
    if (message.text().startsWith("Failed to load resource") && isApi(where)) return;
    problems.push(`console error: ${message.text()}${where === "" ? "" : ` (${where})`}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    lastActivity = Date.now();
    // Only the API's requests: a Web Worker's script request may never report its end
    // when the worker is stopped (the graph's layout worker on leaving the tab).
    if (isApi(request.url()) && !isLiveStream(request)) pending.add(request);
  });
  page.on("requestfinished", (request) => {
    lastActivity = Date.now();
    pending.delete(request);
  });
  page.on("requestfailed", (request) => {
    lastActivity = Date.now();
    pending.delete(request);
    const reason = request.failure()?.errorText ?? "failed";
    // Aborted: a query cancelled on unmount or a navigation, not an error.
    if (reason.includes("ERR_ABORTED") || isLiveStream(request)) return;
    problems.push(`${request.method()} ${request.url()} failed: ${reason}`);
  });
  page.on("response", (response) => {
    if (!isApi(response.url()) || response.status() < 400) return;
    const url = new URL(response.url());
    const request = { method: response.request().method(), path: url.pathname, status: response.status() };
    if (expected(request)) return;
    problems.push(`${request.method} ${url.pathname}${url.search} → ${request.status}`);
  });

  return {
    page,
    context,
    problems: () => problems,
    clearProblems: () => void (problems = []),
    async settle(quietMs = 300, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (pending.size === 0 && Date.now() - lastActivity >= quietMs) return;
        if (Date.now() > deadline) {
          const urls = [...pending].map((request) => request.url()).join(", ");
          throw new Error(`the page did not settle within ${timeoutMs} ms; still loading: ${urls}`);
        }
        await page.waitForTimeout(50);
      }
    },
    close: () => context.close(),
  };
}
