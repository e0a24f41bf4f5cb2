// Unread (issue 14, points 5 and 6; docs/decisions/0020) in Chromium, with JavaScript on and off: member A
// reads a thread, B replies twice; A's topic list says "2 new", the thread page marks both replies "New" and
// "Jump to the first new reply" lands on the first; the notifications page links (in a new tab) to the reply
// in context, highlighted. Axe at 1280 and 390 px on a thread with unread replies and on the notifications
// page, and nothing scrolls sideways at 390 px.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { createMember, createSessionCookie, type SeededMember } from "./support/members";
import { startServer, type RunningServer } from "./support/server";

const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let server: RunningServer;
let browser: Browser;
const tabs: TestPage[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([
    startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } }),
    launchBrowser(),
  ]);
});
afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});
afterEach(async () => {
  const errors = tabs.flatMap((t) => t.errors);
  await Promise.all(tabs.map((t) => t.close()));
  tabs.length = 0;
  expect(errors, "page errors or console errors in the browser").toEqual([]);
});

async function openAs(member: SeededMember, options: { javaScript?: boolean; width?: number } = {}): Promise<Page> {
  const tab = await newPage(browser, {
    javaScriptEnabled: options.javaScript ?? true,
    width: options.width ?? 1280,
    baseURL: server.url,
  });
  tabs.push(tab);
  await tab.context.addCookies([{ ...(await createSessionCookie(member.id)), url: server.url }]);
  return tab.page;
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_A_AA).analyze();
  const lines = results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(" ")}`));
  expect(lines).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

/** The id of the element the URL's fragment points at (what :target styles), or null. */
const targetId = (page: Page) => page.evaluate(() => document.querySelector(":target")?.id ?? null);

describe.each([
  { javaScript: true, mode: "on", suffix: "js" },
  { javaScript: false, mode: "off", suffix: "nojs" },
])("with JavaScript $mode", ({ javaScript, suffix }) => {
  it("A sees B's two replies as new in the list and on the thread, and a notification lands on the reply", async () => {
    const a = await createMember({ handle: `reader_a_${suffix}`, displayName: `Amaya Reader ${suffix}` });
    const b = await createMember({ handle: `replier_b_${suffix}`, displayName: `Bruno Replier ${suffix}` });
    const title = `Keeping volunteers after the first meeting (${suffix})`;
    const thread = await createTestThread({ authorId: b.id, title, tagSlugs: ["leadership"] });
    const aReply = await createTestReply({
      threadId: thread.id,
      authorId: a.id,
      body: "We call everyone within a day.",
    });

    const page = await openAs(a, { javaScript });
    await page.goto(`/threads/${thread.id}/${thread.slug}`);
    await page.getByRole("heading", { level: 1, name: title }).waitFor();

    const first = await createTestReply({
      threadId: thread.id,
      authorId: b.id,
      body: "A buddy for each newcomer helps.",
    });
    const second = await createTestReply({
      threadId: thread.id,
      parentId: aReply,
      authorId: b.id,
      body: "Within a day is the part people skip.",
    });

    await page.goto("/topics/leadership");
    const item = page.locator(".thread-item", { hasText: title });
    await item.getByText("2 new", { exact: true }).waitFor();
    expect(await item.locator(".thread-title a").evaluate((el) => getComputedStyle(el).fontWeight)).toBe("800");

    await item.getByRole("link", { name: title, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await page.locator(".new-reply").count()).toBe(2);
    expect(await page.locator(".new-reply").first().getByText("New", { exact: true }).count()).toBe(1);
    expect(await page.locator(".new-reply article").evaluateAll((els) => els.map((el) => el.id))).toEqual(
      expect.arrayContaining([`post-${first}`, `post-${second}`]),
    );
    await page.getByRole("link", { name: "Jump to the first new reply" }).click();
    // The first new reply in reading order: B's answer to A's reply sits above B's later top-level reply.
    await expect.poll(() => new URL(page.url()).hash).toBe(`#post-${second}`);
    expect(await targetId(page)).toBe(`post-${second}`);

    // Back on the list, the thread is read.
    await page.goto("/topics/leadership");
    await page.getByRole("heading", { name: title }).waitFor();
    expect(await item.getByText("2 new", { exact: true }).count()).toBe(0);

    // The notification about B's replies (one line for the thread: one answers A, one is news of a thread A
    // follows): a link, in a new tab, to the first of them in context, highlighted.
    await page.goto("/notifications");
    const escaped = title.replace(/[()]/g, "\\$&");
    const notice = page.getByRole("link", { name: new RegExp(`^2 new replies in “${escaped}”`) });
    expect(await notice.getAttribute("target")).toBe("_blank");
    expect(await notice.getAttribute("rel")).toBe("noopener");
    expect(await notice.textContent()).toContain("(opens in a new tab)");
    const [opened] = await Promise.all([page.context().waitForEvent("page"), notice.click()]);
    await opened.waitForLoadState();
    expect(new URL(opened.url()).pathname).toBe(`/threads/${thread.id}/${thread.slug}`);
    expect(new URL(opened.url()).hash).toBe(`#post-${first}`);
    expect(await targetId(opened)).toBe(`post-${first}`);
    const outline = await opened.locator(`#post-${first}`).evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).toBe("solid");
    await opened.close();
  });
});

describe("accessibility of unread", () => {
  it("a thread with unread replies and the notifications page pass axe at 1280 and 390 px", async () => {
    const a = await createMember({ handle: "axe_reader", displayName: "Axe Reader" });
    const b = await createMember({ handle: "axe_replier", displayName: "Axe Replier" });
    const thread = await createTestThread({ authorId: a.id, title: "Unread replies, checked for accessibility" });
    const openingId = await openingPostId(thread.id);
    for (const width of [1280, 390]) {
      const page = await openAs(a, { width });
      // Read up to the opening post, so both replies are new on every run.
      await getDb()
        .insertInto("thread_reads")
        .values({ member_id: a.id, thread_id: thread.id, last_read_post_id: openingId, read_at: Date.now() })
        .onConflict((oc) => oc.columns(["member_id", "thread_id"]).doUpdateSet({ last_read_post_id: openingId }))
        .execute();
      await getDb().updateTable("notifications").set({ read_at: null }).where("member_id", "=", a.id).execute();
      if (width === 1280) {
        await createTestReply({
          threadId: thread.id,
          authorId: b.id,
          body: "A first answer with a long word: https://example.org/a/very/long/path/that/should/wrap/nicely",
        });
        await createTestReply({ threadId: thread.id, authorId: b.id, body: `Thanks @${a.handle}, here is a second.` });
      }
      await page.goto("/notifications");
      await page.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
      await page.getByRole("button", { name: "Mark all read" }).waitFor();
      await expectNoAxeViolations(page);
      await page.goto(`/threads/${thread.id}/${thread.slug}`);
      await page.getByRole("link", { name: "Jump to the first new reply" }).waitFor();
      await expectNoAxeViolations(page);
    }
  });
});
