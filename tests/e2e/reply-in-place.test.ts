// Reply in place (issue 14, point 1) in Chromium. With JavaScript: Reply opens the composer under the post, the
// preview follows the text, Escape closes it and gives focus back to Reply, and a posted reply is shown on the
// thread page, scrolled to and highlighted. Without JavaScript: Reply is the reply page, its Preview button
// shows the preview beside the text, and posting lands on the same highlighted reply. A visitor's Reply leads
// through log-in to that post's reply form. Axe at 1280 and 390 px with the in-place composer open.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "~db/client.server";
import { createReply } from "~/models/replies.server";
import { createThread } from "~/models/threads.server";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { createMember, createSessionCookie, type SessionCookie } from "./support/members";
import { startServer, type RunningServer } from "./support/server";

const TITLE = "What made your first community meeting work?";
const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let server: RunningServer;
let browser: Browser;
let threadPath: string;
/** The reply everyone answers: Dana's, the first on the page. */
let danaReplyId: number;
const sessions: Record<"js" | "nojs" | "axe", SessionCookie> = {} as never;

beforeAll(async () => {
  const browserLaunch = launchBrowser();
  const host = await createMember({ handle: "hana_host", displayName: "Hana Host" });
  const dana = await createMember({ handle: "dana_d", displayName: "Dana Diaz" });
  await createMember({ handle: "vic_visitor", displayName: "Vic Visitor" });
  for (const key of ["js", "nojs", "axe"] as const) {
    const member = await createMember({ handle: `rey_${key}`, displayName: `Rey Replier ${key}` });
    sessions[key] = await createSessionCookie(member.id);
  }
  const thread = await createThread({
    authorId: host.id,
    kind: "discussion",
    title: TITLE,
    bodySource: "Tell us about the first meeting you ran, and what you would keep.",
    tagSlugs: ["organizing"],
  });
  threadPath = `/threads/${thread.id}/${thread.slug}`;
  const first = await createReply({
    threadId: thread.id,
    parentId: null,
    authorId: dana.id,
    bodySource: "We fed people first. Nobody listens hungry.",
  });
  if (!first.ok) throw new Error(first.message);
  danaReplyId = first.postId;
  const second = await createReply({
    threadId: thread.id,
    parentId: null,
    authorId: host.id,
    bodySource: "Childcare in the next room doubled who came.",
  });
  if (!second.ok) throw new Error(second.message);
  await closeDatabase();
  [server, browser] = await Promise.all([
    startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH as string } }),
    browserLaunch,
  ]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

const tabs: TestPage[] = [];

afterEach(async () => {
  const errors = tabs.flatMap((t) => t.errors);
  await Promise.all(tabs.map((t) => t.close()));
  tabs.length = 0;
  expect(errors, "page errors or console errors in the browser").toEqual([]);
});

async function open(options: { javaScript: boolean; session?: SessionCookie; width?: number }): Promise<Page> {
  const tab = await newPage(browser, {
    javaScriptEnabled: options.javaScript,
    width: options.width ?? 1280,
    baseURL: server.url,
  });
  tabs.push(tab);
  if (options.session) await tab.context.addCookies([{ ...options.session, url: server.url }]);
  return tab.page;
}

const danaArticle = (page: Page) => page.locator(`#post-${danaReplyId}`);

