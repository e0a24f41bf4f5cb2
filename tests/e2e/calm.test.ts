// A calmer Roundtable in Chromium (issue 14, points 7-9): the header in one row on wide screens and a Menu
// disclosure on phones (with and without JavaScript), no sideways scrolling at 390 px, each post's one time
// with its full date on hover, "replying to" only where it is needed, and axe at 1280 and 390 px on a
// member's home, a thread page and the opened header menu.
import AxeBuilder from "@axe-core/playwright";
import type { Result } from "axe-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestPage } from "./support/browser";
import { openAs, startShowcase, visit, type Showcase, type Viewer } from "./support/showcase";

const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let showcase: Showcase;
let browser: Browser;
const tabs: TestPage[] = [];

beforeAll(async () => {
  [showcase, browser] = await Promise.all([startShowcase(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([browser?.close(), showcase?.server.stop()]);
});

afterEach(async () => {
  const errors = tabs.flatMap((t) => t.errors);
  await Promise.all(tabs.map((t) => t.close()));
  tabs.length = 0;
  // Hydration mismatches (a relative time that differed between server and browser) would be console errors.
  expect(errors, "page errors or console errors in the browser").toEqual([]);
});

async function open(viewer: Viewer, path: string, options: { width?: number; javaScriptEnabled?: boolean } = {}) {
  const tab = await openAs(browser, showcase, viewer, options);
  tabs.push(tab);
  if (options.javaScriptEnabled === false) {
    // visit() waits on timers, which never fire in a page without JavaScript.
    const response = await tab.page.goto(path);
    expect(response?.ok(), path).toBe(true);
  } else await visit(tab.page, showcase, { name: path, path, viewer });
  return tab.page;
}

function describeViolations(violations: Result[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")}\n  ${n.failureSummary ?? ""}`),
  );
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_A_AA).analyze();
  expect(describeViolations(results.violations)).toEqual([]);
}

/** How far the page scrolls sideways (0 when it fits the screen). */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe("the header", () => {
  it.each([1024, 1280])("is one row at %i px for a moderator, with the waiting flags on Moderation", async (width) => {
    const page = await open("moderator", "/", { width });
    const header = page.locator(".site-header-inner");
    const items = [
      page.getByRole("link", { name: "Roundtable", exact: true }),
      header.getByRole("navigation", { name: "Main" }),
      header.getByRole("search"),
      header.getByText("Write", { exact: true }),
      header.getByRole("navigation", { name: "Account" }),
    ];
    const boxes = await Promise.all(items.map(async (item) => (await item.boundingBox())!));
    const tops = boxes.map((b) => b.y);
    const bottoms = boxes.map((b) => b.y + b.height);
    // One row: every item overlaps the same horizontal band, and they run left to right.
    expect(Math.max(...tops)).toBeLessThan(Math.min(...bottoms));
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x).toBeGreaterThan(boxes[i - 1]!.x);
    const headerBox = (await page.locator(".site-header").boundingBox())!;
    expect(headerBox.height).toBeLessThan(80);
    expect(await sidewaysScroll(page)).toBe(0);
    // The showcase's queue holds two flagged replies.
    await header.getByRole("link", { name: "Moderation, 2 flagged posts waiting" }).waitFor();
    expect(await page.getByRole("button", { name: "Menu" }).count()).toBe(0); // the phone menu is hidden
  });

  it("Write holds both ways to write, one primary action", async () => {
    const page = await open("member", "/");
    await page.locator(".site-header").getByText("Write", { exact: true }).click();
    const write = page.getByRole("list", { name: "Write" });
    await write.getByRole("link", { name: "Share a story", exact: true }).waitFor();
    await write.getByRole("link", { name: "Start a discussion", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/threads/new");
  });

  for (const javaScriptEnabled of [false, true])
    it(`at 390 px, Menu opens ${javaScriptEnabled ? "with" : "without"} JavaScript and holds every link`, async () => {
      const page = await open("member", "/", { width: 390, javaScriptEnabled });
      const menu = page.locator("details.site-menu");
      const summary = menu.locator("summary");
      await summary.waitFor();
      // Hidden until opened: the wide row is not shown at this width.
      expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
      // The keyboard opens it: focus the summary, press Enter.
      await summary.focus();
      await page.keyboard.press("Enter");
      expect(await menu.getAttribute("open")).not.toBeNull();
      const main = page.getByRole("navigation", { name: "Main" });
      for (const name of ["Topics", "Rounds", "About"]) await main.getByRole("link", { name }).waitFor();
      const account = page.getByRole("navigation", { name: "Account" });
      for (const name of ["Settings", "Your profile"]) await account.getByRole("link", { name }).waitFor();
      await page.getByRole("searchbox", { name: "Search Roundtable" }).waitFor();
      expect(await sidewaysScroll(page)).toBe(0);
      await main.getByRole("link", { name: "Topics" }).click();
      await page.waitForURL((url) => url.pathname === "/topics");
      if (javaScriptEnabled) {
        // Client navigation keeps the header: the menu closes behind the reader.
        await page.waitForFunction(() => !document.querySelector("details.site-menu")?.hasAttribute("open"));
        // And Escape closes it, with focus back on Menu.
        await page.locator("details.site-menu summary").click();
        await page.keyboard.press("Escape");
        expect(await page.locator("details.site-menu").getAttribute("open")).toBeNull();
        expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Menu/);
      }
    });

  it("axe finds nothing with the menu opened at 390 px and the Write list opened at 1280 px", async () => {
    const phone = await open("moderator", "/", { width: 390 });
    await phone.locator("details.site-menu summary").click();
    await expectNoAxeViolations(phone);
    const wide = await open("member", "/", { width: 1280 });
    await wide.locator(".site-header").getByText("Write", { exact: true }).click();
    await wide.getByRole("list", { name: "Write" }).getByRole("link", { name: "Share a story" }).waitFor();
    await expectNoAxeViolations(wide);
  });
});

describe("no sideways scrolling at 390 px", () => {
  it.each([
    ["home (visitor)", "visitor", "/"],
    ["home (member)", "member", "/"],
    ["topic", "member", "/topics/organizing"],
    ["thread", "member", "thread"],
  ] as const)("%s", async (_name, viewer, path) => {
    const page = await open(viewer, path === "thread" ? showcase.nestedThreadPath : path, { width: 390 });
    expect(await sidewaysScroll(page)).toBe(0);
  });
});

describe("the thread page", () => {
  it("gives each post one time: relative after hydration, the full date and time on hover", async () => {
    const page = await open("member", showcase.nestedThreadPath);
    const article = page.getByRole("article").first();
    const times = article.locator(".post-meta time");
    expect(await times.count()).toBe(1);
    const time = times.first();
    const title = (await time.getAttribute("title")) ?? "";
    // "Tuesday, March 10, 2026 at 3:04 PM PDT": weekday, date, time and zone.
    expect(title).toMatch(/^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4} at \d{1,2}:\d{2}\s[AP]M [A-Z]{2,4}/);
    await page.waitForFunction(
      (el) => /ago$|^just now$|^yesterday$|^\d{1,2} [A-Z][a-z]{2}( \d{4})?$/.test(el?.textContent ?? ""),
      await time.elementHandle(),
    );
    // The dateTime is the instant itself, the same for every reader.
    expect(new Date((await time.getAttribute("dateTime"))!).getTime()).not.toBeNaN();
    // One time per post across the page: the opening post's header carries the only one for it.
    const posts = await page.locator("article.post").count();
    expect(await page.locator("article.post .post-meta time").count()).toBe(posts);
  });

  it("without JavaScript, a visitor's cached page shows a stable date with the full time in the title", async () => {
    const page = await open("visitor", showcase.nestedThreadPath, { javaScriptEnabled: false });
    const time = page.locator("article .post-meta time").first();
    expect(await time.textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(await time.getAttribute("title")).toMatch(/ at \d{1,2}:\d{2}\s[AP]M P[SD]T$/);
  });

  it("shows 'replying to' only where the post answered is not just above, and helpful counts only above zero", async () => {
    const page = await open("member", showcase.nestedThreadPath);
    const labels = await page.locator(".post-byline").evaluateAll((bylines) =>
      bylines.map((b) => {
        const replying = b.querySelector(".post-replying-to, .visually-hidden:not(:last-child)");
        return replying ? { visible: replying.classList.contains("post-replying-to") } : null;
      }),
    );
    // Every reply still names whom it answers for screen readers; only some show it.
    expect(labels.filter((l) => l && !l.visible).length).toBeGreaterThan(0);
    const counts = await page.locator(".post-actions").allTextContents();
    for (const text of counts) {
      expect(text).not.toContain("(0)");
      expect(text).not.toMatch(/\b0 found this helpful/);
    }
  });

  it("has no axe violations at 1280 and 390 px", async () => {
    for (const width of [1280, 390]) {
      const page = await open("member", showcase.nestedThreadPath, { width });
      await expectNoAxeViolations(page);
    }
  });
});

describe("a member's home", () => {
  it("puts what they follow first and has no axe violations at 1280 and 390 px", async () => {
    for (const width of [1280, 390]) {
      const page = await open("member", "/", { width });
      const headings = await page.getByRole("heading", { level: 2 }).allTextContents();
      expect(headings[0]).toBe("New in what you follow");
      await page.getByText("Conversation continues").first().waitFor();
      await expectNoAxeViolations(page);
    }
  });
});

describe("the time-zone setting", () => {
  it("refuses an unknown zone next to the field, then shows post times in the chosen zone", async () => {
    const page = await open("member", "/settings", { javaScriptEnabled: false });
    const select = page.getByLabel("Show dates and times in");
    // A forged value (the select offers only real zones): the answer names the field.
    await select.evaluate((el: HTMLSelectElement) => {
      const option = document.createElement("option");
      option.value = "Mars/Olympus_Mons";
      option.textContent = "Mars";
      el.append(option);
      el.value = "Mars/Olympus_Mons";
    });
    await page.getByRole("button", { name: "Save time zone" }).click();
    await page.locator("#timeZone-error").getByText("Choose a time zone from the list.").waitFor();
    expect(await page.getByLabel("Show dates and times in").getAttribute("aria-invalid")).toBe("true");
    await page.getByLabel("Show dates and times in").selectOption("Asia/Tokyo");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await page.getByText("Your time zone is saved.").waitFor();
    await page.goto(showcase.nestedThreadPath);
    expect(await page.locator("article .post-meta time").first().getAttribute("title")).toMatch(/GMT\+9$/);
    // Back to the site's zone for the other tests.
    await page.goto("/settings");
    await page.getByLabel("Show dates and times in").selectOption("");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await page.getByText("Your time zone is saved.").waitFor();
  });
});
