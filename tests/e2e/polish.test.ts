// Issue 14's smaller points in Chromium: data tables that become cards on a phone (names whole), dark mode
// from the system setting, labels apart from the field above, the followed-topics list, the digest note for a
// member who follows no topic, and the 404's title; with and without JavaScript where it matters.
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase } from "~db/client.server";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { createMember, createSessionCookie } from "./support/members";
import { openAs, startShowcase, type Showcase, type Viewer } from "./support/showcase";

let showcase: Showcase;
let browser: Browser;
const tabs: TestPage[] = [];

beforeAll(async () => {
  [showcase, browser] = await Promise.all([startShowcase(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), showcase?.server.stop()]);
});

afterEach(async () => {
  const errors = tabs.flatMap((t) => t.errors);
  await Promise.all(tabs.map((t) => t.close()));
  tabs.length = 0;
  expect(errors, "page errors or console errors in the browser").toEqual([]);
});

async function open(viewer: Viewer, options: { width?: number; javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const tab = await openAs(browser, showcase, viewer, options);
  tabs.push(tab);
  return tab.page;
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("the moderation log on a phone and on a desktop", () => {
  it("is a table at 1280 px and a card per row at 390 px, each value after its column's name, names whole", async () => {
    const page = await open("moderator");
    await page.goto("/mod/log");
    const table = page.getByRole("table", { name: "Moderation log entries" });
    expect(await table.evaluate((el) => getComputedStyle(el).display)).toBe("table");
    expect(await table.getByRole("columnheader", { name: "Target" }).isVisible()).toBe(true);
    await expect.poll(() => table.getByRole("link", { name: /^Reply in “Sign-up sheets, scripts/ }).count()).toBe(1);

    await page.setViewportSize({ width: 390, height: 900 });
    expect(await noSidewaysScroll(page)).toBe(true);
    const cells = await table
      .locator("tbody tr")
      .first()
      .locator("td")
      .evaluateAll((tds) =>
        tds.map((td) => ({
          display: getComputedStyle(td).display,
          label: getComputedStyle(td, "::before").content,
          right: td.getBoundingClientRect().right,
        })),
      );
    expect(cells.map((c) => c.label)).toEqual([
      '"When"',
      '"Who"',
      '"Action"',
      '"Target"',
      '"Reason"',
      '"Before → after"',
    ]);
    expect(cells.every((c) => c.display === "block" && c.right <= 390)).toBe(true);
    // A name wraps between words, never inside one: no "anywhere" or "break-all" on the cells with names.
    const who = table.locator("td[data-label=Who]").first();
    const wrapping = await who.evaluate((el) => ({
      overflowWrap: getComputedStyle(el).overflowWrap,
      wordBreak: getComputedStyle(el).wordBreak,
      lines: el.querySelector("a")!.getClientRects().length,
    }));
    expect(wrapping).toEqual({ overflowWrap: "normal", wordBreak: "normal", lines: 1 });
  });

  it("the member page's recent moderation also stacks at 390 px without JavaScript", async () => {
    const page = await open("moderator", { width: 390, javaScriptEnabled: false });
    await page.goto("/mod/members/wren_waiting");
    const table = page.getByRole("table", { name: /Recent moderation/ });
    expect(
      await table
        .locator("tbody tr")
        .first()
        .evaluate((el) => getComputedStyle(el).display),
    ).toBe("block");
    expect(await noSidewaysScroll(page)).toBe(true);
  });
});

describe("members and roles on a phone", () => {
  it("lists each member as a card with the role form inside the screen, the name whole", async () => {
    const admin = await createMember({ handle: "ada_admin", displayName: "Ada Administrator", role: "admin" });
    const cookie = await createSessionCookie(admin.id);
    await closeDatabase();
    const tab = await newPage(browser, { baseURL: showcase.server.url, width: 390, height: 900 });
    tabs.push(tab);
    await tab.context.addCookies([{ ...cookie, url: showcase.server.url }]);
    const page = tab.page;
    await page.goto("/admin/members");
    const table = page.getByRole("table", { name: "Members and their roles" });
    const rows = await table.locator("tbody tr").evaluateAll((trs) =>
      trs.map((tr) => ({
        display: getComputedStyle(tr).display,
        right: tr.getBoundingClientRect().right,
        labels: [...tr.querySelectorAll("td")].map((td) => getComputedStyle(td, "::before").content),
        nameLines: tr.querySelector("td a")!.getClientRects().length,
      })),
    );
    expect(rows.length).toBeGreaterThan(3);
    for (const row of rows) {
      expect(row).toMatchObject({ display: "block", labels: ['"Member"', '"Joined"', '"Role"'], nameLines: 1 });
      expect(row.right).toBeLessThanOrEqual(390);
    }
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.getByRole("combobox", { name: "Role of @wren_waiting" }).waitFor();
  });
});

describe("dark mode", () => {
  it("follows the system setting: the page, its text and its buttons turn dark, and back", async () => {
    const page = await open("visitor");
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/");
    const colours = await page.evaluate(() => {
      const root = getComputedStyle(document.documentElement);
      const button = document.querySelector("button")!;
      return {
        scheme: root.colorScheme,
        background: root.backgroundColor,
        text: root.color,
        button: getComputedStyle(button).backgroundColor,
      };
    });
    expect(colours.scheme).toBe("light dark");
    expect(colours.background).toBe("rgb(19, 20, 23)");
    expect(colours.text).toBe("rgb(230, 228, 223)");
    expect(colours.button).toBe("rgb(95, 199, 184)");
    await page.emulateMedia({ colorScheme: "light" });
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)).toBe(
      "rgb(253, 252, 249)",
    );
  });
});

