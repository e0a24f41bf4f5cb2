// A moderator opens a round; a member answers under a pseudonym with consent to be quoted anonymously; a
// third member sees that answers wait until they answer. Run with JavaScript on and off: both must work.
import Database from "better-sqlite3";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "~/auth/password.server";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { acceptCommunityRules, confirmEmailFromOutbox } from "./support/members";
import { startServer, type RunningServer } from "./support/server";

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), server?.stop()]);
});

describe.each([
  { javaScript: true, mode: "on" },
  { javaScript: false, mode: "off" },
])("rounds with JavaScript $mode", ({ javaScript, mode }) => {
  const tabs: TestPage[] = [];

  afterEach(async () => {
    const errors = tabs.flatMap((t) => t.errors);
    await Promise.all(tabs.map((t) => t.close()));
    tabs.length = 0;
    expect(errors, "page errors or console errors in the browser").toEqual([]);
  });

  const password = "community gardens every saturday";

  async function open(): Promise<Page> {
    const tab = await newPage(browser, { javaScriptEnabled: javaScript, baseURL: server.url });
    tabs.push(tab);
    return tab.page;
  }

  async function join(handle: string, name: string): Promise<Page> {
    const page = await open();
    await page.goto("/join");
    await page.getByLabel("Handle", { exact: true }).fill(handle);
    await page.getByLabel("Your name", { exact: true }).fill(name);
    await page.getByLabel("Email", { exact: true }).fill(`${handle}@example.org`);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await acceptCommunityRules(page);
    await page.getByRole("button", { name: "Join", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/settings/profile");
    // Members confirm their address before they post: follow the link the server emailed.
    await confirmEmailFromOutbox(page, server.outboxDir, `${handle}@example.org`);
    return page;
  }

  /**
   * Joining is limited to 5 an hour per address, so the third member is written to the database (with a
   * verified address), then logs in.
   */
  async function logInAsNewMember(handle: string, name: string): Promise<Page> {
    const db = new Database(server.databasePath);
    const now = Date.now();
    db.prepare(
      "INSERT INTO members (handle, email, display_name, password_hash, created_at, updated_at, password_changed_at, email_verified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    ).run(handle, `${handle}@example.org`, name, await hashPassword(password), now, now, now, now);
    db.close();
    const page = await open();
    await page.goto("/login");
    await page.getByLabel("Handle or email", { exact: true }).fill(handle);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Log in", exact: true }).click();
    await page.waitForURL((url) => url.pathname !== "/login");
    return page;
  }

  it("a moderator opens a round, a member answers under a pseudonym, and another must answer before reading", async () => {
    // Staff names are reserved at join (lib/reserved-names.ts): she joins as herself and is made a moderator.
    const mod = await join(`mara_${mode}`, "Mara Okafor");
    const db = new Database(server.databasePath);
    db.prepare("UPDATE members SET role = 'moderator' WHERE handle = ?").run(`mara_${mode}`);
    db.close();

    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await mod.goto("/rounds/new");
    await mod.getByLabel("Title", { exact: true }).fill(`Staying well (${mode})`);
    await mod.getByLabel("Purpose", { exact: true }).fill("How practitioners look after themselves.");
    await mod.getByLabel("Opens on", { exact: true }).fill(today);
    await mod.getByLabel("Last day for answers", { exact: true }).fill(tomorrow);
    await mod.getByRole("checkbox", { name: "Answer before you see others" }).check();
    await mod.getByRole("checkbox", { name: "Organizing", exact: true }).check();
    await mod.locator("#prompt-0-title").fill("What do you do after a hard week?");
    await mod.locator("#prompt-0-body").fill("Habits, people, places.");
    await mod.getByRole("button", { name: "Create the round" }).click();
    await mod.waitForURL((url) => /^\/rounds\/\d+$/.test(url.pathname));
    await mod.getByRole("heading", { level: 1, name: `Staying well (${mode})` }).waitFor();
    const roundPath = new URL(mod.url()).pathname;

    const member = await join(`ana_${mode}`, "Ana Answerer");
    await member.goto(roundPath);
    await member.getByRole("link", { name: "Answer “What do you do after a hard week?”" }).click();
    await member.getByLabel("Your answer", { exact: true }).fill("I walk the river path with my sister.");
    await member.getByRole("radio", { name: "May be quoted without my name" }).check();
    await member.getByRole("checkbox", { name: "Post under a pseudonym instead of my name" }).check();
    await member.getByLabel("Pseudonym", { exact: true }).fill("A youth worker in the Harbor");
    await member.getByRole("button", { name: "Post my answer" }).click();
    await member.waitForURL((url) => url.pathname.startsWith("/threads/"));
    const answer = member.locator("article.post").filter({ hasText: "I walk the river path" });
    await answer.getByText("Quotable anonymously").waitFor();
    await answer.getByText("Shown to members as “A youth worker in the Harbor”.").waitFor();
    const threadPath = new URL(member.url()).pathname;

    const other = await logInAsNewMember(`ben_${mode}`, "Ben Bystander");
    await other.goto(threadPath);
    await other.getByText("Other answers appear here once you have posted yours.").waitFor();
    expect(await other.getByText("I walk the river path").count()).toBe(0);
    await other.getByRole("link", { name: "Answer this prompt" }).click();
    await other.getByLabel("Your answer", { exact: true }).fill("Cook for friends.");
    await other.getByRole("radio", { name: "Not to be quoted" }).check();
    await other.getByRole("button", { name: "Post my answer" }).click();
    await other.waitForURL((url) => url.pathname === threadPath);
    const seen = other.locator("article.post").filter({ hasText: "I walk the river path" });
    await seen.getByRole("heading", { name: /A youth worker in the Harbor/ }).waitFor();
    expect(await other.getByText("Ana Answerer").count()).toBe(0);
  });
});
