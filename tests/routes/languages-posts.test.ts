// A post's language and dates in the reader's language (issue 18, docs/decisions/0038): the composers store
// a language from the list (a bad code gets a message next to the select, not a 500), an edit can change it,
// the body carries lang="xx" where it differs from the page's, readers filter a topic's threads and search by
// it, the export gives it; and a Spanish page says its dates in Spanish while the English page's stay as they
// were. Loaders and actions with real Requests, then the built server over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { tr } from "~/lib/translate";
import { exportLists } from "~/models/account-export-lists.server";
import * as newThread from "~/routes/threads.new";
import * as reply from "~/routes/posts.$id.reply";
import * as editPost from "~/routes/posts.$id.edit";
import * as answerRoute from "~/routes/rounds.$id.prompts.$threadId.answer";
import * as topicPage from "~/routes/topics.$slug";
import * as search from "~/routes/search";
import { startServer, type RunningServer } from "../e2e/support/server";
import { createMember } from "../factories/members";
import { createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread, openingPostId } from "../factories/threads";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";
import { errorLines, httpRequest } from "../security/support";

type FormAnswer = { fieldErrors: Record<string, string> };

const postLanguage = async (id: number) =>
  (await getDb().selectFrom("posts").select("language").where("id", "=", id).executeTakeFirstOrThrow()).language;
const threadLanguage = async (id: number) =>
  (await getDb().selectFrom("threads").select("language").where("id", "=", id).executeTakeFirstOrThrow()).language;
const threadIdByTitle = async (title: string) =>
  (await getDb().selectFrom("threads").select("id").where("title", "=", title).executeTakeFirst())?.id;

let member: Awaited<ReturnType<typeof createMember>>;
let cookie: string;

beforeAll(async () => {
  member = await createMember();
  cookie = await sessionCookieFor(member.id);
  await createTestThread({ authorId: member.id }); // seeds the topics
});

function publishThread(title: string, extra: Record<string, string>) {
  return run(
    newThread.action,
    formRequest(
      "/threads/new",
      { intent: "publish", title, bodySource: "Words in the writer's own language.", tagSlugs: "organizing", ...extra },
      cookie,
    ),
  );
}

