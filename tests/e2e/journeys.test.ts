// The three journeys of issue 6, each with JavaScript on (Remix client navigation and fetches) and off (plain
// HTML forms and links): a newcomer reads, searches, joins from a reply button, confirms their address from
// the email and replies; a practitioner
// writes a story from the template and follows it everywhere it appears; a moderator takes a post flagged
// by three members off the queue, pins a prompt, locks a thread, suspends the spammer and reads the log.
// One server for the file, on a database seeded before it starts: the demo content plus the members and
// threads below, one set per mode so the two runs never see each other's work.
import { DomUtils, parseDocument } from "htmlparser2";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb } from "~db/client.server";
import { createReply } from "~/models/replies.server";
import { seedDemo } from "~/models/seed.server";
import { createThread } from "~/models/threads.server";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import {
  acceptCommunityRules,
  confirmEmailFromOutbox,
  createMember,
  createSessionCookie,
  logIn,
  PASSWORD,
  type SessionCookie,
} from "./support/members";
import { startServer, type RunningServer } from "./support/server";

const MODES = [
  { javaScript: true, mode: "on", promptTopic: { slug: "policy", name: "Policy" } },
  { javaScript: false, mode: "off", promptTopic: { slug: "environment", name: "Environment" } },
] as const;
type Mode = (typeof MODES)[number]["mode"];

const DAY_MS = 86_400_000;
const PHONE_TREE = "How a paper phone tree held our building together through an 11-week rent strike";
const JOURNEY_TIMEOUT = 120_000;

/** What the moderator journey of one mode works on, seeded before the server starts. */
interface ModFixture {
  spammer: { handle: string; displayName: string };
  spamText: string;
  spamPostId: number;
  spamThreadTitle: string;
  spamThreadPath: string;
  promptTitle: string;
  promptId: number;
  heatedTitle: string;
  heatedId: number;
}

let server: RunningServer;
let browser: Browser;
/** The demo story with replies four levels deep. */
let phoneTreePath: string;
/** A thread whose replies go deeper than the page indents; the deepest are behind "Continue this thread". */
let deepThreadPath: string;
const fixtures = {} as Record<Mode, ModFixture>;
/** Signed-in sessions of the three members who flag a post (logging in is covered elsewhere). */
const flaggerSessions: SessionCookie[] = [];

