// The three journeys of issue 6 once more in Spanish (issue 18), in Chromium with JavaScript on: a newcomer
// switches to Spanish, browses to a thread, searches, joins from a reply button, confirms their address from a
// Spanish email and replies; a practitioner writes a story in guided sections and replies to a colleague; a
// moderator hides a post three members flagged, from the queue, with a reason. Elements are found by role and
// by the Spanish names a Spanish reader hears, and axe finds no WCAG 2.1 A/AA violation on any page they land on.
// Then the screenshots of home, a thread (as a member) and the story composer in Spanish at 1280 and 390 px.
// English journeys, with and without JavaScript, are in journeys.test.ts; this file adds the language.
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { simpleParser } from "mailparser";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, getDb } from "~db/client.server";
import { languageCookieFor } from "~/lib/language.server";
import { flagPost } from "~/models/flags.server";
import { createReply } from "~/models/replies.server";
import { seedDemo } from "~/models/seed.server";
import { createThread } from "~/models/threads.server";
import { lastLinkTo, waitForEmailTo } from "../setup/outbox";
import { launchBrowser, newPage, type TestPage } from "./support/browser";
import { createMember, createSessionCookie, PASSWORD, type SessionCookie } from "./support/members";
import { REPO_ROOT, startServer, type RunningServer } from "./support/server";

const PHONE_TREE = "How a paper phone tree held our building together through an 11-week rent strike";
const SPAM_THREAD = "¿Dónde encuentran voluntarios para llamar por teléfono?";
const SPAM_TEXT = "Consigue 10,000 voluntarios hoy mismo en listas-baratas.example";
const JOURNEY_TIMEOUT = 240_000;
const WCAG_21_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
// A catalog key shown instead of its words ("threads:threadPage.reply", "composer.title").
const KEY_NAME =
  /\b(account|browse|common|composer|directory|email|errors|facilitate|forms|languages|mail|moderation|rounds|seed|settings|shelf|threads):[a-zA-Z]+(\.[a-zA-Z]+)*\b|\b[a-z]+[A-Z][a-zA-Z]*\.[a-z]+[A-Z]?[a-zA-Z]*\b/;

let server: RunningServer;
let browser: Browser;
let phoneTreePath: string;
let spamThreadPath: string;
/** The `lang` cookie the language switch sets for Spanish, for members who chose Spanish before today. */
let spanishCookie: SessionCookie;
let memberSession: SessionCookie;

beforeAll(async () => {
  const browserLaunch = launchBrowser();
  const db = getDb();
  await seedDemo(db);
  const phoneTree = await db
    .selectFrom("threads")
    .select(["id", "slug"])
    .where("title", "=", PHONE_TREE)
    .executeTakeFirstOrThrow();
  phoneTreePath = `/threads/${phoneTree.id}/${phoneTree.slug}`;
  await createMember({ handle: "mira_mod", displayName: "Mira Okonjo", role: "moderator" });
  await createMember({ handle: "pat_es", displayName: "Pat Quiroga" });
  const host = await createMember({ handle: "lena_host", displayName: "Lena Host" });
  const spammer = await createMember({ handle: "sam_vende", displayName: "Sam Vende" });
  const spamThread = await createThread({
    authorId: host.id,
    kind: "discussion",
    title: SPAM_THREAD,
    bodySource: "Nuestra lista ya está cansada. ¿Dónde han encontrado gente nueva que quiera hacer llamadas?",
    tagSlugs: ["organizing"],
  });
  spamThreadPath = `/threads/${spamThread.id}/${spamThread.slug}`;
  const spam = await createReply({
    threadId: spamThread.id,
    parentId: null,
    authorId: spammer.id,
    bodySource: SPAM_TEXT,
  });
  if (!spam.ok) throw new Error(spam.message);
  // Three members flag it (flagging in the browser is journeys.test.ts's): the third flag hides it pending review.
  for (const handle of ["ana_flag", "ben_flag", "cy_flag"]) {
    const flagger = await createMember({ handle, displayName: handle });
    const flagged = await flagPost({
      postId: spam.postId,
      memberId: flagger.id,
      reason: "spam",
      note: "Vende listas.",
    });
    if (!flagged.ok) throw new Error(flagged.message);
  }
  const marisol = await db
    .selectFrom("members")
    .select("id")
    .where("handle", "=", "marisol_vega")
    .executeTakeFirstOrThrow();
  memberSession = await createSessionCookie(marisol.id);
  await closeDatabase();
  const cookie = (await languageCookieFor("es")).split(";")[0] ?? "";
  spanishCookie = { name: cookie.slice(0, cookie.indexOf("=")), value: cookie.slice(cookie.indexOf("=") + 1) };
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
  // A hydration mismatch (the browser rendering other words than the server sent) is a console error.
  expect(errors, "page errors or console errors in the browser").toEqual([]);
});

