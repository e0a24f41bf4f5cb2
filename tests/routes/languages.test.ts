// Roundtable in English and Spanish (issue 18): which language a page is in (the address's ?lang=, the member's
// setting, the visitor's cookie from the footer switch, Accept-Language), <html lang>, hreflang alternates, the
// visitor page cache keyed by language, and no catalog key shown as text. Real HTTP against the built server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { SERVER_CATALOGS as resources } from "~/lib/catalogs.server";
import { LANGUAGES, NAMESPACES } from "~/lib/i18n";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember } from "../factories/members";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type RawAnswer } from "../security/support";

let server: RunningServer;
let memberId: number;
let memberCookie: string;
let spanishCookie: string;
let englishCookie: string;

const SPANISH = "es-MX,es;q=0.9,en;q=0.5";
const ENGLISH = "en-US,en;q=0.9";

beforeAll(async () => {
  const member = await createMember();
  memberId = member.id;
  memberCookie = await sessionCookieFor(member.id);
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
  spanishCookie = await switchTo("es");
  englishCookie = await switchTo("en");
}, 120_000);

afterAll(async () => {
  const errors = server ? errorLines(server) : [];
  await server?.stop();
  expect(errors).toEqual([]);
});

/** Posts the footer's language switch as a visitor and gives back the cookie it set. */
async function switchTo(language: string): Promise<string> {
  const answer = await httpRequest(server, "/language", { method: "POST", form: { language, redirectTo: "/" } });
  expect(answer.status).toBe(302);
  const setCookie = [answer.headers["set-cookie"] ?? []].flat().find((c) => c.startsWith("lang="));
  expect(setCookie).toBeDefined();
  return setCookie!.split(";")[0]!;
}

function get(path: string, headers: { language?: string; cookie?: string } = {}): Promise<RawAnswer> {
  return httpRequest(server, path, {
    cookie: headers.cookie,
    headers: headers.language ? { "Accept-Language": headers.language } : {},
  });
}

const htmlLang = (answer: RawAnswer) => /<html lang="([^"]*)"/.exec(answer.body)?.[1];
const setMemberLanguage = (language: string | null) =>
  getDb().updateTable("members").set({ language }).where("id", "=", memberId).execute();

describe("the page's language", () => {
  it("is English by default, in <html lang> and in the chrome", async () => {
    const answer = await get("/topics");
    expect(answer.status).toBe(200);
    expect(htmlLang(answer)).toBe("en");
    expect(answer.body).toContain("Skip to content");
    expect(answer.body).toContain("Search stories and discussions");
  });

  it("follows Accept-Language when nothing else names one", async () => {
    const answer = await get("/topics", { language: SPANISH });
    expect(htmlLang(answer)).toBe("es");
    expect(answer.body).toContain("Saltar al contenido");
    expect(answer.body).toContain("Buscar historias y conversaciones");
    expect(htmlLang(await get("/topics", { language: "fr-CA,fr;q=0.9" }))).toBe("en");
    expect(htmlLang(await get("/topics", { language: "*" }))).toBe("en");
  });

  it("follows the visitor's cookie before Accept-Language", async () => {
    expect(htmlLang(await get("/topics", { language: ENGLISH, cookie: spanishCookie }))).toBe("es");
    expect(htmlLang(await get("/topics", { language: SPANISH, cookie: englishCookie }))).toBe("en");
  });

  it("follows the member's setting before the cookie and Accept-Language", async () => {
    await setMemberLanguage("es");
    const cookie = `${memberCookie}; ${englishCookie}`;
    const answer = await get("/topics", { language: ENGLISH, cookie });
    expect(htmlLang(answer)).toBe("es");
    expect(answer.body).toContain("Cerrar sesión");
    await setMemberLanguage(null);
    expect(htmlLang(await get("/topics", { language: SPANISH, cookie }))).toBe("en");
    expect(htmlLang(await get("/topics", { language: SPANISH, cookie: memberCookie }))).toBe("es");
  });

  it("follows ?lang= on the address before everything else, and ignores a language we don't have", async () => {
    await setMemberLanguage("es");
    expect(htmlLang(await get("/topics?lang=en", { cookie: memberCookie, language: SPANISH }))).toBe("en");
    await setMemberLanguage(null);
    expect(htmlLang(await get("/rounds?lang=es", { language: ENGLISH }))).toBe("es");
    expect(htmlLang(await get("/rounds?lang=xx", { language: ENGLISH }))).toBe("en");
  });

  it("shrugs off a malformed cookie or header: English, no error", async () => {
    for (const [cookie, language] of [
      ["lang=not-base64!!", "en;q=abc,,;"],
      ["lang=ImZyIg%3D%3D", "zz-ZZ"],
    ]) {
      const answer = await get("/rounds", { cookie, language });
      expect(answer.status).toBe(200);
      expect(htmlLang(answer)).toBe("en");
    }
  });
});

