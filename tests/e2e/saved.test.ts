// Save for later and "did you mean", in Chromium: a member saves a thread and a reply from the thread page
// (with JavaScript the button flips in place; without, the form posts and comes back), finds them on /saved
// (from the account menu), opens one and removes the other; a visitor gets no Save button. Search offers the
// word the index knows for a typo, as a link. axe at 1280 and 390 px on both pages, which never scroll sideways.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "~db/client.server";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { createMember, createSessionCookie, type SessionCookie } from "./support/members";
import { startServer, type RunningServer } from "./support/server";

const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

interface Fixture {
  threadPath: string;
  title: string;
  openingId: number;
  replyId: number;
  cookie: SessionCookie;
}

let server: RunningServer;
let browser: Browser;
const fixtures: Record<"on" | "off", Fixture> = {} as never;
let tab: TestPage | undefined;

beforeAll(async () => {
  const author = await createMember({ handle: "ana_lists", displayName: "Ana Lists" });
  for (const mode of ["on", "off"] as const) {
    const reader = await createMember({ handle: `sam_saves_${mode}`, displayName: `Sam Saves ${mode}` });
    const title = `Listservs that still work, JavaScript ${mode}`;
    const thread = await createTestThread({ authorId: author.id, title, body: "Our listserv has 300 tenants on it." });
    const replyId = await createTestReply({
      threadId: thread.id,
      authorId: author.id,
      body: "We moderate the listserv in turns, a week each.",
    });
    const openingId = await openingPostId(thread.id);
    fixtures[mode] = {
      threadPath: `/threads/${thread.id}/${thread.slug}`,
      title,
      openingId: openingId,
      replyId,
      cookie: await createSessionCookie(reader.id),
    };
  }
  await closeDatabase();
  [server, browser] = await Promise.all([
    startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH as string } }),
    launchBrowser(),
  ]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

afterEach(async () => {
  const errors = tab?.errors ?? [];
  await tab?.close();
  tab = undefined;
  expect(errors, "page errors or console errors in the browser").toEqual([]);
});

async function open(
  path: string,
  { javaScript = true, cookie, width = 1280 }: { javaScript?: boolean; cookie?: SessionCookie; width?: number } = {},
): Promise<Page> {
  tab = await newPage(browser, { javaScriptEnabled: javaScript, baseURL: server.url, width });
  if (cookie) await tab.context.addCookies([{ ...cookie, url: server.url }]);
  await tab.page.goto(path);
  if (javaScript) await tab.page.waitForFunction(() => "__remixRouter" in window);
  return tab.page;
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_A_AA).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  const sideways = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(sideways, "the page scrolls sideways").toBeLessThanOrEqual(0);
}

describe.each([
  { javaScript: true, mode: "on" as const },
  { javaScript: false, mode: "off" as const },
])("with JavaScript $mode", ({ javaScript, mode }) => {
  it("a member saves a thread and a reply, finds them on Saved, opens one and removes the other", async () => {
    const f = fixtures[mode];
    const page = await open(f.threadPath, { javaScript, cookie: f.cookie });
    for (const postId of [f.openingId, f.replyId]) {
      const post = page.locator(`#post-${postId}`);
      await post.getByRole("button", { name: "Save", exact: true }).click();
      const saved = post.getByRole("button", { name: "Saved", exact: true });
      await saved.waitFor();
      expect(await saved.getAttribute("aria-pressed")).toBe("true");
    }
    // With JavaScript the reader never left the page; without, the form came back to the thread.
    expect(new URL(page.url()).pathname).toBe(f.threadPath);

    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Saved", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Saved" }).waitFor();
    const items = page.locator(".saved-list > li");
    await expect.poll(() => items.count()).toBe(2);
    // Newest saved first: the reply, then the thread.
    expect(await items.nth(0).getByRole("heading").textContent()).toBe(`A reply in “${f.title}”`);
    expect(await items.nth(1).getByRole("heading").textContent()).toBe(f.title);
    expect(await items.nth(0).textContent()).toContain("We moderate the listserv in turns");
    expect(await items.nth(0).textContent()).toContain("by Ana Lists");

    // Removing the reply takes it off the list.
    await items.nth(0).getByRole("button", { name: "Saved", exact: true }).click();
    await expect.poll(() => items.count()).toBe(1);
    await items.nth(0).getByRole("link", { name: f.title }).click();
    await page.waitForURL((url) => url.pathname === f.threadPath);
    await page.getByRole("heading", { level: 1, name: f.title }).waitFor();
  });
});

it("a visitor's thread page has no Save button", async () => {
  const page = await open(fixtures.on.threadPath);
  await page.getByRole("heading", { level: 1, name: fixtures.on.title }).waitFor();
  expect(await page.getByRole("button", { name: /^Saved?$/ }).count()).toBe(0);
});

it("search offers the word it knows for a typo, as a link to that search", async () => {
  const page = await open("/search?q=listsrev");
  await page.getByRole("heading", { name: "No results" }).waitFor();
  await page.getByText("Did you mean").getByRole("link", { name: "listserv" }).click();
  await page.waitForURL((url) => url.searchParams.get("q") === "listserv");
  await page.getByRole("link", { name: fixtures.on.title }).first().waitFor();
});

describe.each([1280, 390])("axe at %i px", (width) => {
  it("on Saved and on a search with a suggestion", async () => {
    const page = await open("/saved", { cookie: fixtures.on.cookie, width });
    await page.locator(".saved-list > li").first().waitFor();
    await expectAccessible(page);
    await page.goto("/search?q=listsrev");
    await page.getByText("Did you mean").waitFor();
    await expectAccessible(page);
  });
});
