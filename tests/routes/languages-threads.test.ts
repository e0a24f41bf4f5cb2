// Reading and writing threads in English and Spanish (issue 18): the thread page, its reply cards (rendered once
// and cached: each language gets its own cards), the composers and the refusals a writer reads. Real HTTP
// against the built server; a member's language is their setting, a visitor's ?lang=.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { inLanguage } from "~/lib/request-language.server";
import { tr } from "~/lib/translate";
import { tooLargeMessage } from "~/lib/upload-limits";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type RawAnswer } from "../security/support";

let server: RunningServer;
let threadPath: string;
let threadId: number;
let replyId: number;
let spanishCookie: string;
let englishCookie: string;

/** Words of the catalogs' own structure that would mean a key was shown instead of its text. */
const KEY_NAMES = /threads:|composer:|threadPage\.|postCard\.|replyComposer\.|threadComposer\.|attachment\.|flagPage\./;

beforeAll(async () => {
  const author = await createMember();
  const spanish = await createMember();
  const english = await createMember();
  await getDb().updateTable("members").set({ language: "es" }).where("id", "=", spanish.id).execute();
  await getDb().updateTable("members").set({ language: "en" }).where("id", "=", english.id).execute();
  spanishCookie = await sessionCookieFor(spanish.id);
  englishCookie = await sessionCookieFor(english.id);
  const thread = await createTestThread({ authorId: author.id, title: "Door knocking in two languages" });
  threadId = thread.id;
  const opening = await openingPostId(thread.id);
  replyId = await createTestReply({ threadId: thread.id, parentId: opening, authorId: author.id, body: "First." });
  await createTestReply({ threadId: thread.id, parentId: replyId, authorId: author.id, body: "Second." });
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
  const found = await httpRequest(server, `/threads/${thread.id}`);
  threadPath = found.headers.location!;
  expect(threadPath).toMatch(/^\/threads\/\d+\/door-knocking/);
}, 120_000);

afterAll(async () => {
  const errors = server ? errorLines(server) : [];
  await server?.stop();
  expect(errors).toEqual([]);
});

const get = (path: string, cookie?: string) => httpRequest(server, path, { cookie });
const htmlLang = (answer: RawAnswer) => /<html lang="([^"]*)"/.exec(answer.body)?.[1];
/** The page's text without its tags, entities decoded the way these pages use them. */
const text = (answer: RawAnswer) =>
  answer.body
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");

describe("a thread page", () => {
  it("is in Spanish for a visitor who asks for it, and unchanged in English", async () => {
    const spanish = await get(`${threadPath}?lang=es`);
    expect(spanish.status).toBe(200);
    expect(htmlLang(spanish)).toBe("es");
    const words = text(spanish);
    expect(words).toContain("Conversación"); // the kind above the title
    expect(words).toContain("2 respuestas");
    expect(words).toContain("Inicia sesión o únete para responder.");
    expect(words).toContain("Responder");
    expect(words).toContain("1 respuesta"); // the branch's fold
    expect(words).toContain("Feed de respuestas (Atom)");
    expect(spanish.body).toContain('title="Respuestas en esta conversación"');
    expect(words).not.toMatch(KEY_NAMES);

    const english = await get(threadPath);
    expect(htmlLang(english)).toBe("en");
    const englishWords = text(english);
    expect(englishWords).toContain("2 replies");
    expect(englishWords).toContain("Log in or join to reply.");
    expect(englishWords).not.toContain("Responder");
    expect(englishWords).not.toMatch(KEY_NAMES);
  });

  it("gives a Spanish and an English member of the same thread each their own words on the cached reply cards", async () => {
    // The same controls for both (neither wrote the replies), so only the language tells their cards apart.
    for (const round of [1, 2]) {
      const spanish = text(await get(threadPath, spanishCookie));
      expect(spanish, `round ${round}`).toContain("Útil");
      expect(spanish).toContain("Reportar");
      expect(spanish).toContain("Citar");
      expect(spanish).toContain("Guardar");
      expect(spanish).not.toMatch(/\bHelpful\b|\bFlag\b|\bQuote\b/);
      expect(spanish).not.toMatch(KEY_NAMES);

      const english = text(await get(threadPath, englishCookie));
      expect(english, `round ${round}`).toContain("Helpful");
      expect(english).toContain("Flag");
      expect(english).toContain("Quote");
      expect(english).not.toMatch(/Útil|Reportar|Citar/);
    }
  });

  it("answers a missing thread in the reader's language", async () => {
    const answer = await get(`/threads/999999/nothing?lang=es`);
    expect(answer.status).toBe(404);
    expect(text(answer)).not.toContain("There is no such discussion");
  });
});