beforeAll(async () => {
  const browserLaunch = launchBrowser();
  await seedDemo(getDb());
  const phoneTree = await getDb()
    .selectFrom("threads")
    .select(["id", "slug"])
    .where("title", "=", PHONE_TREE)
    .executeTakeFirstOrThrow();
  phoneTreePath = `/threads/${phoneTree.id}/${phoneTree.slug}`;
  const mira = await createMember({ handle: "mira_mod", displayName: "Mira Okonjo", role: "moderator" });
  const host = await createMember({ handle: "lena_host", displayName: "Lena Host" });
  for (const [handle, displayName] of [
    ["ana_flag", "Ana Flores"],
    ["ben_flag", "Ben Abara"],
    ["cy_flag", "Cy Lindqvist"],
  ] as const) {
    flaggerSessions.push(await createSessionCookie((await createMember({ handle, displayName })).id));
  }
  const deep = await createThread({
    authorId: host.id,
    kind: "discussion",
    title: "One piece of advice each, passed down the line",
    bodySource: "Reply to the last person with the advice you got from someone before you.",
    tagSlugs: ["leadership"],
  });
  let parentId: number | null = null;
  for (let depth = 1; depth <= 8; depth++) {
    const reply = await createReply({
      threadId: deep.id,
      parentId,
      authorId: depth % 2 ? mira.id : host.id,
      bodySource: `Advice number ${depth}.`,
    });
    if (!reply.ok) throw new Error(reply.message);
    parentId = reply.postId;
  }
  deepThreadPath = `/threads/${deep.id}/${deep.slug}`;
  for (const { mode, promptTopic } of MODES) {
    await createMember({ handle: `pat_${mode}`, displayName: `Pat Quiroga ${mode}` });
    const spammer = await createMember({ handle: `sam_${mode}`, displayName: `Sam Seller ${mode}` });
    const spamThreadTitle = `Where do you find volunteers for phone banks (${mode})?`;
    const spamThread = await createThread({
      authorId: host.id,
      kind: "discussion",
      title: spamThreadTitle,
      bodySource: "Our list is tired. Where have you found new people willing to make calls?",
      tagSlugs: ["organizing"],
    });
    await createReply({
      threadId: spamThread.id,
      parentId: null,
      authorId: host.id,
      bodySource: "Faith groups, every time.",
    });
    const spamText = `Grow your list overnight: buy 10,000 volunteers at cheap-lists.example (${mode})`;
    const spam = await createReply({
      threadId: spamThread.id,
      parentId: null,
      authorId: spammer.id,
      bodySource: spamText,
    });
    if (!spam.ok) throw new Error(spam.message);
    const promptTitle = `What did a mentor teach you that no training could (${mode})?`;
    // Three days old, so before it is pinned it sits below newer threads of its topic.
    const prompt = await createThread({
      authorId: mira.id,
      kind: "prompt",
      title: promptTitle,
      bodySource: "Name the person and the lesson.",
      tagSlugs: [promptTopic.slug],
      now: Date.now() - 3 * DAY_MS,
    });
    const heatedTitle = `Should coalitions endorse candidates (${mode})?`;
    const heated = await createThread({
      authorId: host.id,
      kind: "discussion",
      title: heatedTitle,
      bodySource: "Endorsements win access and cost trust. Where do you land?",
      tagSlugs: ["policy"],
    });
    await createReply({
      threadId: heated.id,
      parentId: null,
      authorId: spammer.id,
      bodySource: "Anyone who disagrees is naive.",
    });
    fixtures[mode] = {
      spammer,
      spamText,
      spamPostId: spam.postId,
      spamThreadTitle,
      spamThreadPath: `/threads/${spamThread.id}/${spamThread.slug}`,
      promptTitle,
      promptId: prompt.id,
      heatedTitle,
      heatedId: heated.id,
    };
  }
  await closeDatabase();
  [server, browser] = await Promise.all([
    startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH as string } }),
    browserLaunch,
  ]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

/** The list item holding a post and the branch of replies under it. */
function branchOf(page: Page, article: Locator): Locator {
  return page.getByRole("listitem").filter({ has: article });
}

/** The outcome line of the member's flag on a post in a thread, on /flags. */
function flagOutcome(page: Page, threadTitle: string): Promise<string | null> {
  return page
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: threadTitle, exact: true }) })
    .getByRole("definition")
    .last()
    .locator("strong")
    .textContent();
}

/** How many lists (<ol>) hold an element: a reply's depth in its thread. */
function listDepth(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    let depth = 0;
    for (let e = el.parentElement; e; e = e.parentElement) if (e.tagName === "OL") depth++;
    return depth;
  });
}

/** The "Helpful (3)" or "Helpful ✓ (4)" count on a post's button. */
async function helpfulCount(button: Locator): Promise<number> {
  const text = (await button.textContent()) ?? "";
  if (!/^\s*Helpful/.test(text)) throw new Error(`Not a Helpful button: ${text}`);
  // The count shows only above zero (issue 14: a calmer page).
  const match = /\((\d+)\)/.exec(text);
  return match ? Number(match[1]) : 0;
}