describe("hreflang alternates", () => {
  it("name each language's version of the page (?lang=) and the negotiated address as x-default", async () => {
    const answer = await get("/rounds?x=1&lang=es");
    const alternates = Object.fromEntries(
      [...answer.body.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/gi)].map((m) => [
        m[1],
        m[2]!.replaceAll("&amp;", "&"),
      ]),
    );
    expect(alternates).toEqual({
      en: `${server.url}/rounds?lang=en&x=1`,
      es: `${server.url}/rounds?lang=es&x=1`,
      "x-default": `${server.url}/rounds?x=1`,
    });
  });

  it("are left off error pages, which are no version of anything", async () => {
    const answer = await get("/no/such/page?lang=es");
    expect(answer.status).toBe(404);
    expect(answer.body).not.toMatch(/hreflang/i);
  });
});

describe("the footer's language switch", () => {
  it("keeps a visitor's choice in a cookie and goes back to the page, without ?lang= and never off the site", async () => {
    const back = await httpRequest(server, "/language", {
      method: "POST",
      form: { language: "es", redirectTo: "/topics?lang=en&x=1" },
    });
    expect(back.status).toBe(302);
    expect(back.headers.location).toBe("/topics?x=1");
    for (const redirectTo of ["//evil.example/", "https://evil.example/", "/\\evil.example"]) {
      const answer = await httpRequest(server, "/language", { method: "POST", form: { language: "es", redirectTo } });
      expect(answer.headers.location, redirectTo).toBe("/");
      const inAddress = `/language?redirectTo=${encodeURIComponent(redirectTo)}`;
      const viaAddress = await httpRequest(server, inAddress, { method: "POST", form: { language: "es" } });
      expect(viaAddress.headers.location, inAddress).toBe("/");
    }
    const footer = await httpRequest(server, "/language?redirectTo=%2Fabout%3Flang%3Den", {
      method: "POST",
      form: { language: "es" },
    });
    expect(footer.headers.location).toBe("/about");
    const unknown = await httpRequest(server, "/language", { method: "POST", form: { language: "xx" } });
    expect(unknown.status).toBe(302);
    expect(unknown.headers["set-cookie"]).toBeUndefined();
  });

  it("is a no-JS form in the footer, naming each language in itself", async () => {
    const answer = await get("/about", { language: SPANISH });
    expect(answer.body).toMatch(/<form method="post" action="\/language\?redirectTo=%2Fabout"[^>]*aria-label="Idioma"/);
    expect(answer.body).toMatch(/<button type="submit" name="language" value="en" lang="en"[^>]*>English<\/button>/);
    expect(answer.body).toContain('<strong lang="es" aria-current="true">Español</strong>');
  });

  it("keeps a member's choice as their setting, so it follows them to another browser", async () => {
    await setMemberLanguage(null);
    const answer = await httpRequest(server, "/language", {
      method: "POST",
      cookie: memberCookie,
      form: { language: "es", redirectTo: "/topics" },
    });
    expect(answer.status).toBe(302);
    const row = await getDb().selectFrom("members").select("language").where("id", "=", memberId).executeTakeFirst();
    expect(row?.language).toBe("es");
    expect(htmlLang(await get("/topics", { cookie: memberCookie, language: ENGLISH }))).toBe("es");
    await setMemberLanguage(null);
  });
});

