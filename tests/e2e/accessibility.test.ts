// Accessibility in Chromium: axe-core finds no WCAG 2.1 A or AA violation on the pages people use most, and
// the keyboard works: a skip link to the content, a visible focus ring, every action in reach of Tab, and
// nested replies that tell a screen reader how deep they are.
import AxeBuilder from "@axe-core/playwright";
import type { Result } from "axe-core";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestPage } from "./support/browser";
import { openAs, SHOWCASE_PAGES, startShowcase, visit, type Showcase, type Viewer } from "./support/showcase";

const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let showcase: Showcase;
let browser: Browser;
const tabs: TestPage[] = [];

beforeAll(async () => {
  [showcase, browser] = await Promise.all([startShowcase(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), showcase?.server.stop()]);
});

afterEach(async () => {
  const errors = tabs.flatMap((t) => t.errors);
  await Promise.all(tabs.map((t) => t.close()));
  tabs.length = 0;
  expect(errors, "page errors or console errors in the browser").toEqual([]);
});

async function open(viewer: Viewer, javaScriptEnabled = true): Promise<Page> {
  const tab = await openAs(browser, showcase, viewer, { javaScriptEnabled });
  tabs.push(tab);
  return tab.page;
}

/** One line per failing element: rule, impact, what axe says, where. */
function describeViolations(violations: Result[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")}\n  ${n.failureSummary ?? ""}`),
  );
}

describe("axe-core: no WCAG 2.1 A or AA violations", () => {
  it.each(SHOWCASE_PAGES.map((target) => [`${target.name} (${target.viewer})`, target] as const))(
    "%s",
    async (_name, target) => {
      const page = await open(target.viewer);
      await visit(page, showcase, target);
      const results = await new AxeBuilder({ page }).withTags(WCAG_21_A_AA).analyze();
      expect(describeViolations(results.violations)).toEqual([]);
      // Rules ran on real content, not an empty error page.
      expect(results.passes.map((p) => p.id)).toEqual(
        expect.arrayContaining(["color-contrast", "document-title", "html-has-lang"]),
      );
    },
  );

  // Wide content (a long link, a code block, tables) is where a phone-sized screen grows scrolling regions.
  it("thread-wide-deep (member) at 390 px", async () => {
    const tab = await openAs(browser, showcase, "member", { width: 390 });
    tabs.push(tab);
    await visit(
      tab.page,
      showcase,
      SHOWCASE_PAGES.find((p) => p.name === "thread-wide-deep")!,
    );
    const results = await new AxeBuilder({ page: tab.page }).withTags(WCAG_21_A_AA).analyze();
    expect(describeViolations(results.violations)).toEqual([]);
  });
});

// Dark mode follows the system setting: the same pages, at both widths, in the dark scheme (and the light one at
// a phone's width too; the desktop light run is above), with the scheme checked to have taken effect.
describe.each([
  { scheme: "dark", width: 1280 },
  { scheme: "dark", width: 390 },
  { scheme: "light", width: 390 },
] as const)("axe-core in the $scheme scheme at $width px", ({ scheme, width }) => {
  it.each(SHOWCASE_PAGES.map((target) => [`${target.name} (${target.viewer})`, target] as const))(
    "%s",
    async (_name, target) => {
      const tab = await openAs(browser, showcase, target.viewer, { width });
      tabs.push(tab);
      await tab.page.emulateMedia({ colorScheme: scheme });
      await visit(tab.page, showcase, target);
      const applied = await tab.page.evaluate(() => ({
        dark: matchMedia("(prefers-color-scheme: dark)").matches,
        background: getComputedStyle(document.documentElement).backgroundColor,
      }));
      expect(applied.dark).toBe(scheme === "dark");
      expect(applied.background).toBe(scheme === "dark" ? "rgb(19, 20, 23)" : "rgb(253, 252, 249)");
      const results = await new AxeBuilder({ page: tab.page }).withTags(WCAG_21_A_AA).analyze();
      expect(describeViolations(results.violations)).toEqual([]);
      expect(results.passes.map((p) => p.id)).toEqual(expect.arrayContaining(["color-contrast"]));
    },
  );
});

