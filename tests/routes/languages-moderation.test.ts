// Moderation and rounds in Spanish (issue 18): a moderator's flag queue with its hide form, a round's answer form
// with its consent choices, and the round form's messages, in Spanish with ?lang=es; no catalog key shown as
// text; the English pages unchanged. Real HTTP against the built server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flagPost } from "~/models/flags.server";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember } from "../factories/members";
import { createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";
import { sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest, type Form, type RawAnswer } from "../security/support";

let server: RunningServer;
let modCookie: string;
let memberCookie: string;
let round: { id: number; promptIds: number[] };

beforeAll(async () => {
  const moderator = await createMember({ role: "moderator" });
  modCookie = await sessionCookieFor(moderator.id);
  const member = await createMember();
  memberCookie = await sessionCookieFor(member.id);
  const author = await createMember({ displayName: "Marisol Vega" });
  const thread = await createTestThread({ authorId: author.id });
  const postId = await createTestReply({ threadId: thread.id, authorId: author.id, body: "Buy cheap watches" });
  const flagger = await createMember();
  const flagged = await flagPost({ postId, memberId: flagger.id, reason: "spam", note: "" });
  expect(flagged.ok).toBe(true);
  round = await createTestRound({ createdBy: moderator.id, prompts: 2 });
  server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
}, 120_000);

afterAll(async () => {
  const errors = server ? errorLines(server) : [];
  await server?.stop();
  expect(errors).toEqual([]);
});

const get = (path: string, cookie: string) => httpRequest(server, path, { cookie });
const post = (path: string, cookie: string, form: Form) => httpRequest(server, path, { method: "POST", cookie, form });

/** The page's text without tags, entities decoded enough to compare sentences. */
const text = (answer: RawAnswer) =>
  answer.body
    .replace(/<script[\s\S]*?<\/script>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&")
    .replace(/\s+/g, " ");

/** No catalog key printed as text: no "moderation:…" or "rounds:…", nor a dotted key of these pages. */
function expectNoKeys(answer: RawAnswer) {
  const words = text(answer);
  expect(words).not.toMatch(/\b(moderation|rounds|forms|common):[a-z]/);
  expect(words).not.toMatch(/\b(flagQueue|flagsPage|hideForm|hideReason|suspensionLength|answerForm|answerPage)\./);
  expect(words).not.toMatch(/\b(form|consent|dates|prompts|panel|newPage|home)\.[a-z]+[A-Z]?\w*\b/);
}

describe("the moderators' pages in Spanish", () => {
  it("show the moderation home and the flag queue with its hide form in Spanish", async () => {
    const home = await get("/mod?lang=es", modCookie);
    expect(home.status).toBe(200);
    expect(home.body).toContain("<title>Moderación · Roundtable</title>");
    expect(text(home)).toContain("Publicaciones reportadas");
    expect(text(home)).toContain("1 publicación espera revisión.");
    expectNoKeys(home);

    const queue = await get("/mod/flags?lang=es", modCookie);
    expect(queue.status).toBe(200);
    const words = text(queue);
    expect(words).toContain("Publicaciones reportadas");
    expect(words).toContain("1 reporte");
    expect(words).toContain("Ocultar la publicación");
    expect(words).toContain("Descartar reportes");
    expect(words).toContain("Elige un motivo");
    expect(words).toContain("Acoso");
    expect(words).toContain("Fuera de tema");
    expect(words).toContain("Nota para quien la publicó");
    expect(words).toContain("Suspender la cuenta de quien la publicó por");
    expect(words).toContain("7 días");
    expect(words).not.toContain("Hide the post");
    expectNoKeys(queue);
  });

  it("say what is wrong with a hide form in Spanish", async () => {
    const queue = await get("/mod/flags", modCookie);
    const postId = /name="postId" value="(\d+)"/.exec(queue.body)?.[1];
    expect(postId).toBeDefined();
    const answer = await post("/mod/flags?lang=es", modCookie, { intent: "hide", postId: postId!, reason: "other" });
    expect(answer.status).toBe(400);
    expect(text(answer)).toContain("Con “Otro motivo”, escribe una nota: quien la publicó la va a leer.");
    expectNoKeys(answer);
  });

  it("show the moderation log and its filters' messages in Spanish", async () => {
    const log = await get("/mod/log?lang=es&from=ayer", modCookie);
    expect(log.status).toBe(400);
    const words = text(log);
    expect(words).toContain("Registro de moderación");
    expect(words).toContain("Filtrar el registro");
    expect(words).toContain("“Desde” debe ser una fecha como 2026-05-01.");
    expectNoKeys(log);
  });

  it("stay in English by default", async () => {
    const queue = await get("/mod/flags", modCookie);
    const words = text(queue);
    expect(words).toContain("Flagged posts");
    expect(words).toContain("Hide the post");
    expect(words).toContain("Choose a reason");
    expect(words).toContain("1 flag");
    expect(text(await get("/mod", modCookie))).toContain("1 post is waiting for review.");
  });
});

describe("rounds in Spanish", () => {
  it("show the answer form with its consent choices in Spanish", async () => {
    const page = await get(`/rounds/${round.id}/prompts/${round.promptIds[0]}/answer?lang=es`, memberCookie);
    expect(page.status).toBe(200);
    const words = text(page);
    expect(words).toContain("Responde esta pregunta guía");
    expect(words).toContain("Tu respuesta");
    expect(words).toContain("Se puede citar con mi nombre");
    expect(words).toContain("Se puede citar sin mi nombre");
    expect(words).toContain("No se puede citar");
    expect(words).toContain("Publicar con un seudónimo en vez de mi nombre");
    expect(words).toContain("Publicar mi respuesta");
    expect(words).toContain("Pregunta 1 de la ronda");
    expect(words).not.toContain("May be quoted with my name");
    expectNoKeys(page);
  });

  it("refuse an answer without a consent choice in Spanish", async () => {
    const answer = await post(`/rounds/${round.id}/prompts/${round.promptIds[1]}/answer?lang=es`, memberCookie, {
      intent: "publish",
      bodySource: "Lo que aprendí en el trabajo con inquilinos.",
      pseudonym: "",
    });
    expect(answer.status).toBe(400);
    expect(text(answer)).toContain("Elige si se puede citar tu respuesta.");
    expectNoKeys(answer);
  });

  it("show the round form's validation errors in Spanish, with their numbers", async () => {
    const answer = await post("/rounds/new?lang=es", modCookie, {
      intent: "create",
      title: "Ab",
      purposeSource: "",
      opensOn: "2026-05-01",
      closesOn: "no es fecha",
      promptTitle: ["Una"],
      promptBody: [""],
    });
    expect(answer.status).toBe(400);
    const words = text(answer);
    expect(words).toContain("Empezar una ronda");
    expect(words).toContain("El título de la ronda necesita al menos 5 caracteres.");
    expect(words).toContain("Di para qué es la ronda.");
    expect(words).toContain("La fecha en que cierra debe ser una fecha como 2026-05-01.");
    expect(words).toContain("Elige al menos un tema");
    expectNoKeys(answer);

    // The prompts are judged once the rest of the form is right: messages with the prompt's number.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const prompts = await post("/rounds/new?lang=es", modCookie, {
      intent: "create",
      title: "Vivienda y salud",
      purposeSource: "Aprender de lo que vivimos.",
      opensOn: day(1),
      closesOn: day(8),
      tagSlugs: "organizing",
      promptTitle: ["Una", "¿Qué te ha funcionado?"],
      promptBody: ["", ""],
    });
    expect(prompts.status).toBe(400);
    const promptWords = text(prompts);
    expect(promptWords).toContain("Ponle a la pregunta guía 1 un título de al menos 5 caracteres.");
    expect(promptWords).toContain("Escribe la pregunta o la invitación de la pregunta guía 2.");
    expectNoKeys(prompts);
  });

  it("keep the round form's messages in English by default", async () => {
    const answer = await post("/rounds/new", modCookie, { intent: "create", title: "Ab", purposeSource: "" });
    expect(answer.status).toBe(400);
    expect(text(answer)).toContain("The round's title needs at least 5 characters.");
    expect(text(answer)).toContain("Say what the round is for.");
  });

  it("list rounds and show a round in Spanish", async () => {
    const list = await get("/rounds?lang=es", memberCookie);
    expect(list.status).toBe(200);
    expect(text(list)).toContain("Abierta");
    expectNoKeys(list);
    const page = await get(`/rounds/${round.id}?lang=es`, memberCookie);
    expect(page.status).toBe(200);
    expect(text(page)).toContain("Preguntas guía");
    expectNoKeys(page);
  });
});
