// Roundtable in Spanish in Chromium (issue 18, first slice): a Spanish page hydrates with the same text the
// server rendered (no mismatch), the footer's switch changes the language with and without JavaScript, and a
// member's choice sticks.
import type { Browser } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, type TestPage } from "./support/browser";
import { openAs, startShowcase, visit, type Showcase, type Viewer } from "./support/showcase";

let showcase: Showcase;
let browser: Browser;
const tabs: TestPage[] = [];

beforeAll(async () => {
  [showcase, browser] = await Promise.all([startShowcase(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([browser?.close(), showcase?.server.stop()]);
});

afterEach(async () => {
  const errors = tabs.flatMap((t) => t.errors);
  await Promise.all(tabs.map((t) => t.close()));
  tabs.length = 0;
  // A hydration mismatch (the browser rendering other words than the server) is a console error.
  expect(errors, "page errors or console errors in the browser").toEqual([]);
});

async function open(viewer: Viewer, options: { javaScriptEnabled?: boolean } = {}) {
  const tab = await openAs(browser, showcase, viewer, options);
  tabs.push(tab);
  return tab.page;
}

describe("the interface in Spanish", () => {
  it.each([true, false])("switches from the footer (JavaScript: %s), and stays switched", async (javaScript) => {
    const page = await open("visitor", { javaScriptEnabled: javaScript });
    if (javaScript) await visit(page, showcase, { name: "topics", path: "/topics", viewer: "visitor" });
    else await page.goto("/topics");
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.getByRole("button", { name: "Español" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "es");
    expect(new URL(page.url()).pathname).toBe("/topics");
    await expect.poll(() => page.getByRole("link", { name: "Temas" }).first().isVisible()).toBe(true);
    expect(await page.getByText("Saltar al contenido").count()).toBe(1);
    await page.goto("/about");
    expect(await page.getAttribute("html", "lang")).toBe("es");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
  });

  it("hydrates a member's Spanish page without a mismatch, and keeps the choice as their setting", async () => {
    const page = await open("member");
    await visit(page, showcase, { name: "home", path: "/", viewer: "member" });
    await page.getByRole("button", { name: "Español" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "es");
    await visit(page, showcase, { name: "home", path: "/", viewer: "member" });
    // After hydration React owns the header: its words are still the Spanish ones the server sent.
    expect(await page.getByRole("button", { name: "Cerrar sesión" }).count()).toBeGreaterThan(0);
    await page.getByRole("link", { name: "Temas" }).first().click();
    await page.waitForURL(/\/topics$/);
    expect(await page.getAttribute("html", "lang")).toBe("es");
    await page.getByRole("button", { name: "English" }).click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
  });

  it.each(["visitor", "member"] as const)(
    "a thread page in Spanish (%s): dates in Spanish from the server and after hydration, no mismatch",
    async (viewer) => {
      const page = await open(viewer);
      await visit(page, showcase, { name: "thread", path: `${showcase.nestedThreadPath}?lang=es`, viewer });
      expect(await page.getAttribute("html", "lang")).toBe("es");
      // Every post's time: its title the whole moment in Spanish ("lunes, 15 de junio de 2026, 10:00 a.m. PDT"),
      // its text relative to the browser's clock once hydrated ("hace 3 horas", "ayer", "12 mar", "12 mar 2025").
      const times = page.locator(".post-time time, .post-meta time");
      expect(await times.count()).toBeGreaterThan(1);
      for (const time of await times.all()) {
        expect(await time.getAttribute("title")).toMatch(/^[a-záéíóú]+, \d{1,2} de [a-z]+ de \d{4}, /);
        await expect
          .poll(() => time.textContent())
          .toMatch(/^(hace un momento|hace \d+ (minutos?|horas?)|ayer|\d{1,2} [a-z]{3}\.?( \d{4})?)$/);
      }
      if (viewer === "member") {
        // The composer's language select, named in Spanish, the interface language chosen.
        const select = page.getByLabel("Idioma de esta publicación").first();
        expect(await select.inputValue()).toBe("es");
        expect(await select.locator("option[value=ko]").textContent()).toBe("Coreano");
      }
    },
  );

  it("downloads only the page's language's words", async () => {
    for (const language of ["en", "es"] as const) {
      const page = await open("visitor");
      const catalogs: string[] = [];
      page.on("request", (request) => {
        const name = /\/build\/_shared\/(en|es)-[A-Z0-9]+\.js$/.exec(request.url())?.[1];
        if (name) catalogs.push(name);
      });
      await visit(page, showcase, { name: "topics", path: `/topics?lang=${language}`, viewer: "visitor" });
      expect(catalogs, language).toEqual([language]);
    }
  });
});