describe("a post's language, chosen in the composer", () => {
  it("is stored on the post and its thread; without the field, the writer's interface language", async () => {
    expect((await publishThread("Reunión de inquilinos en Boyle Heights", { postLanguage: "es" })).status).toBe(302);
    const spanish = (await threadIdByTitle("Reunión de inquilinos en Boyle Heights"))!;
    expect(await threadLanguage(spanish)).toBe("es");
    expect(await postLanguage(await openingPostId(spanish))).toBe("es");

    expect((await publishThread("Tenant meeting without a language field", {})).status).toBe(302);
    const plain = (await threadIdByTitle("Tenant meeting without a language field"))!;
    expect(await threadLanguage(plain)).toBe("en");
  });

  it("refuses a code not on the list with a message next to the select, writing nothing", async () => {
    for (const code of ["xx", "klingon", "EN", "es-ES"]) {
      const title = `A thread in ${code}`;
      const response = await publishThread(title, { postLanguage: code });
      expect(response.status, code).toBe(400);
      const body = (await response.json()) as FormAnswer;
      expect(body.fieldErrors.postLanguage).toBe(tr("languages:postLanguage.unknown"));
      expect(body.fieldErrors.postLanguage).toBe("Choose the post's language from the list.");
      expect(await threadIdByTitle(title)).toBeUndefined();
    }
  });

  it("marks replies and round answers, and an edit can change it (an opening post's changes its thread's)", async () => {
    const thread = await createTestThread({ authorId: member.id });
    const opening = await openingPostId(thread.id);
    const replied = await run(
      reply.action,
      formRequest(
        `/posts/${opening}/reply`,
        { intent: "publish", bodySource: "Xin chào.", postLanguage: "vi" },
        cookie,
      ),
      { id: String(opening) },
    );
    expect(replied.status).toBe(302);
    const replyRow = await getDb()
      .selectFrom("posts")
      .select(["id", "language"])
      .where("thread_id", "=", thread.id)
      .where("depth", "=", 1)
      .executeTakeFirstOrThrow();
    expect(replyRow.language).toBe("vi");

    const badReply = await run(
      reply.action,
      formRequest(`/posts/${opening}/reply`, { intent: "publish", bodySource: "Hola.", postLanguage: "zz" }, cookie),
      { id: String(opening) },
    );
    expect(badReply.status).toBe(400);
    expect(((await badReply.json()) as FormAnswer).fieldErrors.postLanguage).toBe(
      "Choose the post's language from the list.",
    );

    const edited = await run(
      editPost.action,
      formRequest(
        `/posts/${replyRow.id}/edit`,
        { intent: "publish", bodySource: "Chào các bạn.", postLanguage: "ko" },
        cookie,
      ),
      { id: String(replyRow.id) },
    );
    expect(edited.status).toBe(302);
    expect(await postLanguage(replyRow.id)).toBe("ko");

    const title = (await getDb().selectFrom("threads").select("title").where("id", "=", thread.id).executeTakeFirst())!
      .title;
    const openingEdit = await run(
      editPost.action,
      formRequest(
        `/posts/${opening}/edit`,
        { intent: "publish", title, bodySource: "Mga salita.", tagSlugs: "organizing", postLanguage: "tl" },
        cookie,
      ),
      { id: String(opening) },
    );
    expect(openingEdit.status).toBe(302);
    expect(await postLanguage(opening)).toBe("tl");
    expect(await threadLanguage(thread.id)).toBe("tl");

    const badEdit = await run(
      editPost.action,
      formRequest(`/posts/${replyRow.id}/edit`, { intent: "publish", bodySource: "x", postLanguage: "<b>" }, cookie),
      { id: String(replyRow.id) },
    );
    expect(badEdit.status).toBe(400);
    expect(await postLanguage(replyRow.id)).toBe("ko");

    const mod = await createMember({ role: "moderator" });
    const round = await createTestRound({ createdBy: mod.id });
    const prompt = round.promptIds[0]!;
    const answered = await run(
      answerRoute.action,
      formRequest(
        `/rounds/${round.id}/prompts/${prompt}/answer`,
        { intent: "publish", bodySource: "Mi respuesta.", consent: "named", postLanguage: "es" },
        cookie,
      ),
      { id: String(round.id), threadId: String(prompt) },
    );
    expect(answered.status).toBe(302);
    const answer = await getDb()
      .selectFrom("posts")
      .select("language")
      .where("thread_id", "=", prompt)
      .where("author_id", "=", member.id)
      .executeTakeFirstOrThrow();
    expect(answer.language).toBe("es");
  });

  it("goes into the member's export with each post", async () => {
    const posts = exportLists("https://example.org").find((list) => list.name === "posts")!;
    const rows = (await posts.page(member.id, null, 500)).map((r) => r.row as { language: string | null });
    // As they are now: the reply posted in Vietnamese was edited to Korean, the opening post to Tagalog.
    expect(rows.map((r) => r.language)).toEqual(expect.arrayContaining(["es", "en", "ko", "tl"]));
    expect(rows.map((r) => r.language)).not.toContain("vi");
    expect(rows.some((r) => r.language === null)).toBe(true); // the factory's thread: unknown
  });
});

describe("filtering by language", () => {
  const titles = { ko: "한국어 세입자 모임", es: "Asamblea de la asociación", none: "A thread of unknown language" };
  let topic: string;

  beforeAll(async () => {
    topic = "organizing";
    await publishThread(titles.ko, { postLanguage: "ko", bodySource: "세입자 모임 searchword" });
    await publishThread(titles.es, { postLanguage: "es", bodySource: "Asamblea searchword" });
    await createTestThread({ authorId: member.id, title: titles.none, body: "Older words searchword" });
  });

  async function topicTitles(query: string) {
    const response = await run(topicPage.loader, getRequest(`/topics/${topic}${query}`), { slug: topic });
    expect(response.status).toBe(200);
    const data = (await response.json()) as { page: { items: Array<{ title: string }> } };
    return data.page.items.map((i) => i.title);
  }

  it("a topic's threads: only that language's when one is chosen; every thread, unknown ones too, when none", async () => {
    const korean = await topicTitles("?language=ko");
    expect(korean).toContain(titles.ko);
    expect(korean).not.toContain(titles.es);
    expect(korean).not.toContain(titles.none);
    const all = await topicTitles("");
    for (const title of Object.values(titles)) expect(all).toContain(title);
    expect(await topicTitles("?language=es&sort=active")).toContain(titles.es);
    const bad = await run(topicPage.loader, getRequest(`/topics/${topic}?language=xx`), { slug: topic });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("Choose a language from the list.");
  });

  it("search: each post's own language", async () => {
    const found = async (query: string) => {
      const response = await run(search.loader, getRequest(`/search?q=searchword${query}`));
      return {
        status: response.status,
        titles: ((await response.json()) as { hits: Array<{ thread: { title: string } }> }).hits.map(
          (h) => h.thread.title,
        ),
      };
    };
    expect((await found("")).titles).toEqual(expect.arrayContaining(Object.values(titles)));
    expect((await found("&language=es")).titles).toEqual([titles.es]);
    expect((await found("&language=ko&topic=organizing")).titles).toEqual([titles.ko]);
    expect((await found("&language=ja")).titles).toEqual([]);
    expect((await found("&language=nope")).status).toBe(400);
    const bad = (await (await run(search.loader, getRequest("/search?q=searchword&language=nope"))).json()) as {
      message: string;
    };
    expect(bad.message).toBe("Choose a language from the list.");
  });
});