/** The new reply's article, once the page has landed on it: its id is the URL's fragment, and it is marked. */
async function expectLandedOnNewReply(page: Page, words: string) {
  await page.waitForURL((url) => url.pathname === threadPath && /^#post-\d+$/.test(url.hash));
  const url = new URL(page.url());
  const newId = url.hash.slice("#post-".length);
  expect(url.searchParams.get("highlight")).toBe(newId);
  const article = page.locator(`#post-${newId}`);
  await article.getByText(words).waitFor();
  expect(await article.getAttribute("class")).toContain("post-highlighted");
  // Scrolled to: the new reply is on screen.
  await expect.poll(() => article.evaluate((el) => el.getBoundingClientRect().top)).toBeLessThan(800);
  await expect.poll(() => article.evaluate((el) => el.getBoundingClientRect().bottom > 0)).toBe(true);
  // It answers Dana: it sits in the branch under her reply.
  const underDana = page
    .locator("li.reply-item", { has: danaArticle(page) })
    .first()
    .locator(`#post-${newId}`);
  expect(await underDana.count()).toBe(1);
}

describe("with JavaScript", () => {
  it("opens the composer under the post, previews live, closes with Escape, and posts to the highlighted reply", async () => {
    const page = await open({ javaScript: true, session: sessions.js });
    await page.goto(threadPath);
    const reply = danaArticle(page).getByRole("link", { name: "Reply", exact: true });
    await expect.poll(() => reply.getAttribute("aria-expanded")).toBe("false");

    // Escape closes it and gives focus back to Reply; no navigation either way.
    await reply.click();
    const composer = page.locator(`#reply-in-place-${danaReplyId}`);
    const textbox = composer.getByRole("textbox", { name: "Your reply", exact: true });
    await textbox.waitFor();
    expect(new URL(page.url()).pathname).toBe(threadPath);
    await expect.poll(() => textbox.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await reply.getAttribute("aria-expanded")).toBe("true");
    await page.keyboard.press("Escape");
    await expect.poll(() => composer.count()).toBe(0);
    await expect.poll(() => reply.evaluate((el) => el === document.activeElement)).toBe(true);

    // Open again: right under Dana's reply, before anything else on the page.
    await reply.click();
    await textbox.waitFor();
    const follows = await page.evaluate(
      ([postId]) => {
        const article = document.getElementById(`post-${postId}`)!;
        return article.nextElementSibling?.id;
      },
      [danaReplyId],
    );
    expect(follows).toBe(`reply-in-place-${danaReplyId}`);

    // The preview follows the text, rendered by the server (Markdown to HTML), a pause after typing.
    const previewRequests: string[] = [];
    page.on("request", (request) => {
      if (new URL(request.url()).pathname === "/preview") previewRequests.push(request.method());
    });
    const words = "Food first, and a **sign-in sheet** by the door.";
    await textbox.pressSequentially(words, { delay: 5 });
    const preview = composer.getByRole("region", { name: "Preview" });
    await preview.locator("strong", { hasText: "sign-in sheet" }).waitFor();
    // Debounced: far fewer requests than keys pressed.
    expect(previewRequests.length).toBeGreaterThan(0);
    expect(previewRequests.length).toBeLessThan(5);
    expect(previewRequests.every((method) => method === "POST")).toBe(true);

    await composer.getByRole("button", { name: "Post reply" }).click();
    await expectLandedOnNewReply(page, "Food first, and a");
    // Focus moved with the page: the composer's button is gone, the reader continues from their reply.
    const landedOn = new URL(page.url()).hash.slice(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(landedOn);
    // The composer closed with the page change.
    expect(await page.locator(".reply-in-place").count()).toBe(0);
  });

  it("saves a draft in place, and the draft is there when the composer opens again", async () => {
    const page = await open({ javaScript: true, session: sessions.js });
    await page.goto(threadPath);
    const reply = danaArticle(page).getByRole("link", { name: "Reply", exact: true });
    await expect.poll(() => reply.getAttribute("aria-expanded")).toBe("false");
    await reply.click();
    const composer = page.locator(`#reply-in-place-${danaReplyId}`);
    const textbox = composer.getByRole("textbox", { name: "Your reply", exact: true });
    await textbox.fill("Half a thought about name tags");
    await composer.getByRole("button", { name: "Save draft" }).click();
    await composer.getByText("Draft saved.").waitFor();
    expect(new URL(page.url()).pathname).toBe(threadPath);
    await composer.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => reply.evaluate((el) => el === document.activeElement)).toBe(true);
    await reply.click();
    await expect.poll(() => textbox.inputValue()).toBe("Half a thought about name tags");
  });
});

describe("without JavaScript", () => {
  it("goes to the reply page, previews with the button, and posts to the highlighted reply", async () => {
    const page = await open({ javaScript: false, session: sessions.nojs });
    await page.goto(threadPath);
    await danaArticle(page).getByRole("link", { name: "Reply", exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/posts/${danaReplyId}/reply`);
    // No preview until asked for.
    expect(await page.getByRole("region", { name: "Preview" }).count()).toBe(0);
    const textbox = page.getByRole("textbox", { name: "Your reply", exact: true });
    const words = "Name tags with _first names_ only.";
    await textbox.fill(words);
    await page.getByRole("button", { name: "Preview", exact: true }).click();
    const preview = page.getByRole("region", { name: "Preview" });
    await preview.locator("em", { hasText: "first names" }).waitFor();
    expect(await textbox.inputValue()).toBe(words);
    await page.getByRole("button", { name: "Post reply" }).click();
    await expectLandedOnNewReply(page, "Name tags with");
    // :target marks it too, for pages reached by a plain link.
    expect(await page.locator(".post:target").count()).toBe(1);
  });
});

describe("a visitor's Reply", () => {
  it.each([true, false])("leads through log-in to that post's reply form (JavaScript %s)", async (javaScript) => {
    const page = await open({ javaScript });
    await page.goto(threadPath);
    await danaArticle(page).getByRole("link", { name: "Reply", exact: true }).click();
    await page.waitForURL(
      (url) => url.pathname === "/login" && url.searchParams.get("redirectTo") === `/posts/${danaReplyId}/reply`,
    );
    await page.getByLabel("Handle or email", { exact: true }).fill("vic_visitor");
    await page.getByLabel("Password", { exact: true }).fill("kitchen table organizing");
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL((url) => url.pathname === `/posts/${danaReplyId}/reply`);
    await page.getByRole("heading", { level: 1, name: "Reply to Dana Diaz" }).waitFor();
    await page.getByRole("textbox", { name: "Your reply", exact: true }).waitFor();
  });
});

describe("axe-core with the composer open in place", () => {
  it.each([1280, 390])("has no WCAG 2.1 A or AA violation at %i px, and nothing scrolls sideways", async (width) => {
    const page = await open({ javaScript: true, session: sessions.axe, width });
    await page.goto(threadPath);
    const reply = danaArticle(page).getByRole("link", { name: "Reply", exact: true });
    await expect.poll(() => reply.getAttribute("aria-expanded")).toBe("false");
    await reply.click();
    const composer = page.locator(`#reply-in-place-${danaReplyId}`);
    await composer.getByRole("textbox", { name: "Your reply", exact: true }).fill("A **preview** to check.");
    await composer.getByRole("region", { name: "Preview" }).locator("strong").waitFor();
    const results = await new AxeBuilder({ page }).withTags(WCAG_21_A_AA).analyze();
    expect(
      results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${v.help} at ${n.target.join(" ")}`)),
    ).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
});