describe.each(MODES)("with JavaScript $mode", ({ javaScript, mode, promptTopic }) => {
  const tabs: TestPage[] = [];

  async function open(): Promise<Page> {
    const tab = await newPage(browser, { javaScriptEnabled: javaScript, baseURL: server.url });
    tabs.push(tab);
    return tab.page;
  }

  afterEach(async () => {
    const errors = tabs.flatMap((t) => t.errors);
    await Promise.all(tabs.map((t) => t.close()));
    tabs.length = 0;
    expect(errors, "page errors or console errors in the browser").toEqual([]);
  });

  it(
    "a newcomer browses to a nested conversation, folds a branch, searches, joins from a reply button, confirms their address and replies in place",
    async () => {
      const page = await open();
      await page.goto("/");
      await page.getByRole("region", { name: "Welcome" }).getByRole("link", { name: "Join Roundtable" }).waitFor();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Topics", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Topics" }).waitFor();
      await page.getByRole("main").getByRole("link", { name: "Organizing", exact: true }).first().click();
      await page.getByRole("heading", { level: 1, name: "Organizing" }).waitFor();
      await page.getByRole("link", { name: PHONE_TREE, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: PHONE_TREE }).waitFor();
      const threadPath = new URL(page.url()).pathname;
      expect(threadPath).toBe(phoneTreePath);

      // Nested replies: each level is a list inside the reply it answers, and says its level.
      const deepest = page.getByRole("article", { name: /^Adaeze Okafor replying to Jaylen Carter\W+level 4$/ });
      await deepest.getByText("network map without the software").waitFor();
      expect(await listDepth(deepest)).toBe(4);

      // Fold Jaylen's branch: the answers under it go out of sight, the summary offers to show them again.
      const jaylen = page.getByRole("article", { name: /^Jaylen Carter replying to Marisol Vega\W+level 1$/ });
      const branch = branchOf(page, jaylen).last().locator(":scope > details");
      const answer = page.getByRole("article", { name: /^Marisol Vega replying to Jaylen Carter\W+level 2$/ });
      const summary = branch.locator(":scope > summary");
      expect(await summary.innerText()).toMatch(/^Hide \d+ repl(y|ies)$/);
      await expect.poll(() => answer.isVisible()).toBe(true);
      await summary.click();
      await expect.poll(() => answer.isVisible()).toBe(false);
      expect(await summary.innerText()).toMatch(/^Show \d+ repl(y|ies)$/);
      await summary.click();
      await expect.poll(() => answer.isVisible()).toBe(true);

      // Deeper than the page indents, a branch continues on a page of its own.
      await page.goto(deepThreadPath);
      await page.getByText("Advice number 6.").waitFor();
      expect(await page.getByText("Advice number 7.").count()).toBe(0);
      await page.getByRole("link", { name: "Continue this thread (2 more)" }).click();
      await page.waitForURL((url) => /^\/posts\/\d+$/.test(url.pathname) && url.searchParams.get("branch") === "1");
      await page
        .getByRole("article", { name: /^Lena Host replying to Mira Okonjo\W+level 8$/ })
        .getByText("Advice number 8.")
        .waitFor();

      // The header's search box, a plain GET form.
      await page.getByRole("searchbox", { name: "Search Roundtable" }).fill("phone tree");
      await page.getByRole("searchbox", { name: "Search Roundtable" }).press("Enter");
      await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === "phone tree");
      await page.getByRole("main").getByRole("link", { name: PHONE_TREE, exact: true }).first().click();
      await page.waitForURL((url) => url.pathname === phoneTreePath);

      // A visitor's Reply leads to log in, then to join, and on to the reply form for that very post.
      const replyForm = /^\/posts\/\d+\/reply$/;
      await jaylen.getByRole("link", { name: "Reply", exact: true }).click();
      await page.waitForURL(
        (url) => url.pathname === "/login" && replyForm.test(url.searchParams.get("redirectTo") ?? ""),
      );
      await page.getByRole("link", { name: "Join Roundtable" }).click();
      await page.waitForURL(
        (url) => url.pathname === "/join" && replyForm.test(url.searchParams.get("redirectTo") ?? ""),
      );
      const handle = `nia_${mode}`;
      const name = `Nia Baptiste ${mode}`;
      await page.getByLabel("Handle", { exact: true }).fill(handle);
      await page.getByLabel("Your name", { exact: true }).fill(name);
      await page.getByLabel("Email", { exact: true }).fill(`${handle}@example.org`);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await acceptCommunityRules(page);
      await page.getByRole("button", { name: "Join", exact: true }).click();
      await page.waitForURL((url) => replyForm.test(url.pathname));
      await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name }).waitFor();

      // Now a member, but not yet confirmed: every page says so, and a reply is refused with the text kept.
      const email = `${handle}@example.org`;
      const banner = page.getByRole("region", { name: "Confirm your email address" });
      await banner.getByText(`We sent a link to ${email}.`).waitFor();
      await page.getByRole("heading", { level: 1, name: "Reply to Jaylen Carter" }).waitFor();
      const replyPath = new URL(page.url()).pathname;
      const words = `We let the kids nominate each other in secret, then asked the nominees (${mode}).`;
      await page.getByRole("textbox", { name: "Your reply", exact: true }).fill(words);
      await page.getByRole("button", { name: "Post reply" }).click();
      await page.getByText(`Confirm your email address to publish. We sent a link to ${email}`).waitFor();
      expect(await page.getByRole("textbox", { name: "Your reply", exact: true }).inputValue()).toBe(words);

      // The link in the email (an .eml in the server's outbox) confirms the address; the banner goes.
      await confirmEmailFromOutbox(page, server.outboxDir, email);
      await page.goto(replyPath);
      expect(await banner.count()).toBe(0);

      // Reply opens the composer for that reply, and the answer lands under it.
      await page.getByRole("textbox", { name: "Your reply", exact: true }).fill(words);
      await page.getByRole("button", { name: "Post reply" }).click();
      await page.waitForURL((url) => url.pathname === threadPath && /^#post-\d+$/.test(url.hash));
      const mine = branchOf(page, jaylen)
        .last()
        .getByRole("article", { name: new RegExp(`^${name} replying to Jaylen Carter\\W+level 2$`) });
      await mine.getByText(words).waitFor();
      expect(await mine.getAttribute("id")).toBe(new URL(page.url()).hash.slice(1));
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "a practitioner writes a story in guided sections, drafts, publishes, finds it everywhere, edits it, marks a reply helpful and follows a topic",
    async () => {
      const handle = `pat_${mode}`;
      const page = await open();
      await page.goto("/");
      await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Log in" }).click();
      await page.getByLabel("Handle or email", { exact: true }).fill(handle);
      await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Log in", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/");
      await page
        .getByRole("navigation", { name: "Account" })
        .getByRole("link", { name: `Pat Quiroga ${mode}` })
        .waitFor();

      // From a topic page: the composer starts with that topic chosen and the story's sections empty, their
      // guidance beside them as hints (issue 14: the composer engineer's tests/e2e/composer.test.ts has more).
      await page.goto("/topics/organizing");
      await page.getByRole("main").getByRole("link", { name: "Share a story" }).click();
      await page.getByRole("heading", { level: 1, name: "Share a story from the field" }).waitFor();
      expect(await page.getByRole("checkbox", { name: "Organizing", exact: true }).isChecked()).toBe(true);
      const sections: Array<[string, string]> = [
        ["Context", `A 60-unit building where half the tenants work nights (${mode}).`],
        ["What we did", "We recruited **floor captains** from the night shift."],
        ["What happened", "Every household heard about the hearing in time."],
        ["What we learned", "Lanternmakers make the best captains: they are up anyway."],
        ["Advice for others", "Ask who people already call."],
      ];
      const section = (label: string) => page.getByLabel(label, { exact: true });
      for (const [label] of sections) expect(await section(label).inputValue()).toBe("");
      const title = `Night-shift floor captains kept our tenants informed (${mode})`;
      await page.getByLabel("Title", { exact: true }).fill(title);
      for (const [label, text] of sections) await section(label).fill(text);
      await page.getByRole("checkbox", { name: "Health", exact: true }).check();

      await page.getByRole("button", { name: "Preview", exact: true }).click();
      const preview = page.getByRole("region", { name: "Preview" });
      await preview.getByRole("heading", { name: "What we learned" }).waitFor();
      expect(await preview.locator("strong").allTextContents()).toEqual(["floor captains"]);
      expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(title);
      for (const [label, text] of sections) expect(await section(label).inputValue()).toBe(text);

      await page.getByRole("button", { name: "Save draft", exact: true }).click();
      await page.getByRole("status").filter({ hasText: "Draft saved" }).first().waitFor();
      // Load the composer again (a GET, so no form is sent twice): it starts fresh, and the draft waits in the drafts.
      await page.goto(page.url());
      expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe("");
      await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Settings" }).click();
      await page.getByRole("link", { name: "Your drafts" }).click();
      await page.getByRole("heading", { level: 1, name: "Your drafts" }).waitFor();
      await page.getByRole("link", { name: title, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Share a story from the field" }).waitFor();
      expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(title);
      for (const [label, text] of sections) expect(await section(label).inputValue()).toBe(text);
      expect(await page.getByRole("checkbox", { name: "Organizing", exact: true }).isChecked()).toBe(true);
      expect(await page.getByRole("checkbox", { name: "Health", exact: true }).isChecked()).toBe(true);

      await page.getByRole("button", { name: "Publish story" }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      const threadPath = new URL(page.url()).pathname;
      expect(threadPath).toMatch(/^\/threads\/\d+\/night-shift-floor-captains/);
      await page.getByText("Story from the field", { exact: true }).waitFor();
      const topics = page.getByRole("list", { name: "Topics" }).first();
      expect(await topics.getByRole("link").allTextContents()).toEqual(["Health", "Organizing"]);

      // Everywhere it should be: the topic page, the author's profile, search, and the topic's Atom feed.
      await topics.getByRole("link", { name: "Health" }).click();
      await page.getByRole("heading", { level: 1, name: "Health" }).waitFor();
      await page.getByRole("link", { name: title, exact: true }).waitFor();
      const feedHref = await page.getByRole("link", { name: "Atom feed of this topic" }).getAttribute("href");
      expect(feedHref).toBe("/topics/health/feed.atom");
      const feed = await page.request.get(feedHref as string);
      expect(feed.headers()["content-type"]).toContain("application/atom+xml");
      const entries = DomUtils.getElementsByTagName(
        "entry",
        parseDocument(await feed.text(), { xmlMode: true }).children,
      );
      const entry = entries.find(
        (e) => DomUtils.findOne((l) => l.name === "link", e.children)?.attribs.href === `${server.url}${threadPath}`,
      );
      expect(entry, "the story's entry in the topic feed").toBeDefined();
      expect(DomUtils.textContent(DomUtils.getElementsByTagName("title", entry!.children)[0]!)).toBe(title);

      await page
        .getByRole("navigation", { name: "Account" })
        .getByRole("link", { name: `Pat Quiroga ${mode}` })
        .click();
      await page.waitForURL((url) => url.pathname === `/members/${handle}`);
      await page.getByRole("link", { name: title, exact: true }).waitFor();

      await page.getByRole("searchbox", { name: "Search Roundtable" }).fill("lanternmakers");
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await page.waitForURL((url) => url.pathname === "/search");
      await page.getByRole("main").getByRole("link", { name: title, exact: true }).click();
      await page.waitForURL((url) => url.pathname === threadPath);

      // Edit: the change shows at once, marked "edited", and the history keeps the first version.
      const opening = page.getByRole("article").first();
      await opening.getByRole("link", { name: "Edit", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Edit your post" }).waitFor();
      // The story is one Markdown body here, its sections under their headings.
      const editBody = page.getByLabel("Body", { exact: true });
      const story = await editBody.inputValue();
      expect(story).toContain("## What we learned\n\nLanternmakers make the best captains");
      await editBody.fill(`${story}\n\nUpdate: the landlord agreed to a meeting (${mode}).\n`);
      await page.getByRole("button", { name: "Save changes" }).click();
      await page.waitForURL((url) => url.pathname === threadPath);
      await opening.getByText("the landlord agreed to a meeting").waitFor();
      await opening.getByRole("link", { name: "edited", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "Edit history" }).waitFor();
      const current = page.getByRole("region", { name: /^Current version, edited/ });
      await current.getByText("the landlord agreed to a meeting").waitFor();
      const first = page.getByRole("region", { name: /^Version 1, replaced/ });
      await first.getByText("Lanternmakers make the best captains").waitFor();
      expect(await first.getByText("the landlord agreed").count()).toBe(0);

      // Helpful on someone else's reply: pressed, and the count goes up by one.
      await page.goto(phoneTreePath);
      await page.getByRole("heading", { level: 1, name: PHONE_TREE }).waitFor();
      const reply = page.getByRole("article", { name: /^Tomás Herrera replying to Marisol Vega\W+level 1$/ });
      const helpful = reply.getByRole("button", { name: /^Helpful/ });
      expect(await helpful.getAttribute("aria-pressed")).toBe("false");
      const before = await helpfulCount(helpful);
      await helpful.click();
      await expect.poll(() => helpful.getAttribute("aria-pressed")).toBe("true");
      expect(await helpfulCount(helpful)).toBe(before + 1);
      await page.reload();
      expect(await helpfulCount(reply.getByRole("button", { name: /^Helpful/ }))).toBe(before + 1);

      // Follow a topic.
      await page.goto("/topics/health");
      await page.getByRole("button", { name: "Follow Health" }).click();
      await page.getByRole("button", { name: "Unfollow Health" }).waitFor();
      await page.reload();
      await page.getByRole("button", { name: "Unfollow Health" }).waitFor();
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "a moderator handles a post three members flagged, pins a prompt, locks a thread, suspends the spammer; the log and the author see why",
    async () => {
      const { spammer, spamText, spamPostId, spamThreadTitle, spamThreadPath, promptTitle, heatedTitle } =
        fixtures[mode];
      const spamPost = (page: Page) =>
        page.getByRole("article", { name: new RegExp(`^${spammer.displayName} replying to Lena Host\\W+level 1$`) });

      // Three members flag the same reply; the third flag hides it at once.
      const flaggers: Page[] = [];
      for (const session of flaggerSessions) {
        const page = await open();
        await page.context().addCookies([{ ...session, url: server.url }]);
        flaggers.push(page);
        await page.goto(spamThreadPath);
        await page.getByRole("heading", { level: 1, name: spamThreadTitle }).waitFor();
        await spamPost(page).getByRole("link", { name: "Flag", exact: true }).click();
        await page.getByRole("heading", { level: 1, name: "Flag this reply for moderators" }).waitFor();
        await page.getByRole("radio", { name: "Spam or advertising" }).check();
        await page.getByLabel("Anything moderators should know? (optional)").fill("Selling lists.");
        await page.getByRole("button", { name: "Send to moderators" }).click();
        await page.waitForURL((url) => url.pathname === "/flags");
        await page.getByRole("status").filter({ hasText: "Your flag went to the moderators" }).waitFor();
        expect(await flagOutcome(page, spamThreadTitle)).toBe("Waiting for a moderator");
      }
      const visitor = await open();
      await visitor.goto(spamThreadPath);
      await visitor.getByText("This reply was hidden by moderators.").waitFor();
      expect(await visitor.getByText(spamText).count()).toBe(0);

      // The queue: the post in context, three flags, hidden pending review; the moderator hides it with a reason.
      const mod = await open();
      await logIn(mod, "mira_mod");
      await mod.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Moderation" }).click();
      await mod.waitForURL((url) => url.pathname === "/mod");
      await mod.goto("/mod/flags");
      const entry = mod.getByRole("article").filter({ hasText: spamText });
      await entry.getByRole("heading", { name: `Reply in ${spamThreadTitle}` }).waitFor();
      await entry.getByRole("heading", { name: "3 flags" }).waitFor();
      await entry.getByText(/^Hidden now: Flagged by several members/).waitFor();
      await entry.locator("summary", { hasText: /^Hide$/ }).click();
      await entry.getByLabel("Reason", { exact: true }).first().selectOption({ label: "Spam" });
      await entry.getByLabel("Note to the author", { exact: true }).first().fill("Advertising a paid list service.");
      await entry.getByRole("button", { name: "Hide the post" }).click();
      await mod.getByRole("status").first().waitFor();
      expect(await mod.getByRole("article").filter({ hasText: spamText }).count()).toBe(0);

      // Pin the prompt: it now leads its topic page.
      await mod.goto(`/topics/${promptTopic.slug}`);
      const topicThreads = mod
        .getByRole("main")
        .getByRole("list")
        .filter({ has: mod.getByRole("heading", { level: 3 }) })
        .first();
      expect(
        await topicThreads.getByRole("listitem").first().getByRole("heading", { level: 3 }).textContent(),
      ).not.toBe(promptTitle);
      await mod.getByRole("link", { name: promptTitle, exact: true }).click();
      await mod.getByRole("link", { name: "Moderate this thread" }).click();
      await mod.getByRole("heading", { level: 1, name: `Moderate “${promptTitle}”` }).waitFor();
      await mod.getByRole("button", { name: "Pin this thread" }).click();
      await mod
        .getByRole("status")
        .filter({ hasText: /^Pinned\./ })
        .waitFor();
      await mod.getByRole("button", { name: "Unpin" }).waitFor();
      await mod.goto(`/topics/${promptTopic.slug}`);
      const leading = topicThreads.getByRole("listitem").first();
      expect(await leading.getByRole("heading", { level: 3 }).textContent()).toBe(promptTitle);
      await leading.getByText("Pinned", { exact: true }).waitFor();

      // Lock the heated thread with a reason: it says so, and offers no reply form.
      await mod.getByRole("searchbox", { name: "Search Roundtable" }).fill("coalitions endorse candidates");
      await mod.getByRole("searchbox", { name: "Search Roundtable" }).press("Enter");
      await mod.getByRole("main").getByRole("link", { name: heatedTitle, exact: true }).first().click();
      await mod.getByRole("heading", { level: 1, name: heatedTitle }).waitFor();
      const heatedPath = new URL(mod.url()).pathname;
      await mod.getByRole("link", { name: "Moderate this thread" }).click();
      const lockReason = "Cooling off: this turned personal. Start a new thread with a specific question.";
      await mod.getByLabel("Why lock it?", { exact: true }).fill(lockReason);
      await mod.getByRole("button", { name: "Lock replies" }).click();
      await mod
        .getByRole("status")
        .filter({ hasText: /^Locked\./ })
        .waitFor();
      await mod.getByRole("link", { name: "Back to the thread" }).click();
      await mod.waitForURL((url) => url.pathname === heatedPath);
      await mod.getByText(lockReason).first().waitFor();
      expect(await mod.getByRole("form", { name: "Add your reply" }).count()).toBe(0);

      // Suspend the spammer for a week.
      await mod.goto(`/mod/members/${spammer.handle}`);
      await mod.getByRole("heading", { level: 1, name: new RegExp(`^${spammer.displayName}`) }).waitFor();
      const suspendReason = "Posting advertisements after a warning.";
      await mod.getByLabel("Reason", { exact: true }).fill(suspendReason);
      await mod.getByRole("radio", { name: "7 days" }).check();
      await mod.getByRole("button", { name: "Suspend", exact: true }).click();
      await mod.getByText(/^Suspended until /).waitFor();

      // The log holds exactly one row for each step: who, what, which target, why.
      await mod.goto("/mod/log");
      const rows = mod.getByRole("table").getByRole("row");
      for (const [action, target, reason] of [
        // Threads by title, posts by their thread's title (issue 14).
        ["Hid a post", `Reply in “${spamThreadTitle}”`, "Spam (Advertising a paid list service.)"],
        ["Pinned a thread", `“${promptTitle}”`, null],
        ["Locked a thread", `“${heatedTitle}”`, lockReason],
        ["Suspended a member", `@${spammer.handle}`, suspendReason],
      ] as const) {
        const row = rows
          .filter({ hasText: action })
          .filter({ has: mod.getByRole("link", { name: target, exact: true }) });
        expect(await row.count(), `one log row: ${action}, ${target}`).toBe(1);
        const cells = await row.getByRole("cell").allTextContents();
        expect(cells[1]).toContain("@mira_mod");
        if (reason) expect(cells[4]).toBe(reason);
      }

      // A member who flagged it sees the decision.
      await flaggers[0]!.reload();
      expect(await flagOutcome(flaggers[0]!, spamThreadTitle)).toBe("Moderators hid the post");

      // The author sees why: the suspension on every page, and the reason in a notification and on the post.
      const author = await open();
      await logIn(author, spammer.handle);
      await author.getByRole("region", { name: "Account suspended" }).getByText(suspendReason).waitFor();
      await author
        .getByRole("navigation", { name: "Account" })
        .getByRole("link", { name: /^Notifications/ })
        .click();
      await author.getByRole("heading", { level: 1, name: "Notifications" }).waitFor();
      const notice = author.getByRole("listitem").filter({
        hasText: `Moderators hid your post in “${spamThreadTitle}”. Reason: Spam (Advertising a paid list service.)`,
      });
      // Each notification is a link that opens the post in a new tab, in its conversation.
      const [tab] = await Promise.all([
        author.context().waitForEvent("page"),
        notice.getByRole("link").first().click(),
      ]);
      await tab.waitForURL((url) => url.pathname.startsWith("/threads/") && url.hash === `#post-${spamPostId}`);
      const own = spamPost(tab);
      await own
        .getByText("Hidden by moderators: Spam (Advertising a paid list service.). Others see only that it was hidden.")
        .waitFor();
      await own.getByText(spamText).waitFor();
    },
    JOURNEY_TIMEOUT,
  );
});