describe("the visitor page cache", () => {
  it("keeps one page per language at an address: each visitor gets their own language from it", async () => {
    const first = [await get("/about", { language: SPANISH }), await get("/about", { language: ENGLISH })];
    expect(first.map((a) => a.headers["x-page-cache"])).toEqual(["miss", "miss"]);
    expect(first.map(htmlLang)).toEqual(["es", "en"]);

    const spanish = await get("/about", { language: SPANISH });
    const english = await get("/about", { language: ENGLISH });
    const byCookie = await get("/about", { cookie: spanishCookie, language: ENGLISH });
    for (const answer of [spanish, english, byCookie]) expect(answer.headers["x-page-cache"]).toBe("hit");
    expect([spanish, english, byCookie].map(htmlLang)).toEqual(["es", "en", "es"]);
    expect(spanish.body).toContain("Saltar al contenido");
    expect(english.body).toContain("Skip to content");
    expect(english.body).not.toContain("Saltar al contenido");
    expect(spanish.headers.vary).toContain("Accept-Language");
  });

  it("caches ?lang= versions under their own address, and drops a ?lang= we don't have", async () => {
    const pinned = await get("/about?lang=es", { language: ENGLISH });
    expect(pinned.status).toBe(200);
    expect(htmlLang(pinned)).toBe("es");
    expect((await get("/about?lang=es", { language: ENGLISH })).headers["x-page-cache"]).toBe("hit");
    const junk = await get("/about?lang=xx");
    expect(junk.status).toBe(301);
    expect(junk.headers.location).toBe("/about");
  });
});

// Every catalog key, as a dotted path ("header.menu"): none may reach a page as text.
const KEYS = [
  ...new Set(
    LANGUAGES.flatMap((language) => NAMESPACES.flatMap((ns) => keysOf(resources[language][ns] as object))).map((k) =>
      k.replace(/_(zero|one|two|few|many|other)$/, ""),
    ),
  ),
];

function keysOf(catalog: object, prefix = ""): string[] {
  return Object.entries(catalog).flatMap(([key, value]) =>
    typeof value === "string" ? [`${prefix}${key}`] : keysOf(value as object, `${prefix}${key}.`),
  );
}

describe("no key names on pages", () => {
  it.each(LANGUAGES.map((l) => [l]))("the chrome, error pages and a member's header in %s", async (language) => {
    await setMemberLanguage(null);
    const pages = [
      await get(`/?lang=${language}`),
      await get(`/topics?lang=${language}`),
      await get(`/no/such/page?lang=${language}`),
      await get(`/rounds?lang=${language}`, { cookie: memberCookie }),
    ];
    expect(pages.map((p) => p.status)).toEqual([200, 200, 404, 200]);
    for (const page of pages) {
      expect(htmlLang(page)).toBe(language);
      // Dotted keys ("header.menu", "status.404.title") and the top-level ones that are not also real words.
      const shown = KEYS.filter((key) => key.includes(".") && page.body.includes(key));
      expect(shown).toEqual([]);
      for (const key of ["skipLink", "siteName", "documentTitle", "whereNext", "pageDoesNotExist"])
        expect(page.body, key).not.toContain(key);
    }
    const notFound = pages[2]!;
    const title = /<title>([^<]*)<\/title>/.exec(notFound.body)?.[1];
    expect(title).toBe(language === "es" ? "Página no encontrada · Roundtable" : "Page not found · Roundtable");
    expect(notFound.body).toContain(language === "es" ? "No encontramos esa página" : "We couldn&#x27;t find");
  });
});