describe("over HTTP: lang on the post, dates in the page's language", () => {
  let server: RunningServer;
  let path: string;
  const when = Date.UTC(2026, 5, 15, 17, 0); // Monday 15 June 2026, 10 AM in Los Angeles

  beforeAll(async () => {
    const writer = await createMember();
    const thread = await createThread("Una historia en español", writer.id, when);
    await getDb().updateTable("threads").set({ language: "es" }).where("id", "=", thread.id).execute();
    await getDb().updateTable("posts").set({ language: "es" }).where("thread_id", "=", thread.id).execute();
    const opening = await openingPostId(thread.id);
    const replyId = await createTestReply({ threadId: thread.id, parentId: opening, authorId: writer.id, now: when });
    await getDb().updateTable("posts").set({ language: "en" }).where("id", "=", replyId).execute();
    path = `/threads/${thread.id}/${thread.slug}`;
    server = await startServer({ env: { DATABASE_PATH: process.env.DATABASE_PATH! } });
  }, 120_000);

  afterAll(async () => {
    const errors = server ? errorLines(server) : [];
    await server?.stop();
    expect(errors).toEqual([]);
  });

  async function createThread(title: string, authorId: number, now: number) {
    return createTestThread({ authorId, title, body: "Cuando llegamos al edificio, nadie abría la puerta.", now });
  }

  it("an English page marks the Spanish post (and its title) lang=es and says its dates as before", async () => {
    const answer = await httpRequest(server, path);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<html lang="en"');
    expect(answer.body).toMatch(/<h1 lang="es">Una historia en español<\/h1>/);
    expect(answer.body).toMatch(/<div class="prose" lang="es">/);
    // The English reply says nothing: the page's language is its own.
    expect(answer.body).not.toMatch(/<div class="prose" lang="en">/);
    expect(answer.body).toContain(">15 Jun 2026</time>");
    expect(answer.body).toContain('title="Monday, June 15, 2026 at 10:00 AM PDT"');
  });

  it("a Spanish page (?lang=es) marks the English reply lang=en and says every date in Spanish", async () => {
    const answer = await httpRequest(server, `${path}?lang=es`);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('<html lang="es"');
    expect(answer.body).toMatch(/<h1>Una historia en español<\/h1>/);
    expect(answer.body).toMatch(/<div class="prose" lang="en">/);
    expect(answer.body).not.toMatch(/<div class="prose" lang="es">/);
    expect(answer.body).toContain(">15 jun 2026</time>");
    expect(answer.body).toContain('title="lunes, 15 de junio de 2026, 10:00 a.m. PDT"');
    expect(answer.body).not.toContain("Jun 2026");
    expect(answer.body).not.toContain("languages:");
    // And the English page is still English after the Spanish one was rendered (caches keyed by language).
    const english = await httpRequest(server, path);
    expect(english.body).toContain(">15 Jun 2026</time>");
    expect(english.body).not.toContain("15 jun 2026");
  });

  it("the composer's select names the languages in the page's language, the interface language chosen", async () => {
    const writerCookie = await sessionCookieFor(member.id);
    const english = await httpRequest(server, "/threads/new", { cookie: writerCookie });
    expect(english.body).toContain("Language of this post");
    expect(english.body).toMatch(/<option value="en" selected="">English<\/option>/);
    expect(english.body).toContain(">Korean</option>");
    const spanish = await httpRequest(server, "/threads/new?lang=es", { cookie: writerCookie });
    expect(spanish.body).toContain("Idioma de esta publicación");
    expect(spanish.body).toMatch(/<option value="es" selected="">Español<\/option>/);
    expect(spanish.body).toContain(">Coreano</option>");
  });
});
