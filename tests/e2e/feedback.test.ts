// Feedback after every action (issue 14, point 4), in Chromium with JavaScript on and off: a flash message
// says what was done, once; a refused form shows a summary of its problems at the top, focused, whose links
// move focus to the fields; a button says what is happening while its form is on its way. Axe finds nothing
// wrong with a flash or a summary on the page, at 1280 and 390 px.
import AxeBuilder from "@axe-core/playwright";
import type { Result } from "axe-core";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { createMember, createSessionCookie, type SessionCookie } from "./support/members";
import { startServer, type RunningServer } from "./support/server";

const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let server: RunningServer;
let browser: Browser;
let writerCookie: SessionCookie;
const tabs: TestPage[] = [];

beforeAll(async () => {
  // Written before the server starts, as the other journeys do.
  const writer = await createMember({ handle: "lena_writes", displayName: "Lena Ortiz" });
  writerCookie = await createSessionCookie(writer.id);
  [server, browser] = await Promise.all([
    startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH as string } }),
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

async function openAsWriter(options: { javaScriptEnabled: boolean; width?: number }): Promise<Page> {
  const tab = await newPage(browser, { ...options, baseURL: server.url });
  tabs.push(tab);
  await tab.context.addCookies([{ ...writerCookie, url: server.url }]);
  return tab.page;
}

const flash = (page: Page) => page.locator(".flash[role=status]");
const summary = (page: Page) => page.locator(".error-summary");
const activeElementId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? "");
const activeIsSummary = (page: Page) =>
  page.evaluate(() => document.activeElement?.classList.contains("error-summary") ?? false);

async function fillDiscussion(page: Page, title: string) {
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Body", { exact: true }).fill("We tried evening meetings with childcare. More came.");
  await page.getByRole("group", { name: "Topics" }).getByRole("checkbox").first().check();
}

function describeViolations(violations: Result[]): string[] {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")}`));
}

describe.each([
  { javaScriptEnabled: true, mode: "on" },
  { javaScriptEnabled: false, mode: "off" },
])("with JavaScript $mode", ({ javaScriptEnabled, mode }) => {
  it("publishing a discussion shows “Your discussion is published.” once", async () => {
    const page = await openAsWriter({ javaScriptEnabled });
    await page.goto("/threads/new");
    await page.getByRole("heading", { level: 1, name: "Start a discussion" }).waitFor();
    const title = `Evening meetings that work (${mode})`;
    await fillDiscussion(page, title);
    await page.getByRole("button", { name: "Publish discussion" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    await flash(page).getByText("Your discussion is published.").waitFor();

    // Dismissed by the reader (with JavaScript in place; without, by reloading a page that has no message).
    await flash(page).getByRole("link", { name: "Dismiss this message" }).click();
    await expect.poll(() => flash(page).textContent()).toBe("");

    // Shown once: the page again has no message.
    await page.reload();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await flash(page).textContent()).toBe("");
  });

  it("a refused form shows its problems at the top, focused, each linking to its field", async () => {
    const page = await openAsWriter({ javaScriptEnabled });
    await page.goto("/threads/new");
    await page.getByLabel("Body", { exact: true }).fill("Only a body, no title and no topic.");
    await page.getByRole("button", { name: "Publish discussion" }).click();
    await summary(page).getByRole("heading", { name: "There are 2 problems with what you sent" }).waitFor();
    await expect.poll(() => activeIsSummary(page)).toBe(true);

    const links = summary(page).getByRole("link");
    expect(await links.allTextContents()).toEqual([
      "Titles need at least 5 characters.",
      "Choose at least one topic, so people can find your post.",
    ]);
    await links.first().click();
    await expect.poll(() => activeElementId(page)).toBe("title");
    await page.getByLabel("Title", { exact: true }).fill("Fixed, after the summary");
    if (javaScriptEnabled) {
      // A group of choices: its first checkbox gets focus.
      await links.nth(1).click();
      await expect
        .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name))
        .toBe("tagSlugs");
    }
  });
});

describe("busy buttons (with JavaScript)", () => {
  it("say what is happening while their own form is sent, and no other button does", async () => {
    const page = await openAsWriter({ javaScriptEnabled: true });
    await page.goto("/threads/new");
    await fillDiscussion(page, "A slow publish, to see the button");
    // Hold the answer to the form a moment, so the busy state can be seen.
    await page.route(
      (url) => url.pathname === "/threads/new",
      async (route) => {
        if (route.request().method() === "POST") await new Promise((resolve) => setTimeout(resolve, 1_500));
        await route.continue();
      },
    );
    await page.getByRole("button", { name: "Publish discussion" }).click();
    const busy = page.getByRole("button", { name: "Publishing…" });
    await busy.waitFor();
    expect(await busy.getAttribute("aria-busy")).toBe("true");
    // The other buttons of the same form, and the header's search, stay as they were.
    expect(await page.locator("button[aria-busy=true]").count()).toBe(1);
    await page.getByRole("button", { name: "Preview" }).waitFor();
    await flash(page).getByText("Your discussion is published.").waitFor();
  });
});

describe("axe-core with a flash and an error summary on the page", () => {
  it.each([1280, 390])("finds no violation at %i px", async (width) => {
    const page = await openAsWriter({ javaScriptEnabled: true, width });
    await page.goto("/threads/new");
    await fillDiscussion(page, `Checked by axe at ${width} px`);
    await page.getByRole("button", { name: "Publish discussion" }).click();
    await flash(page).getByText("Your discussion is published.").waitFor();
    const withFlash = await new AxeBuilder({ page }).withTags(WCAG_21_A_AA).analyze();
    expect(describeViolations(withFlash.violations)).toEqual([]);

    await page.goto("/threads/new");
    await page.getByRole("button", { name: "Publish discussion" }).click();
    await summary(page).waitFor();
    const withSummary = await new AxeBuilder({ page }).withTags(WCAG_21_A_AA).analyze();
    expect(describeViolations(withSummary.violations)).toEqual([]);
    // Nothing scrolls sideways at phone width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });
});
