// A newcomer joins, fills in their profile and sees it as others will, and confirms their address from the
// email; then a mistyped password at login, and a forgotten one reset by email.
// Run with JavaScript on (Remix client navigation) and off (plain HTML forms): both must work.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { emailsTo, lastLinkTo, waitForEmailTo } from "../setup/outbox";
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

/** The <dd> that follows the <dt> with exactly this text. */
function profileFact(page: Page, term: string) {
  return page
    .getByRole("term")
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator("xpath=following-sibling::dd[1]");
}

describe.each([
  { javaScript: true, mode: "on", handle: "rosa_js" },
  { javaScript: false, mode: "off", handle: "rosa_nojs" },
])("with JavaScript $mode", ({ javaScript, handle }) => {
  const password = "tenant union meets on thursdays";
  let tab: TestPage | undefined;

  async function open(path: string): Promise<Page> {
    tab = await newPage(browser, { javaScriptEnabled: javaScript, baseURL: server.url });
    await tab.page.goto(path);
    return tab.page;
  }

  afterEach(async () => {
    const errors = tab?.errors ?? [];
    await tab?.close();
    tab = undefined;
    expect(errors, "page errors or console errors in the browser").toEqual([]);
  });

  it("a newcomer joins, fills in their profile and sees it on their member page", async () => {
    const page = await open("/join");
    await page.getByLabel("Handle", { exact: true }).fill(handle);
    await page.getByLabel("Your name", { exact: true }).fill("Rosa Martínez");
    await page.getByLabel("Email", { exact: true }).fill(`${handle}@example.org`);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await acceptCommunityRules(page);
    await page.getByRole("button", { name: "Join", exact: true }).click();

    await page.waitForURL((url) => url.pathname === "/settings/profile");
    await page.getByRole("heading", { level: 1, name: "Your profile" }).waitFor();
    const banner = page.getByRole("region", { name: "Confirm your email address" });
    await banner.getByText(`We sent a link to ${handle}@example.org.`).waitFor();
    expect(await page.getByLabel("Your name", { exact: true }).inputValue()).toBe("Rosa Martínez");
    await page.getByLabel("Organization", { exact: true }).fill("Eastside Tenants Union");
    await page.getByLabel("Location", { exact: true }).fill("Boyle Heights, Los Angeles");
    await page.getByRole("checkbox", { name: "Health", exact: true }).check();
    await page.getByRole("checkbox", { name: "Organizing", exact: true }).check();
    await page
      .getByLabel("About you", { exact: true })
      .fill("I organize **tenant meetings** on the east side.\n\nAsk me about rent stabilization.");
    await page.getByRole("button", { name: "Save profile", exact: true }).click();

    await page.waitForURL((url) => url.pathname === `/members/${handle}`);
    await page.getByRole("heading", { level: 1, name: "Rosa Martínez", exact: true }).waitFor();
    expect(await profileFact(page, "Organization").textContent()).toBe("Eastside Tenants Union");
    expect(await profileFact(page, "Location").textContent()).toBe("Boyle Heights, Los Angeles");
    const fields = profileFact(page, "Fields of practice");
    expect(await fields.getByRole("link", { name: "Health", exact: true }).getAttribute("href")).toBe("/topics/health");
    expect(await fields.getByRole("link", { name: "Organizing", exact: true }).getAttribute("href")).toBe(
      "/topics/organizing",
    );
    const about = page.getByRole("region", { name: "About", exact: true });
    expect(await about.locator("strong").allTextContents()).toEqual(["tenant meetings"]);
    expect(await about.textContent()).not.toContain("**");

    // "Send the link again" from the banner, then the newest link confirms the address.
    await banner.getByRole("button", { name: "Send the link again" }).click();
    await page.getByRole("status").filter({ hasText: "We sent a new link." }).waitFor();
    await waitForEmailTo(`${handle}@example.org`, 2, server.outboxDir);
    await confirmEmailFromOutbox(page, server.outboxDir, `${handle}@example.org`);
    await page.getByRole("link", { name: "Go to Roundtable" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    expect(await banner.count()).toBe(0);
  });

  // Uses the account joined above; an unknown handle would get the same words, by design.
  it("a wrong password at login says so and keeps the handle typed", async () => {
    const page = await open("/login");
    await page.getByLabel("Handle or email", { exact: true }).fill(handle);
    await page.getByLabel("Password", { exact: true }).fill("not the right password");
    await page.getByRole("button", { name: "Log in", exact: true }).click();

    const alert = page.getByRole("alert").filter({ hasText: "don't match an account" });
    await alert.waitFor();
    expect(await alert.textContent()).toBe("That handle or email and password don't match an account.");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await page.getByLabel("Handle or email", { exact: true }).inputValue()).toBe(handle);
  });

  it("a forgotten password: a link by email, a new password, signed in, and the link works once", async () => {
    const email = `${handle}@example.org`;
    const page = await open("/login");
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByRole("heading", { level: 1, name: "Forgot your password?" }).waitFor();
    await page.getByLabel("Handle or email", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await page
      .getByRole("status")
      .filter({ hasText: "If an account matches, we sent a link to its email address." })
      .waitFor();
    const resets = () =>
      emailsTo(email, server.outboxDir).filter((m) => m.subject === "Reset your Roundtable password");
    await expect.poll(() => resets().length).toBe(1);
    const link = lastLinkTo(email, "/reset-password/", server.outboxDir);

    await page.goto(link);
    await page.getByRole("heading", { level: 1, name: "Choose a new password" }).waitFor();
    await page.getByLabel("New password", { exact: true }).fill("short");
    await page.getByRole("button", { name: "Save my new password" }).click();
    await page.getByRole("alert").filter({ hasText: "Use at least 10 characters." }).waitFor();
    const newPassword = "rent board meets on mondays";
    await page.getByLabel("New password", { exact: true }).fill(newPassword);
    await page.getByRole("button", { name: "Save my new password" }).click();
    await page.waitForURL((url) => url.pathname === "/settings");
    await page.getByRole("status").filter({ hasText: "Your new password is saved." }).waitFor();
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Rosa Martínez" }).waitFor();

    // The link is spent: it says so, and offers to ask for a new one.
    await page.goto(link);
    await page.getByRole("heading", { level: 1, name: "This link doesn't work" }).waitFor();
    await page.getByText("This password reset link has already been used.").waitFor();
    await page.getByRole("link", { name: "Ask for a new link" }).click();
    await page.waitForURL((url) => url.pathname === "/forgot-password");

    // The new password logs in; the old one no longer does.
    const fresh = await newPage(browser, { javaScriptEnabled: javaScript, baseURL: server.url });
    try {
      await fresh.page.goto("/login");
      await fresh.page.getByLabel("Handle or email", { exact: true }).fill(handle);
      await fresh.page.getByLabel("Password", { exact: true }).fill(password);
      await fresh.page.getByRole("button", { name: "Log in", exact: true }).click();
      await fresh.page.getByRole("alert").filter({ hasText: "don't match an account" }).waitFor();
      await fresh.page.getByLabel("Password", { exact: true }).fill(newPassword);
      await fresh.page.getByRole("button", { name: "Log in", exact: true }).click();
      await fresh.page.waitForURL((url) => url.pathname !== "/login");
      expect(fresh.errors).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
