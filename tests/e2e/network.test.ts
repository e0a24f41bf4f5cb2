// The directory and the shelf in Chromium (issue 19), with and without JavaScript: a member filters /members
// by a language and finds the peer who works in it; adds a resource through /resources/new and finds it on
// /shelf, its link shown as text with its host. axe (WCAG 2.1 A and AA) finds nothing on the directory, the
// resource composer and the shelf, which never scroll sideways at 1280 or 390 px.
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb } from "~db/client.server";
import { seedBaseline } from "~/models/seed.server";
import { setDirectoryFacts } from "../factories/directory";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { createMember, createSessionCookie, type SessionCookie } from "./support/members";
import { startServer, type RunningServer } from "./support/server";

const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let server: RunningServer;
let browser: Browser;
let cookie: SessionCookie;
let tab: TestPage | undefined;

beforeAll(async () => {
  await seedBaseline(getDb());
  const me = await createMember({ handle: "net_me", displayName: "Net Me" });
  const li = await createMember({ handle: "li_koreatown", displayName: "Li Koreatown" });
  const rosa = await createMember({ handle: "rosa_boyle", displayName: "Rosa Boyle" });
  await setDirectoryFacts(me.id, { fields: ["health"], place: "Koreatown" });
  await setDirectoryFacts(li.id, {
    fields: ["health"],
    place: "Koreatown",
    ask: ["Community health worker training"],
    languages: ["ko", "en"],
  });
  await setDirectoryFacts(rosa.id, { fields: ["organizing"], place: "Boyle Heights", languages: ["es"] });
  cookie = await createSessionCookie(me.id);
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
  await tab?.close();
  tab = await newPage(browser, { javaScriptEnabled: javaScript, baseURL: server.url, width });
  await tab.context.addCookies([{ ...cookie, url: server.url }]);
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

describe.each([{ javaScript: false }, { javaScript: true }])("with JavaScript: $javaScript", ({ javaScript }) => {
  it("a member filters the directory by a language and finds the peer who works in it", async () => {
    const page = await open("/members", { javaScript });
    await page.getByRole("heading", { level: 1, name: "Peers like you" }).waitFor();
    // axe runs in the page: it needs JavaScript.
    if (javaScript) await expectAccessible(page);
    await page.getByLabel("Works in").selectOption("ko");
    await page.getByRole("button", { name: "Show members" }).click();
    await page.waitForURL((url) => url.searchParams.get("speaks") === "ko");
    const cards = page.locator(".member-grid > li");
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain("Li Koreatown");
    expect(await cards.first().textContent()).toContain("Community health worker training");
    await cards.first().getByRole("link", { name: "Li Koreatown" }).click();
    await page.getByRole("heading", { level: 1, name: "Li Koreatown" }).waitFor();
    // Li's profile: Net Me works like Li (same field and place).
    await page.getByRole("heading", { name: "People who work like Li Koreatown" }).waitFor();
  });

  it("a member adds a resource and finds it on the shelf", async () => {
    const title = `Heat safety toolkit, JavaScript ${javaScript ? "on" : "off"}`;
    const page = await open("/resources/new", { javaScript });
    await page.getByRole("heading", { level: 1, name: "Add a resource to the shelf" }).waitFor();
    if (javaScript) await expectAccessible(page);
    await page.getByLabel("Title").fill(title);
    await page.locator("#bodySource").fill("Flyers and a checklist for canvassing in a heat wave.");
    await page.getByRole("checkbox", { name: "Environment" }).check();
    await page.locator("#linkUrl").fill("https://toolkits.example.org/heat");
    await page.getByRole("radio", { name: "Toolkit or template" }).check();
    await page.getByLabel("Who it is for").fill("Canvassing teams");
    await page.getByRole("button", { name: "Add to the shelf" }).click();
    await page.getByRole("heading", { level: 1, name: title }).waitFor();
    expect(await page.locator(".resource-facts").textContent()).toContain("(toolkits.example.org)");
    await page.goto("/shelf?type=toolkit");
    const entry = page.locator(".shelf-entry", { hasText: title });
    await entry.waitFor();
    expect(await entry.textContent()).toContain("https://toolkits.example.org/heat");
    if (javaScript) await expectAccessible(page);
  });
});

it("the directory and the shelf at a phone's width", async () => {
  for (const path of ["/members", "/shelf"]) {
    const page = await open(path, { width: 390 });
    await expectAccessible(page);
  }
});