/** Presses Tab until the locator has focus; fails after `max` presses (it is not in the tab order). */
async function tabTo(page: Page, target: Locator, max = 250): Promise<number> {
  for (let presses = 1; presses <= max; presses++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  throw new Error(`${target} never got focus in ${max} presses of Tab.`);
}

/** WCAG relative luminance contrast of two CSS rgb() colours. */
function contrast(a: string, b: string): number {
  const luminance = (css: string) => {
    const [r, g, b] = (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

describe.each([
  { javaScript: true, mode: "on" },
  { javaScript: false, mode: "off" },
])("keyboard, with JavaScript $mode", ({ javaScript }) => {
  it("the first Tab reaches a visible skip link, which moves focus to the main content", async () => {
    const page = await open("visitor", javaScript);
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.width > 20 && box.height > 10, "the focused skip link is on screen").toBe(true);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("main");
    // The next Tab goes on from the main content, past the header.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.querySelector("main")?.contains(document.activeElement))).toBe(true);
  });

  it("focus is visible on links and buttons: a solid outline that stands out from the page", async () => {
    const page = await open("visitor", javaScript);
    await page.goto("/");
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    for (const target of [
      page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Topics" }),
      page.getByRole("button", { name: "Search", exact: true }),
      page.getByRole("region", { name: "Welcome" }).getByRole("link", { name: "Join Roundtable" }),
    ]) {
      await tabTo(page, target);
      const ring = await target.evaluate((el) => {
        const style = getComputedStyle(el);
        return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
      });
      expect(ring.style, `${target} outline`).toBe("solid");
      expect(ring.width, `${target} outline width`).toBeGreaterThanOrEqual(2);
      expect(contrast(ring.color, background), `${target} outline contrast`).toBeGreaterThanOrEqual(3);
    }
  });

  it("a member folds a branch, marks a reply helpful and posts a reply with the keyboard alone", async () => {
    const page = await open("member", javaScript);
    await page.goto(showcase.nestedThreadPath);
    const jaylen = page.getByRole("article", { name: /^Jaylen Carter replying to Marisol Vega\W+level 1$/ });
    const branch = page.getByRole("listitem").filter({ has: jaylen }).last().locator(":scope > details");
    await tabTo(page, branch.locator(":scope > summary"));
    await page.keyboard.press("Enter");
    await expect.poll(() => branch.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
    await page.keyboard.press("Enter");
    await expect.poll(() => branch.evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);

    const helpful = page
      .getByRole("article", { name: /^Tomás Herrera replying to Marisol Vega\W+level 1$/ })
      .getByRole("button", { name: /^Helpful/ });
    const pressedBefore = await helpful.getAttribute("aria-pressed");
    await tabTo(page, helpful);
    await page.keyboard.press("Space");
    await expect.poll(() => helpful.getAttribute("aria-pressed")).toBe(pressedBefore === "true" ? "false" : "true");

    const words = `Typed without a mouse (JavaScript ${javaScript ? "on" : "off"}).`;
    await tabTo(page, page.getByRole("textbox", { name: "Your reply", exact: true }));
    await page.keyboard.type(words);
    // Past the field for a picture or PDF (issue 17): its file field (with JavaScript, nothing else), then
    // without JavaScript its description and "Attach and preview"; then the post's language (issue 18).
    const presses = await tabTo(page, page.getByRole("button", { name: "Post reply", exact: true }), 7);
    expect(presses).toBe(javaScript ? 3 : 5);
    await page.keyboard.press("Enter");
    await page
      .getByRole("article", { name: /^Marisol Vega replying to Marisol Vega\W+level 1$/ })
      .getByText(words)
      .waitFor();
  });
});

describe("nested replies announce their depth", () => {
  it("each reply sits in a list inside the reply it answers, and its heading says its level and whom it answers", async () => {
    const page = await open("visitor");
    await page.goto(showcase.nestedThreadPath);
    const replies = page.getByRole("region", { name: /replies$/ }).getByRole("article");
    const shape = await replies.evaluateAll((articles) =>
      articles.map((article) => {
        let lists = 0;
        for (let el = article.parentElement; el; el = el.parentElement) if (el.tagName === "OL") lists++;
        const hidden = article.querySelector("h3 .visually-hidden");
        const style = hidden ? getComputedStyle(hidden) : null;
        const box = hidden?.getBoundingClientRect();
        // The reply it answers: the article of the list item around this one's list (none at level 1).
        const parent = article.closest("li")?.parentElement?.closest("li")?.querySelector(":scope > article");
        return {
          lists,
          heading: article.querySelector("h3")?.textContent ?? "",
          // A hidden or removed reply keeps its author's name to itself, so its answers can't say whom they answer.
          answers: parent
            ? parent.classList.contains("post-visible")
              ? (parent.querySelector("h3 a")?.textContent ?? "")
              : null
            : "Marisol Vega",
          // Out of sight but in the accessibility tree: clipped to a pixel, not display:none or aria-hidden.
          hiddenVisually: Boolean(
            style &&
            box &&
            style.display !== "none" &&
            box.width <= 1 &&
            box.height <= 1 &&
            !hidden?.closest("[aria-hidden=true]"),
          ),
        };
      }),
    );
    expect(Math.max(...shape.map((s) => s.lists)), "the demo thread goes four levels deep").toBe(4);
    for (const reply of shape) {
      expect(reply.heading).toMatch(new RegExp(`, level ${reply.lists}$`));
      if (reply.answers !== null) expect(reply.heading).toContain(` replying to ${reply.answers}, level`);
      expect(reply.hiddenVisually, `"level ${reply.lists}" is visually hidden`).toBe(true);
    }

    // What a screen reader gets from Chromium: list items with their nesting level, articles named with theirs.
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    const byId = new Map(nodes.map((n) => [n.nodeId, n]));
    const articles = nodes.filter((n) => n.role?.value === "article" && /level [1-9]\d*$/.test(String(n.name?.value)));
    expect(articles.length).toBe(shape.length);
    for (const article of articles) {
      const level = Number(/level (\d+)$/.exec(String(article.name?.value))?.[1]);
      let item = article.parentId ? byId.get(article.parentId) : undefined;
      while (item && item.role?.value !== "listitem") item = item.parentId ? byId.get(item.parentId) : undefined;
      const itemLevel = item?.properties?.find((p) => p.name === "level")?.value.value;
      expect(itemLevel, `list item level of "${article.name?.value}"`).toBe(level);
    }
    await cdp.detach();
  });
});
