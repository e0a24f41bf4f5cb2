// Browsing and finding in Spanish (issue 18): home, topics, search, saved, notifications, about and the feeds'
// own words, and the seeded topics and focus-group prompts in the reader's language while nobody has edited
// them (docs/decisions/0039). Real HTTP against the built server, which seeds its database when it starts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember } from "../factories/members";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type RawAnswer } from "../security/support";

let server: RunningServer;
let memberCookie: string;
let prompt: { id: number; slug: string };

beforeAll(async () => {
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
  const member = await createMember();
  memberCookie = await sessionCookieFor(member.id);
  prompt = await getDb()
    .selectFrom("threads")
    .select(["id", "slug"])
    .where("kind", "=", "prompt")
    .where("title", "=", "What makes a good organizer?")
    .executeTakeFirstOrThrow();
}, 120_000);

afterAll(async () => {
  const errors = server ? errorLines(server) : [];
  await server?.stop();
  expect(errors).toEqual([]);
});

const get = (path: string, cookie?: string): Promise<RawAnswer> => httpRequest(server, path, { cookie });

/** No catalog key shown as text: "browse:...", "seed:..." or a bare "topicPage.sort.latest". */
function expectNoKeys(body: string) {
  const text = body.replace(/<script[\s\S]*?<\/script>/g, "");
  expect(text).not.toMatch(/\b(browse|seed|forms|errors|common):[a-z]/);
  expect(text).not.toMatch(
    /\b(home|topicPage|topicIndex|threadList|search|notifications|flags|saved|prompts)\.[a-z]+[A-Z.]/,
  );
}

