// Debian's Chromium driven by playwright-core: no browser downloads, the same binary CI installs with apt.
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // No sandbox: CI runs as root in a container. The rest keeps Chromium from calling home mid-test.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
    ],
  });
}

export interface NewPageOptions {
  javaScriptEnabled?: boolean;
  width?: number;
  height?: number;
  /** Lets tests write page.goto("/join"); usually the RunningServer's url. */
  baseURL?: string;
}

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions, console errors, 5xx answers, broken assets and failed requests, newest last. Assert it stays empty. */
  errors: string[];
  close(): Promise<void>;
}

// Scripts, styles, images and fonts should never fail; documents and data requests may answer 4xx on purpose.
const SUBRESOURCE_TYPES = new Set(["script", "stylesheet", "image", "font", "media"]);

/** A page in its own context (own cookies; JavaScript on or off), recording errors as they happen. */
export async function newPage(
  browser: Browser,
  { javaScriptEnabled = true, width = 1280, height = 800, baseURL }: NewPageOptions = {},
): Promise<TestPage> {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width, height }, baseURL });
  // Under vitest's 30 s test timeout, so a missing element fails with Playwright's message, not a timeout.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    // Chromium logs every HTTP error status as "Failed to load resource", including the 400 a form answers
    // with when it shows field errors. Statuses are judged by the response listener below instead.
    if (message.text().startsWith("Failed to load resource: the server responded with a status of")) return;
    const { url, lineNumber } = message.location();
    errors.push(`console.error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
  });
  page.on("response", (response) => {
    const status = response.status();
    const brokenAsset = status >= 400 && SUBRESOURCE_TYPES.has(response.request().resourceType());
    if (status >= 500 || brokenAsset) errors.push(`HTTP ${status}: ${response.request().method()} ${response.url()}`);
  });
  page.on("requestfailed", (request) => {
    // A navigation that replaces a page cancels its pending requests; that is not a failure.
    if (request.failure()?.errorText === "net::ERR_ABORTED") return;
    // With JavaScript off, Chromium refuses the script downloads themselves; that is the point.
    if (!javaScriptEnabled && request.resourceType() === "script") return;
    errors.push(`request failed: ${request.method()} ${request.url()} (${request.failure()?.errorText})`);
  });
  return { page, context, errors, close: () => context.close() };
}