async function open({ spanish = false, width = 1280 }: { spanish?: boolean; width?: number } = {}): Promise<Page> {
  const tab = await newPage(browser, { baseURL: server.url, width, height: 900 });
  tabs.push(tab);
  if (spanish) await tab.context.addCookies([{ ...spanishCookie, url: server.url }]);
  return tab.page;
}

/**
 * Where a journey lands: the page is in Spanish (<html lang>, no catalog key names in its text), and axe finds
 * no WCAG 2.1 A or AA violation on it.
 */
async function checkPage(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  await page.waitForFunction(() => "__remixRouter" in window);
  const where = new URL(page.url()).pathname;
  expect(await page.getAttribute("html", "lang"), where).toBe("es");
  const text = await page.locator("body").innerText();
  expect(KEY_NAME.exec(text)?.[0] ?? null, `a catalog key on ${where}`).toBeNull();
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_A_AA).analyze();
  const violations = results.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(" ")}\n  ${n.failureSummary ?? ""}`),
  );
  expect(violations, `axe on ${where}`).toEqual([]);
}

/** Logs in through the Spanish form, as a person would, and waits to leave the login page. */
async function logInEs(page: Page, handle: string): Promise<void> {
  await page.goto("/login");
  await checkPage(page);
  await page.getByLabel("Nombre de usuario o correo", { exact: true }).fill(handle);
  await page.getByLabel("Contraseña", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Iniciar sesión", exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}

const jaylenIn = (page: Page): Locator =>
  page.getByRole("article", { name: /^Jaylen Carter en respuesta a Marisol Vega\W+nivel 1$/ });

describe("the journeys in Spanish, with JavaScript", () => {
  it(
    "a newcomer switches to Spanish, browses to a thread, searches, joins from a reply button, confirms from a Spanish email and replies",
    async () => {
      const page = await open();
      await page.goto("/");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await page.getByRole("contentinfo").getByRole("button", { name: "Español" }).click();
      await page.waitForFunction(() => document.documentElement.lang === "es");
      await page
        .getByRole("region", { name: "Bienvenida" })
        .getByRole("link", { name: "Únete a Roundtable" })
        .waitFor();
      await checkPage(page);

      await page
        .getByRole("navigation", { name: "Principal" })
        .getByRole("link", { name: "Temas", exact: true })
        .click();
      await page.getByRole("heading", { level: 1, name: "Temas" }).waitFor();
      await checkPage(page);
      await page.getByRole("main").getByRole("link", { name: "Organización comunitaria", exact: true }).first().click();
      await page.getByRole("heading", { level: 1, name: "Organización comunitaria" }).waitFor();
      await checkPage(page);
      await page.getByRole("link", { name: PHONE_TREE, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: PHONE_TREE }).waitFor();
      expect(new URL(page.url()).pathname).toBe(phoneTreePath);
      await page.getByText("Historia del trabajo de campo", { exact: true }).waitFor();
      await page.getByRole("region", { name: /^\d+ respuestas$/ }).waitFor();
      await checkPage(page);

      // The header's search box.
      const search = page.getByRole("searchbox", { name: "Buscar en Roundtable" });
      await search.fill("phone tree");
      await search.press("Enter");
      await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === "phone tree");
      await checkPage(page);
      await page.getByRole("main").getByRole("link", { name: PHONE_TREE, exact: true }).first().click();
      await page.waitForURL((url) => url.pathname === phoneTreePath);

      // A visitor's Responder leads to log in, then to join (its form in Spanish), and on to the reply form.
      const replyForm = /^\/posts\/\d+\/reply$/;
      await jaylenIn(page).getByRole("link", { name: "Responder", exact: true }).click();
      await page.waitForURL(
        (url) => url.pathname === "/login" && replyForm.test(url.searchParams.get("redirectTo") ?? ""),
      );
      await page.getByRole("heading", { level: 1, name: "Iniciar sesión" }).waitFor();
      await checkPage(page);
      await page.getByRole("main").getByRole("link", { name: "Únete a Roundtable" }).click();
      await page.waitForURL(
        (url) => url.pathname === "/join" && replyForm.test(url.searchParams.get("redirectTo") ?? ""),
      );
      await page.getByRole("heading", { level: 1, name: "Únete a Roundtable" }).waitFor();
      await checkPage(page);
      const handle = "nia_es";
      const name = "Nia Baptiste";
      const email = `${handle}@example.org`;
      await page.getByLabel("Nombre de usuario", { exact: true }).fill(handle);
      await page.getByLabel("Tu nombre", { exact: true }).fill(name);
      await page.getByLabel("Correo electrónico", { exact: true }).fill(email);
      await page.getByLabel("Contraseña", { exact: true }).fill(PASSWORD);
      await page.getByRole("checkbox", { name: "Leí las reglas de la comunidad" }).check();
      await page.getByRole("button", { name: "Únete", exact: true }).click();
      await page.waitForURL((url) => replyForm.test(url.pathname));
      await page.getByRole("navigation", { name: "Cuenta" }).getByRole("link", { name }).waitFor();

      // A member now, not yet confirmed: the banner says so, and a reply is refused with the text kept.
      const banner = page.getByRole("region", { name: "Confirma tu correo electrónico" });
      await banner.getByText(`Te enviamos un enlace a ${email}.`).waitFor();
      await page.getByRole("heading", { level: 1, name: "Responder a Jaylen Carter" }).waitFor();
      await checkPage(page);
      const replyPath = new URL(page.url()).pathname;
      const words = "Dejamos que los chicos se nominaran en secreto, y luego les preguntamos a quienes salieron.";
      const textbox = page.getByRole("textbox", { name: "Tu respuesta", exact: true });
      await textbox.fill(words);
      await page.getByRole("button", { name: "Publicar respuesta" }).click();
      await page.getByText(`Confirma tu correo para publicar. Te enviamos un enlace a ${email}`).waitFor();
      expect(await textbox.inputValue()).toBe(words);
      await checkPage(page);

      // The email went out in the language the newcomer joined in.
      const [mail] = await waitForEmailTo(email, 1, server.outboxDir);
      const parsed = await simpleParser(readFileSync(mail!.file));
      expect(parsed.subject).toBe("Confirma tu correo electrónico para Roundtable");
      expect(parsed.text).toContain("Te damos la bienvenida a Roundtable. Para empezar a publicar como @nia_es");
      expect(parsed.text).toContain("El enlace sirve por 24 horas.");
      expect(parsed.text).not.toMatch(/\b(Welcome|confirm|the link)\b/i);
      expect(parsed.html || "").toContain('lang="es"');

      await page.goto(lastLinkTo(email, "/verify-email/", server.outboxDir));
      await checkPage(page);
      await page.getByRole("button", { name: "Confirmar mi correo" }).click();
      await page.getByRole("heading", { level: 1, name: "Tu correo electrónico está confirmado" }).waitFor();
      await checkPage(page);
      await page.goto(replyPath);
      expect(await banner.count()).toBe(0);

      await page.getByRole("textbox", { name: "Tu respuesta", exact: true }).fill(words);
      await page.getByRole("button", { name: "Publicar respuesta" }).click();
      await page.waitForURL((url) => url.pathname === phoneTreePath && /^#post-\d+$/.test(url.hash));
      const mine = page.getByRole("article", { name: new RegExp(`^${name} en respuesta a Jaylen Carter\\W+nivel 2$`) });
      await mine.getByText(words).waitFor();
      expect(await mine.getAttribute("id")).toBe(new URL(page.url()).hash.slice(1));
      await checkPage(page);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "a practitioner writes a story in guided sections, publishes it and replies to a colleague",
    async () => {
      const page = await open({ spanish: true });
      await logInEs(page, "pat_es");
      await page.getByRole("navigation", { name: "Cuenta" }).getByRole("link", { name: "Pat Quiroga" }).waitFor();
      await checkPage(page);

      await page.goto("/topics/organizing");
      await page.getByRole("main").getByRole("link", { name: "Comparte una historia", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: /^Comparte una historia/ }).waitFor();
      expect(await page.getByRole("checkbox", { name: "Organización comunitaria", exact: true }).isChecked()).toBe(
        true,
      );
      await checkPage(page);
      const sections: Array<[string, string]> = [
        ["Contexto", "Un edificio de 60 unidades donde la mitad de las familias trabaja de noche."],
        ["Lo que hicimos", "Buscamos **capitanas de piso** en el turno de noche."],
        ["Lo que pasó", "Todas las familias se enteraron de la audiencia a tiempo."],
        ["Lo que aprendimos", "Quienes trabajan de noche son las mejores capitanas: de todos modos están despiertas."],
        ["Consejos para otras personas", "Pregunta a quién llama ya la gente."],
      ];
      const title = "Capitanas de piso del turno de noche mantuvieron informado al edificio";
      await page.getByRole("textbox", { name: "Título", exact: true }).fill(title);
      for (const [label, text] of sections) await page.getByLabel(label, { exact: true }).fill(text);
      await page.getByRole("checkbox", { name: "Salud", exact: true }).check();
      await page.getByRole("button", { name: "Vista previa", exact: true }).click();
      const preview = page.getByRole("region", { name: "Vista previa" });
      await preview.getByRole("heading", { name: "Lo que aprendimos" }).waitFor();
      expect(await preview.locator("strong").allTextContents()).toEqual(["capitanas de piso"]);
      await checkPage(page);

      await page.getByRole("button", { name: "Publicar historia" }).click();
      await page.getByRole("heading", { level: 1, name: title }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/threads\/\d+\/capitanas-de-piso/);
      await page.getByText("Historia del trabajo de campo", { exact: true }).waitFor();
      // The section headings are the story's, written in the writer's language.
      const opening = page.getByRole("article").first();
      for (const [label] of sections) await opening.getByRole("heading", { name: label, exact: true }).waitFor();
      const topics = page.getByRole("list", { name: "Temas" }).first();
      expect((await topics.getByRole("link").allTextContents()).sort()).toEqual(["Organización comunitaria", "Salud"]);
      await checkPage(page);

      // Reply to a colleague's reply, in place under it.
      await page.goto(phoneTreePath);
      const jaylen = jaylenIn(page);
      await jaylen.getByRole("link", { name: "Responder", exact: true }).click();
      const composer = page.getByRole("form", { name: "Responder a Jaylen Carter" });
      const words = "Nosotras elegimos a quien la gente ya llamaba cuando había un problema.";
      await composer.getByRole("textbox", { name: "Tu respuesta", exact: true }).fill(words);
      await checkPage(page);
      await composer.getByRole("button", { name: "Publicar respuesta" }).click();
      await page.waitForURL((url) => url.pathname === phoneTreePath && /^#post-\d+$/.test(url.hash));
      const mine = page.getByRole("article", { name: /^Pat Quiroga en respuesta a Jaylen Carter\W+nivel 2$/ });
      await mine.getByText(words).waitFor();
      await checkPage(page);
    },
    JOURNEY_TIMEOUT,
  );

  it(
    "a moderator hides a post three members flagged, from the queue, with a reason; readers see it hidden",
    async () => {
      const mod = await open({ spanish: true });
      await logInEs(mod, "mira_mod");
      await mod.getByRole("navigation", { name: "Principal" }).getByRole("link", { name: "Moderación" }).click();
      await mod.waitForURL((url) => url.pathname === "/mod");
      await mod.getByRole("heading", { level: 1, name: "Moderación" }).waitFor();
      await checkPage(mod);
      await mod.goto("/mod/flags");
      await mod.getByRole("heading", { level: 1, name: "Publicaciones reportadas" }).waitFor();
      await checkPage(mod);

      const entry = mod.getByRole("article").filter({ hasText: SPAM_TEXT });
      await entry.getByRole("heading", { name: `Respuesta en ${SPAM_THREAD}` }).waitFor();
      await entry.getByRole("heading", { name: "3 reportes" }).waitFor();
      await entry.getByText(/^Oculta ahora: Reportada por varias personas/).waitFor();
      await entry.locator("summary", { hasText: /^Ocultar$/ }).click();
      await entry.getByLabel("Motivo", { exact: true }).first().selectOption({ label: "Spam" });
      await entry
        .getByLabel("Nota para quien la publicó", { exact: true })
        .first()
        .fill("Anuncia un servicio de listas pagadas.");
      await checkPage(mod);
      await entry.getByRole("button", { name: "Ocultar la publicación" }).click();
      await mod.getByRole("status").filter({ hasText: /\S/ }).first().waitFor();
      await expect.poll(() => mod.getByRole("article").filter({ hasText: SPAM_TEXT }).count()).toBe(0);
      await checkPage(mod);

      // The log names the step and its reason in Spanish.
      await mod.goto("/mod/log");
      const row = mod.getByRole("table").getByRole("row").filter({ hasText: "Anuncia un servicio de listas pagadas." });
      expect(await row.count()).toBe(1);
      expect(await row.getByRole("cell").allTextContents()).toEqual(
        expect.arrayContaining([expect.stringContaining("@mira_mod")]),
      );
      await checkPage(mod);

      // A visitor reading in Spanish sees that the reply was hidden, not the reply.
      const visitor = await open({ spanish: true });
      await visitor.goto(spamThreadPath);
      await visitor.getByText("El equipo de moderación ocultó esta respuesta.").waitFor();
      expect(await visitor.getByText(SPAM_TEXT).count()).toBe(0);
      await checkPage(visitor);
    },
    JOURNEY_TIMEOUT,
  );
});

// Spanish words run longer than English: the pages issue 18 names, photographed at both widths into the
// git-ignored tests/e2e/screenshots/ (with an -es suffix; screenshots.test.ts empties the folder when it runs),
// and none may scroll sideways on a phone.
const SCREENSHOT_DIR = join(REPO_ROOT, "tests", "e2e", "screenshots");

describe("screenshots in Spanish at 1280 and 390 px; nothing scrolls sideways", () => {
  it.each([
    ["home", "/", false],
    ["thread-member", () => phoneTreePath, true],
    ["story-composer", "/stories/new", true],
  ] as const)(
    "%s",
    async (name, path, asMember) => {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const page = await open({ spanish: true });
      if (asMember) await page.context().addCookies([{ ...memberSession, url: server.url }]);
      await page.goto(typeof path === "string" ? path : path());
      await page.waitForFunction(() => "__remixRouter" in window);
      await page.evaluate(() => document.fonts.ready);
      expect(await page.getAttribute("html", "lang")).toBe("es");
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({
          path: join(SCREENSHOT_DIR, `${name}-${width}-es.png`),
          fullPage: true,
          animations: "disabled",
        });
        const overflow = await page.evaluate(() => {
          const width = document.documentElement.clientWidth;
          const sticksOut = (el: Element | null) => el !== null && el.getBoundingClientRect().right > width + 0.5;
          const wide = [...document.querySelectorAll("body *")].filter(
            (el) => sticksOut(el) && !sticksOut(el.parentElement),
          );
          return {
            scrollWidth: document.documentElement.scrollWidth,
            wide: wide.slice(0, 5).map((el) => `${el.tagName.toLowerCase()}.${String(el.className)}`),
          };
        });
        expect(
          overflow.scrollWidth,
          `at ${width} px ${name} scrolls sideways: ${overflow.wide.join(", ")}`,
        ).toBeLessThanOrEqual(width);
      }
    },
    60_000,
  );
});