describe("browsing in Spanish", () => {
  it("shows the home page's headings, the seeded prompts and topics in Spanish, and English unchanged", async () => {
    const es = await get("/?lang=es");
    expect(es.status).toBe(200);
    expect(es.body).toContain('<html lang="es"');
    for (const text of [
      "Preguntas guía",
      "Historias recientes",
      "Conversaciones activas",
      "Explora por tema",
      "Únete a Roundtable",
      "¿Qué hace a una buena organizadora o a un buen organizador?",
      "¿Cómo te enteras de innovaciones o ideas nuevas?",
      "La conversación sigue",
      "Construcción de comunidad y participación cívica",
      "Roundtable nació de un grupo focal",
      "<title>Roundtable · historias e intercambio entre colegas del trabajo comunitario</title>",
    ])
      expect(es.body).toContain(text);
    expect(es.body).not.toContain("What makes a good organizer?");
    expect(es.body).not.toContain("Recent stories");
    expectNoKeys(es.body);

    const en = await get("/?lang=en");
    for (const text of ["Prompts", "Recent stories", "What makes a good organizer?", "Community building &amp; civic"])
      expect(en.body).toContain(text);
    expect(en.body).not.toContain("Preguntas guía");
    expectNoKeys(en.body);
  });

  it("lists topics in Spanish, ordered by their Spanish names, and a topic page with its controls", async () => {
    const index = await get("/topics?lang=es");
    expect(index.body).toContain("<h1>Temas</h1>");
    const names = ["Asesoría financiera", "Salud", "Medio ambiente"].map((n) => index.body.indexOf(`>${n}</a>`));
    expect(names.every((at) => at > 0)).toBe(true);
    // Alphabetical in Spanish: Asesoría < Medio ambiente < Salud (in English, Environment < Financial < Health).
    expect(names[0]).toBeLessThan(names[2]!);
    expect(names[2]).toBeLessThan(names[1]!);
    expectNoKeys(index.body);

    const topic = await get("/topics/health?lang=es");
    expect(topic.status).toBe(200);
    for (const text of ["<h1>Salud</h1>", "promotoras y lo que mantiene sana a la gente", "Más recientes", "Ordenar:"])
      expect(topic.body).toContain(text);
    expect(topic.body).toContain("<title>Salud · Temas · Roundtable</title>");
    expectNoKeys(topic.body);

    // A seeded prompt in a topic's list: its title and its excerpt in Spanish.
    const organizing = await get("/topics/organizing?lang=es");
    expect(organizing.body).toContain("¿Qué hace a una buena organizadora o a un buen organizador?");
    expect(organizing.body).toContain("Piensa en la mejor persona organizadora");
    expect(organizing.body).not.toContain("Think of the best organizer");
    expect((await get("/topics/organizing?lang=en")).body).toContain("Think of the best organizer");

    // Following it: the flash message names the topic in Spanish.
    const follow = await httpRequest(server, "/topics/health/follow?lang=es", {
      method: "POST",
      cookie: memberCookie,
      form: { intent: "follow" },
    });
    expect(follow.status).toBe(302);
    const flashCookie = [follow.headers["set-cookie"] ?? []]
      .flat()
      .map((c) => c.split(";")[0])
      .join("; ");
    const followed = await get(`/topics/health?lang=es`, [memberCookie, flashCookie].join("; "));
    expect(followed.body).toContain("Ahora sigues el tema Salud.");
    expect(followed.body).toContain("Dejar de seguir Salud");

    const bad = await get("/topics/health?lang=es&sort=sideways");
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("Ordena por más recientes, con actividad o más útiles.");
  });

  it("shows a focus-group prompt's own page in Spanish, and in English the stored text", async () => {
    const es = await get(`/threads/${prompt.id}/${prompt.slug}?lang=es`);
    expect(es.status).toBe(200);
    expect(es.body).toContain("Lo que dijo el primer grupo focal");
    expect(es.body).toContain("¿Qué hace a una buena organizadora o a un buen organizador?");
    // The participant's words stay verbatim, as a quotation, with a Spanish gloss.
    expect(es.body).toContain("An individual engaged in embodying the will and spirit of their communities.");
    expect(es.body).not.toContain("What the first focus group said");
    const en = await get(`/threads/${prompt.id}/${prompt.slug}?lang=en`);
    expect(en.body).toContain("What the first focus group said");
    expect(en.body).not.toContain("Lo que dijo el primer grupo focal");
  });

  it("shows the focus group's round, its summary and its prompts in Spanish", async () => {
    const round = await getDb()
      .selectFrom("rounds")
      .select("id")
      .where("title", "=", "The first focus group")
      .executeTakeFirstOrThrow();
    const es = await get(`/rounds/${round.id}?lang=es`);
    expect(es.status).toBe(200);
    for (const text of [
      "El primer grupo focal",
      "La primera ronda de Roundtable fue un grupo focal",
      "Esa conversación es la primera ronda de este sitio.",
      "¿Cuáles son algunos de los retos que enfrentas en tu trabajo?",
    ])
      expect(es.body).toContain(text);
    expect(es.body).not.toContain("Roundtable&#x27;s first round was a focus group");
    const en = await get(`/rounds/${round.id}?lang=en`);
    expect(en.body).toContain("The first focus group");
    expect(en.body).toContain("first round was a focus group hosted by the MetaConnects team");
  });

  it("shows a topic a moderator edited as they wrote it, in every language", async () => {
    await getDb().updateTable("tags").set({ name: "Health care" }).where("slug", "=", "health").execute();
    try {
      // A member's page: never from the visitor page cache, which this direct update did not clear.
      const page = await get("/topics/health?lang=es", memberCookie);
      expect(page.body).toContain("<h1>Health care</h1>");
      // The description was not edited: still the seed's, so still in Spanish.
      expect(page.body).toContain("promotoras y lo que mantiene sana a la gente");
    } finally {
      await getDb().updateTable("tags").set({ name: "Health" }).where("slug", "=", "health").execute();
    }
  });

  it("searches in Spanish: the form, a field's error and an empty result", async () => {
    const form = await get("/search?lang=es");
    for (const text of ["<h1>Buscar</h1>", "Palabras o “una frase entre comillas”", "Cualquier tema", "Filtros"])
      expect(form.body).toContain(text);
    const badDate = await get("/search?lang=es&q=vivienda&from=ma%C3%B1ana");
    expect(badDate.status).toBe(400);
    expect(badDate.body).toContain("“Desde” debe ser una fecha como 2026-05-01.");
    const none = await get("/search?lang=es&q=zzyzxquuxx");
    expect(none.body).toContain("Sin resultados");
    expect(none.body).toContain("No encontramos nada.");
    expectNoKeys(none.body);
  });

  it("shows a member's notifications, saved and flags pages in Spanish", async () => {
    const notifications = await get("/notifications?lang=es", memberCookie);
    expect(notifications.body).toContain("<h1>Notificaciones</h1>");
    expect(notifications.body).toContain("No tienes nada sin leer.");
    const saved = await get("/saved?lang=es", memberCookie);
    expect(saved.body).toContain("<h1>Guardados</h1>");
    const flags = await get("/flags?lang=es", memberCookie);
    expect(flags.body).toContain("<h1>Tus reportes</h1>");
    for (const page of [notifications, saved, flags]) expectNoKeys(page.body);
    const english = await get("/notifications?lang=en", memberCookie);
    expect(english.body).toContain("<h1>Notifications</h1>");
  });

  it("shows the about page and the feeds' own words in Spanish", async () => {
    const about = await get("/about?lang=es");
    expect(about.body).toContain("<h1>Acerca de Roundtable</h1>");
    expect(about.body).toContain("De dónde viene Roundtable");
    expect((await get("/about?lang=en")).body).toContain("Where Roundtable came from");

    const feed = await get("/feed.atom?lang=es");
    expect(feed.status).toBe(200);
    expect(feed.body).toContain("Roundtable: nuevas historias y conversaciones");
    expect(feed.body).toContain("Cada publicación es de quien la escribió.");
    expect(feed.headers.vary).toContain("Accept-Language");
    const topicFeed = await get("/topics/health/feed.atom?lang=es");
    expect(topicFeed.body).toContain("<title>Roundtable: Salud</title>");
    expect((await get("/feed.atom?lang=en")).body).toContain("Roundtable: new stories and discussions");
  });
});
