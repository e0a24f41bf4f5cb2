// Full-page screenshots of the pages people use most, on a desktop (1280 px) and a phone (390 px), into the
// git-ignored tests/e2e/screenshots/ for people to look at; and no page may scroll sideways on the phone.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestPage } from "./support/browser";
import { REPO_ROOT } from "./support/server";
import { openAs, SHOWCASE_PAGES, startShowcase, visit, type Showcase, type ShowcasePage } from "./support/showcase";

const SCREENSHOT_DIR = join(REPO_ROOT, "tests", "e2e", "screenshots");

let showcase: Showcase;
let browser: Browser;
let tab: TestPage | undefined;

beforeAll(async () => {
  // Start empty, so the folder holds this run's pictures only.
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  [showcase, browser] = await Promise.all([startShowcase(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), showcase?.server.stop()]);
});

afterEach(async () => {
  const errors = tab?.errors ?? [];
  await tab?.close();
  tab = undefined;
  expect(errors, "page errors or console errors in the browser").toEqual([]);
});

const WIDTHS = [1280, 390] as const;

// One load per page, photographed at each width in turn: the layout is pure CSS, so resizing re-lays it out.
describe("full-page screenshots at 1280 and 390 px; nothing scrolls sideways", () => {
  it.each(SHOWCASE_PAGES.map((target) => [`${target.name} (${target.viewer})`, target] as const))(
    "%s",
    async (_name, target) => {
      tab = await openAs(browser, showcase, target.viewer, { width: WIDTHS[0] });
      const { page } = tab;
      await visit(page, showcase, target);
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({
          path: join(SCREENSHOT_DIR, `${target.name}-${width}.png`),
          fullPage: true,
          animations: "disabled",
        });
        const overflow = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const sticksOut = (el: Element | null) => el !== null && el.getBoundingClientRect().right > width + 0.5;
          // The outermost elements that stick out on the right, to name in the failure.
          const wide = [...document.querySelectorAll("body *")].filter(
            (el) => sticksOut(el) && !sticksOut(el.parentElement),
          );
          const name = (el: Element) =>
            el.tagName.toLowerCase() +
            (el.id ? `#${el.id}` : "") +
            (typeof el.className === "string" && el.className.trim()
              ? `.${el.className.trim().split(/\s+/).join(".")}`
              : "");
          return { scrollWidth: document.documentElement.scrollWidth, wide: wide.slice(0, 5).map(name) };
        });
        expect(
          overflow.scrollWidth,
          `at ${width} px the page scrolls sideways; too wide: ${overflow.wide.join(", ")}`,
        ).toBeLessThanOrEqual(width);
      }
    },
  );
});

// Issue 14's pages in both colour schemes: home, a thread with replies (as a member), the story composer,
// notifications and the moderation log, each at both widths, light and dark, never scrolling sideways.
const SCHEME_PAGES: ShowcasePage[] = [
  ...["home", "thread-member", "notifications", "mod-log"].map((name) => SHOWCASE_PAGES.find((p) => p.name === name)!),
  { name: "story-composer", path: "/stories/new", viewer: "member" },
];

describe("issue 14's pages in the light and dark schemes at 1280 and 390 px", () => {
  it.each(
    SCHEME_PAGES.flatMap((target) =>
      (["light", "dark"] as const).map((scheme) => [`${target.name} (${scheme})`, target, scheme] as const),
    ),
  )("%s", async (_name, target, scheme) => {
    tab = await openAs(browser, showcase, target.viewer, { width: WIDTHS[0] });
    const { page } = tab;
    await page.emulateMedia({ colorScheme: scheme });
    await visit(page, showcase, target);
    expect(await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches)).toBe(scheme === "dark");
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `${target.name}-${width}-${scheme}.png`),
        fullPage: true,
        animations: "disabled",
      });
      const sizes = await page.evaluate(() => ({
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
      }));
      expect(sizes.scrollWidth, `${target.name} at ${width} px (${scheme}) scrolls sideways`).toBeLessThanOrEqual(
        sizes.innerWidth,
      );
    }
  });
});