describe("writing", () => {
  it("shows the discussion composer in Spanish, with a field's error in Spanish", async () => {
    const page = await get("/threads/new", spanishCookie);
    expect(page.status).toBe(200);
    const words = text(page);
    for (const phrase of ["Inicia una conversación", "Título", "Temas", "Vista previa", "Guardar borrador"])
      expect(words).toContain(phrase);
    expect(words).toContain("Agrega una foto o un PDF");
    expect(words).toContain("Las reglas de la comunidad");
    expect(page.body).toContain("<title>Inicia una conversación · Roundtable</title>");
    expect(words).not.toMatch(KEY_NAMES);

    const refused = await httpRequest(server, "/threads/new", {
      method: "POST",
      cookie: spanishCookie,
      form: {
        intent: "publish",
        title: "Hola a todo el equipo",
        bodySource: "Texto de prueba.",
        tagSlugs: "no-such-topic",
      },
    });
    expect(refused.status).toBe(400);
    expect(text(refused)).toContain("No hay ningún tema llamado “no-such-topic”. Elige uno de la lista.");
  });

  it("shows the story composer's sections in Spanish and publishes their headings in the writer's language", async () => {
    const page = text(await get("/stories/new", spanishCookie));
    for (const phrase of ["Comparte una historia de tu trabajo", "Tu historia", "Contexto", "Lo que aprendimos"])
      expect(page).toContain(phrase);
    const published = await httpRequest(server, "/stories/new", {
      method: "POST",
      cookie: spanishCookie,
      form: {
        intent: "publish",
        title: "Una historia de la cuadra",
        "story-context": "En una junta de inquilinos.",
        "story-learned": "Que hay que llegar temprano.",
        tagSlugs: "organizing",
      },
    });
    expect(published.status).toBe(302);
    const story = text(await get(published.headers.location!, spanishCookie));
    expect(story).toContain("Contexto En una junta de inquilinos.");
    expect(story).toContain("Lo que aprendimos Que hay que llegar temprano.");
  });

  it("refuses a flag without a reason in Spanish, with the reasons in Spanish", async () => {
    const form = await get(`/posts/${replyId}/flag`, spanishCookie);
    expect(form.status).toBe(200);
    const words = text(form);
    expect(words).toContain("Reportar esta respuesta al equipo de moderación");
    expect(words).toContain("Spam o publicidad");
    expect(words).not.toMatch(KEY_NAMES);
    const refused = await httpRequest(server, `/posts/${replyId}/flag`, {
      method: "POST",
      cookie: spanishCookie,
      form: { note: "" },
    });
    expect(refused.status).toBe(400);
    expect(text(refused)).toContain("Elige qué problema tiene esta publicación.");
  });

  it("says a reply to a locked discussion is refused in Spanish", async () => {
    await getDb().updateTable("threads").set({ locked_at: Date.now() }).where("id", "=", threadId).execute();
    try {
      const page = text(await get(`/posts/${replyId}/reply`, spanishCookie));
      expect(page).toContain("Esta conversación está cerrada y no acepta respuestas nuevas.");
    } finally {
      await getDb().updateTable("threads").set({ locked_at: null }).where("id", "=", threadId).execute();
    }
  });
});

describe("messages made outside components", () => {
  it("are worded in the language of the work in progress", () => {
    expect(inLanguage(() => tooLargeMessage("document"), "es")).toBe(
      "Ese archivo pesa más de 20 MB. Envía un PDF más pequeño, por favor.",
    );
    expect(inLanguage(() => tooLargeMessage("document"), "en")).toBe(
      "That file is larger than 20 MB. Please send a smaller PDF.",
    );
    expect(inLanguage(() => tr("composer:throttle.preview", { count: 4, window: 10, wait: "x" }), "es")).toMatch(
      /^Usaste la vista previa 4 veces en 10 minutos/,
    );
  });
});
