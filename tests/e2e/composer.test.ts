// The composers of issue 14 (docs/decisions/0018), in Chromium against the production build: the formatting
// toolbar and its shortcuts on a selection, "@" suggestions picked with the keyboard, and the story composer's
// guided sections, which publish a story without their guidance, with JavaScript and without; axe on the
// story composer at 1280 and 390 px.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb } from "~db/client.server";
import { STORY_SECTIONS } from "~/lib/story-sections";
import { seedBaseline } from "~/models/seed.server";
import { createThread } from "~/models/threads.server";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { createMember, createSessionCookie, type SessionCookie } from "./support/members";
import { startServer, type RunningServer } from "./support/server";

let server: RunningServer;
let browser: Browser;
let cookie: SessionCookie;
let replyPath: string;
let tab: TestPage | undefined;

beforeAll(async () => {
  // Written into this file's database before the server opens it.
  await seedBaseline(getDb());
  const writer = await createMember({ handle: "cora_writer", displayName: "Cora Writer" });
  const host = await createMember({ handle: "amara_host", displayName: "Amara Host" });
  await createMember({ handle: "amadou_far", displayName: "Amadou Elsewhere" });
  const thread = await createThread({
    authorId: host.id,
    kind: "discussion",
    title: "Who keeps the phone tree going?",
    bodySource: "Tell me how yours works.",
    tagSlugs: ["organizing"],
  });
  const opening = await getDb()
    .selectFrom("posts")
    .select("id")
    .where("thread_id", "=", thread.id)
    .where("depth", "=", 0)
    .executeTakeFirstOrThrow();
  replyPath = `/posts/${opening.id}/reply`;
  cookie = await createSessionCookie(writer.id);
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

async function open(path: string, { javaScript = true, width = 1280 } = {}): Promise<Page> {
  tab = await newPage(browser, { javaScriptEnabled: javaScript, baseURL: server.url, width, height: 900 });
  await tab.context.addCookies([{ ...cookie, url: server.url }]);
  await tab.page.goto(path);
  return tab.page;
}

/** Selects text[start, end) of a textarea, as a mouse drag would. */
async function select(page: Page, label: string, start: number, end: number) {
  await page.getByLabel(label, { exact: true }).evaluate(
    (textarea: HTMLTextAreaElement, [from, to]) => {
      textarea.focus();
      textarea.setSelectionRange(from!, to!);
    },
    [start, end],
  );
}

describe("the Markdown field", () => {
  it("formats a selection from the toolbar and with Ctrl+B", async () => {
    const page = await open("/threads/new");
    const toolbar = page.getByRole("toolbar", { name: "Formatting for Body" });
    await toolbar.waitFor();
    const body = page.getByLabel("Body", { exact: true });
    await body.fill("Call the captains first. See the guide");

    await select(page, "Body", 9, 17); // "captains"
    await toolbar.getByRole("button", { name: "Bold", exact: true }).click();
    expect(await body.inputValue()).toBe("Call the **captains** first. See the guide");

    await select(page, "Body", 33, 42); // "the guide"
    await toolbar.getByRole("button", { name: "Link", exact: true }).click();
    expect(await body.inputValue()).toBe("Call the **captains** first. See [the guide](https://)");
    // The address is selected, ready to type over.
    await page.keyboard.type("https://example.org/guide");
    expect(await body.inputValue()).toBe("Call the **captains** first. See [the guide](https://example.org/guide)");

    await select(page, "Body", 0, 4); // "Call"
    await page.keyboard.press("Control+B");
    expect(await body.inputValue()).toMatch(/^\*\*Call\*\* the/);
    // Ctrl+Z undoes it, as any typing.
    await page.keyboard.press("Control+Z");
    expect(await body.inputValue()).toMatch(/^Call the/);

    // One tab stop for the toolbar; the arrow keys move inside it.
    await toolbar.getByRole("button", { name: "Bold", exact: true }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe("Italic");
    // The community rules are there, briefly, with the link to them.
    await page.getByText("Don't identify residents, clients or patients").waitFor();
    expect(await page.getByRole("link", { name: "The community rules" }).getAttribute("href")).toBe("/about");
  });

  it("suggests the thread's members first after @, and the keyboard picks one", async () => {
    const page = await open(replyPath);
    const reply = page.getByRole("textbox", { name: "Your reply", exact: true });
    await page.getByRole("toolbar", { name: "Formatting for Your reply" }).waitFor();
    await reply.click();
    await page.keyboard.type("Thanks @ama");
    const listbox = page.getByRole("listbox", { name: "Members to mention" });
    await listbox.waitFor();
    expect(await listbox.getByRole("option").allTextContents()).toEqual([
      "Amara Host @amara_host",
      "Amadou Elsewhere @amadou_far",
    ]);
    expect(await listbox.getByRole("option", { selected: true }).textContent()).toBe("Amara Host @amara_host");
    await page.keyboard.press("ArrowDown");
    expect(await listbox.getByRole("option", { selected: true }).textContent()).toBe("Amadou Elsewhere @amadou_far");
    expect(await reply.getAttribute("aria-activedescendant")).toBe(
      await listbox.getByRole("option", { selected: true }).getAttribute("id"),
    );
    await page.keyboard.press("Enter");
    await listbox.waitFor({ state: "detached" });
    expect(await reply.inputValue()).toBe("Thanks @amadou_far ");
    // Escape closes the list and leaves the text as typed.
    await page.keyboard.type("and @ama");
    await listbox.waitFor();
    await page.keyboard.press("Escape");
    await listbox.waitFor({ state: "detached" });
    expect(await reply.inputValue()).toBe("Thanks @amadou_far and @ama");
  });
});

describe.each([
  { javaScript: true, mode: "on" },
  { javaScript: false, mode: "off" },
])("the story composer with JavaScript $mode", ({ javaScript, mode }) => {
  it("publishes the written sections as one story, without their guidance", async () => {
    const page = await open("/stories/new", { javaScript });
    await page.getByRole("heading", { level: 1, name: "Share a story from the field" }).waitFor();
    if (javaScript) await page.getByRole("toolbar", { name: "Formatting for Context" }).waitFor();
    else expect(await page.getByRole("toolbar").count()).toBe(0);
    // Guidance is the fields' description, never their content.
    for (const section of STORY_SECTIONS) {
      const field = page.getByLabel(section.title, { exact: true });
      expect(await field.inputValue()).toBe("");
      const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
      expect(await page.locator(`[id="${describedBy.split(" ")[0]}"]`).textContent()).toBe(section.hint);
    }

    // All empty: refused, next to the first section, and the title is kept.
    const title = `Our tenant hotline, night by night (${mode})`;
    await page.getByLabel("Title", { exact: true }).fill(title);
    await page.getByRole("checkbox", { name: "Organizing", exact: true }).check();
    await page.getByRole("button", { name: "Publish story" }).click();
    const context = page.getByLabel("Context", { exact: true });
    await page.getByText("Write at least one section of your story").waitFor();
    expect(await context.getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByLabel("Title", { exact: true }).inputValue()).toBe(title);

    await context.fill("A hotline run from a kitchen table.");
    await page.getByLabel("What we learned", { exact: true }).fill("Volunteers **stay** when shifts are short.");
    await page.getByRole("button", { name: "Publish story" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    const opening = page.getByRole("article").first();
    await opening.getByRole("heading", { name: "Context" }).waitFor();
    await opening.getByRole("heading", { name: "What we learned" }).waitFor();
    const text = (await opening.textContent()) ?? "";
    expect(text).toContain("A hotline run from a kitchen table.");
    expect(text).not.toContain("What happened");
    for (const section of STORY_SECTIONS) expect(text).not.toContain(section.hint);
  });
});

describe("the story composer's accessibility", () => {
  it.each([1280, 390])("has no axe violations at %i px and does not scroll sideways", async (width) => {
    const page = await open("/stories/new", { width });
    await page.getByRole("toolbar", { name: "Formatting for Context" }).waitFor();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });
});