describe("forms and lists", () => {
  it.each([
    ["/join", "visitor"],
    ["/stories/new", "member"],
    ["/threads/new", "member"],
    ["/settings/profile", "member"],
    ["/settings/notifications", "member"],
    ["/settings/account", "member"],
    ["/mod/members/wren_waiting", "moderator"],
    ["/rounds/new", "moderator"],
  ] as const)("a label never touches the field above it on %s (%s)", async (path, viewer) => {
    const page = await open(viewer, { width: 390 });
    await page.goto(path);
    // Every field after another element in its form: the space between them, above its label or legend.
    const gaps = await page.locator("main form :is(.field, fieldset)").evaluateAll((fields) =>
      fields.flatMap((field) => {
        const before = field.previousElementSibling;
        if (!before || getComputedStyle(before).position === "absolute" || before.tagName === "INPUT") return [];
        const gap = field.getBoundingClientRect().top - before.getBoundingClientRect().bottom;
        return [{ field: field.textContent?.trim().slice(0, 40), gap }];
      }),
    );
    expect(gaps.length, `fields on ${path}`).toBeGreaterThan(0);
    expect(gaps.filter((g) => g.gap < 8)).toEqual([]);
  });

  it.each([true, false])(
    "followed topics are a list with Unfollow buttons lined up (JavaScript %s)",
    async (javaScriptEnabled) => {
      const page = await open("member", { javaScriptEnabled });
      for (const slug of ["organizing", "health"]) {
        await page.goto(`/topics/${slug}`);
        const follow = page.getByRole("button", { name: /^Follow / });
        if (await follow.count()) {
          await follow.click();
          await page.getByRole("button", { name: /^Unfollow / }).waitFor();
        }
      }
      await page.goto("/settings/notifications");
      const list = page.getByRole("region", { name: "Topics you follow" }).getByRole("list");
      const rows = await list.getByRole("listitem").evaluateAll((items) =>
        items.map((item) => {
          const button = item.querySelector("button")!.getBoundingClientRect();
          const link = item.querySelector("a")!.getBoundingClientRect();
          return {
            buttonRight: Math.round(button.right),
            sameLine: link.top < button.bottom && button.top < link.bottom,
          };
        }),
      );
      expect(rows.length).toBeGreaterThanOrEqual(2);
      expect(new Set(rows.map((r) => r.buttonRight)).size, "Unfollow buttons share a right edge").toBe(1);
      expect(rows.every((r) => r.sameLine)).toBe(true);
      await page.getByRole("button", { name: "Unfollow Health" }).click();
      await expect.poll(() => page.getByRole("button", { name: "Unfollow Health" }).count()).toBe(0);
    },
  );

  it("a member who follows no topic reads what their digest will contain", async () => {
    const page = await open("moderator", { javaScriptEnabled: false });
    await page.goto("/settings/notifications");
    const note = page.getByText(/^You follow no topics yet, so your digest will contain/);
    expect(await note.textContent()).toMatch(/featured stories.+; follow topics at Topics to get their new threads/);
    expect(await note.getByRole("link", { name: "Topics" }).getAttribute("href")).toBe("/topics");
  });
});

describe("the 404 page", () => {
  it.each([true, false])("has a title (JavaScript %s)", async (javaScriptEnabled) => {
    const page = await open("visitor", { javaScriptEnabled });
    const response = await page.goto("/this/page/does/not/exist");
    expect(response?.status()).toBe(404);
    expect(await page.title()).toBe("Page not found · Roundtable");
    await page.getByRole("heading", { name: "We couldn't find that page" }).waitFor();
  });
});
