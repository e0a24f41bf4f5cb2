import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import * as home from "~/routes/_index";
import * as modPrompt from "~/routes/mod.prompts.new";
import * as modThread from "~/routes/mod.threads.$id";
import * as modTopics from "~/routes/mod.topics";
import * as reply from "~/routes/posts.$id.reply";
import * as closeReplies from "~/routes/threads.$id.close";
import * as threadPage from "~/routes/threads.$id.$slug";
import * as topicPageRoute from "~/routes/topics.$slug";
import { listTopicThreads } from "~/models/topic-threads.server";
import { createReply } from "~/models/replies.server";
import { listOpenPrompts } from "~/models/threads.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestThread } from "../factories/threads";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";

type FormData400 = { fieldErrors: Record<string, string>; fields: Record<string, string | string[]> };

let moderator: TestMember;
let modCookie: string;
let author: TestMember;
let authorCookie: string;
let member: TestMember;
let memberCookie: string;

beforeAll(async () => {
  moderator = await createMember({ role: "moderator" });
  author = await createMember();
  member = await createMember();
  modCookie = await sessionCookieFor(moderator.id);
  authorCookie = await sessionCookieFor(author.id);
  memberCookie = await sessionCookieFor(member.id);
});

const db = () => getDb();

function moderate(threadId: number, form: Record<string, string | string[]>, cookie = modCookie) {
  return run(modThread.action, formRequest(`/mod/threads/${threadId}`, form, cookie), { id: String(threadId) });
}

function topicsAction(form: Record<string, string | string[]>, cookie = modCookie) {
  return run(modTopics.action, formRequest("/mod/topics", form, cookie));
}

async function auditCount() {
  const row = await db()
    .selectFrom("audit_log")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function threadRow(id: number) {
  return db().selectFrom("threads").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

async function topicCount(slug: string) {
  return (await db().selectFrom("tags").select("thread_count").where("slug", "=", slug).executeTakeFirstOrThrow())
    .thread_count;
}

async function threadTopics(threadId: number) {
  const rows = await db()
    .selectFrom("thread_tags")
    .innerJoin("tags", "tags.id", "thread_tags.tag_id")
    .select("tags.slug")
    .where("thread_id", "=", threadId)
    .execute();
  return rows.map((r) => r.slug).sort();
}

/** Every row a moderator action could change, to show that a refused request changed nothing. */
async function snapshot() {
  return JSON.stringify(
    await Promise.all([
      db().selectFrom("threads").selectAll().orderBy("id").execute(),
      db().selectFrom("thread_tags").selectAll().orderBy("thread_id").orderBy("tag_id").execute(),
      db().selectFrom("tags").selectAll().orderBy("id").execute(),
      db().selectFrom("audit_log").selectAll().orderBy("id").execute(),
    ]),
  );
}

/**
 * Runs a moderator action and checks it redirected back with its status and wrote one audit row. The action is
 * started only once the log is counted (a promise passed in would already be running, and could win that race).
 */
async function expectModerated(action: () => Promise<Response>, location: string) {
  const before = await auditCount();
  const result = await action();
  expect(result.status).toBe(302);
  expect(result.headers.get("Location")).toBe(location);
  expect(await auditCount()).toBe(before + 1);
}

describe("the moderator's thread page", () => {
  it("shows the thread, hidden or not (the status after an action is a flash: tests/routes/flash.test.ts)", async () => {
    const thread = await createTestThread({ authorId: author.id, title: "Tenant meetings that people come to" });
    await moderate(thread.id, { intent: "hide", reason: "spam", note: "" });
    const loaded = await run(modThread.loader, getRequest(`/mod/threads/${thread.id}`, modCookie), {
      id: String(thread.id),
    });
    expect(loaded.status).toBe(200);
    const data = (await loaded.json()) as {
      thread: { title: string; hidden: boolean; hiddenReason: string };
      topics: unknown[];
    };
    expect(data.thread).toMatchObject({
      title: "Tenant meetings that people come to",
      hidden: true,
      hiddenReason: "Spam",
    });
    expect(data.topics.length).toBeGreaterThan(5);
    const missing = await run(modThread.loader, getRequest("/mod/threads/999999", modCookie), { id: "999999" });
    expect(missing.status).toBe(404);
  });

  it("pins a thread so it leads its topic, and unpins it", async () => {
    const older = await createTestThread({ authorId: author.id, tagSlugs: ["funding"], now: Date.now() - 60_000 });
    const newer = await createTestThread({ authorId: author.id, tagSlugs: ["funding"] });
    const order = async () => {
      const ids = (await listTopicThreads({ topicSlug: "funding", sort: "latest" })).items.map((t) => t.id);
      return [older.id, newer.id].sort((a, b) => ids.indexOf(a) - ids.indexOf(b));
    };
    expect(await order()).toEqual([newer.id, older.id]);
    await expectModerated(() => moderate(older.id, { intent: "pin" }), `/mod/threads/${older.id}`);
    expect(await order()).toEqual([older.id, newer.id]);
    const topicPage = (await (
      await run(topicPageRoute.loader, getRequest("/topics/funding"), { slug: "funding" })
    ).json()) as {
      page: { items: Array<{ id: number; pinned: boolean }> };
    };
    const items = topicPage.page.items;
    expect(items.findIndex((t) => t.id === older.id)).toBeLessThan(items.findIndex((t) => t.id === newer.id));
    expect(items.find((t) => t.id === older.id)?.pinned).toBe(true);
    await expectModerated(() => moderate(older.id, { intent: "unpin" }), `/mod/threads/${older.id}`);
    expect(await order()).toEqual([newer.id, older.id]);
  });

  it("features stories only", async () => {
    const story = await createTestThread({ authorId: author.id, kind: "story" });
    await expectModerated(() => moderate(story.id, { intent: "feature" }), `/mod/threads/${story.id}`);
    expect((await threadRow(story.id)).featured_at).not.toBeNull();
    await expectModerated(() => moderate(story.id, { intent: "unfeature" }), `/mod/threads/${story.id}`);
    expect((await threadRow(story.id)).featured_at).toBeNull();

    const discussion = await createTestThread({ authorId: author.id });
    const before = await auditCount();
    const refused = await moderate(discussion.id, { intent: "feature" });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as FormData400).fieldErrors.form).toBe("Only stories can be featured.");
    expect((await threadRow(discussion.id)).featured_at).toBeNull();
    expect(await auditCount()).toBe(before);
  });

  it("locks with a reason, so replies are refused with a message, and unlocks", async () => {
    const thread = await createTestThread({ authorId: author.id });
    const noReason = await moderate(thread.id, { intent: "lock", lockReason: "  " });
    expect(noReason.status).toBe(400);
    expect(((await noReason.json()) as FormData400).fieldErrors.lockReason).toMatch(/why/i);
    const tooLong = await moderate(thread.id, { intent: "lock", lockReason: "x".repeat(301) });
    expect(((await tooLong.json()) as FormData400).fieldErrors.lockReason).toMatch(/300/);
    expect((await threadRow(thread.id)).locked_at).toBeNull();

    await expectModerated(
      () => moderate(thread.id, { intent: "lock", lockReason: "The meeting is over." }),
      `/mod/threads/${thread.id}`,
    );
    expect(
      await createReply({ threadId: thread.id, parentId: null, authorId: member.id, bodySource: "Late!" }),
    ).toMatchObject({ ok: false, reason: "locked" });
    const opening = await db()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", thread.id)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow();
    const replied = await run(
      reply.action,
      formRequest(`/posts/${opening.id}/reply`, { bodySource: "Late again" }, memberCookie),
      { id: String(opening.id) },
    );
    expect(replied.status).toBe(400);
    const body = (await replied.json()) as FormData400;
    expect(body.fieldErrors.bodySource).toMatch(/locked/);
    expect(body.fields.bodySource).toBe("Late again");
    const page = await run(threadPage.loader, getRequest(`/threads/${thread.id}/${thread.slug}`), {
      id: String(thread.id),
      slug: thread.slug,
    });
    expect(((await page.json()) as { page: { thread: { lockReason: string } } }).page.thread.lockReason).toBe(
      "The meeting is over.",
    );

    await expectModerated(() => moderate(thread.id, { intent: "unlock" }), `/mod/threads/${thread.id}`);
    expect(
      await createReply({ threadId: thread.id, parentId: null, authorId: member.id, bodySource: "Now open" }),
    ).toMatchObject({ ok: true });
  });

  it("changes a thread's topics, moving the counts", async () => {
    const thread = await createTestThread({ authorId: author.id, tagSlugs: ["health", "policy"] });
    const [health, policy, training] = [
      await topicCount("health"),
      await topicCount("policy"),
      await topicCount("training"),
    ];
    await expectModerated(
      () => moderate(thread.id, { intent: "topics", tagSlugs: ["policy", "training"] }),
      `/mod/threads/${thread.id}`,
    );
    expect(await threadTopics(thread.id)).toEqual(["policy", "training"]);
    expect([await topicCount("health"), await topicCount("policy"), await topicCount("training")]).toEqual([
      health - 1,
      policy,
      training + 1,
    ]);

    const none = await moderate(thread.id, { intent: "topics" });
    expect(((await none.json()) as FormData400).fieldErrors.tagSlugs).toMatch(/at least one/);
    const six = await moderate(thread.id, {
      intent: "topics",
      tagSlugs: ["health", "policy", "training", "funding", "leadership", "innovation"],
    });
    expect(((await six.json()) as FormData400).fieldErrors.tagSlugs).toMatch(/at most 5/);
    const unknown = await moderate(thread.id, { intent: "topics", tagSlugs: ["no-such-topic"] });
    expect(((await unknown.json()) as FormData400).fieldErrors.tagSlugs).toMatch(/no topic called/);
    expect(await threadTopics(thread.id)).toEqual(["policy", "training"]);
  });

  it("hides a thread from visitors and counts, shows it to its author and moderators, and restores it", async () => {
    const thread = await createTestThread({ authorId: author.id, tagSlugs: ["environment"] });
    const count = await topicCount("environment");
    const path = `/threads/${thread.id}/${thread.slug}`;
    const params = { id: String(thread.id), slug: thread.slug };

    const needsNote = await moderate(thread.id, { intent: "hide", reason: "other", note: "" });
    expect(needsNote.status).toBe(400);
    expect(((await needsNote.json()) as FormData400).fieldErrors.note).toMatch(/note/);
    const noReason = await moderate(thread.id, { intent: "hide", reason: "because", note: "" });
    expect(((await noReason.json()) as FormData400).fieldErrors.reason).toMatch(/why/);
    expect((await threadRow(thread.id)).hidden_at).toBeNull();

    await expectModerated(
      () => moderate(thread.id, { intent: "hide", reason: "other", note: "Duplicate of another thread" }),
      `/mod/threads/${thread.id}`,
    );
    expect(await topicCount("environment")).toBe(count - 1);
    const inTopic = async () =>
      (await listTopicThreads({ topicSlug: "environment", sort: "latest" })).items.map((t) => t.id);
    expect(await inTopic()).not.toContain(thread.id);
    expect((await run(threadPage.loader, getRequest(path), params)).status).toBe(404);
    expect((await run(threadPage.loader, getRequest(path, memberCookie), params)).status).toBe(404);
    const seenByAuthor = await run(threadPage.loader, getRequest(path, authorCookie), params);
    expect(seenByAuthor.status).toBe(200);
    expect(
      ((await seenByAuthor.json()) as { page: { thread: { hiddenReason: string } } }).page.thread.hiddenReason,
    ).toBe("Other (Duplicate of another thread)");
    expect((await run(threadPage.loader, getRequest(path, modCookie), params)).status).toBe(200);

    await expectModerated(() => moderate(thread.id, { intent: "restore" }), `/mod/threads/${thread.id}`);
    expect(await topicCount("environment")).toBe(count);
    expect(await inTopic()).toContain(thread.id);
    expect((await run(threadPage.loader, getRequest(path), params)).status).toBe(200);
  });

  it("answers an unknown intent with 400 and a missing thread with 404", async () => {
    const thread = await createTestThread({ authorId: author.id });
    const before = await snapshot();
    expect((await moderate(thread.id, { intent: "delete" })).status).toBe(400);
    expect((await moderate(thread.id, { intent: "toString" })).status).toBe(400);
    expect((await moderate(999999, { intent: "pin" })).status).toBe(404);
    expect(await snapshot()).toBe(before);
  });
});

describe("prompts", () => {
  it("previews without posting, then opens a pinned prompt that leads the home page", async () => {
    const loaded = await run(modPrompt.loader, getRequest("/mod/prompts/new", modCookie));
    expect(loaded.status).toBe(200);
    const form = {
      title: "What did your last budget hearing teach you?",
      bodySource: "Tell us **one** thing.",
      tagSlugs: ["policy"],
    };
    const unpinned = await run(
      modPrompt.action,
      formRequest("/mod/prompts/new", { ...form, title: "An older prompt, not pinned" }, modCookie),
    );
    expect(unpinned.status).toBe(302);

    const preview = await run(
      modPrompt.action,
      formRequest("/mod/prompts/new", { ...form, pinned: "yes", intent: "preview" }, modCookie),
    );
    const previewed = (await preview.json()) as { preview: string; fields: Record<string, string> };
    expect(previewed.preview).toContain("<strong>one</strong>");
    expect(previewed.fields.pinned).toBe("yes");
    expect(await db().selectFrom("threads").select("id").where("title", "=", form.title).execute()).toHaveLength(0);

    const invalid = await run(
      modPrompt.action,
      formRequest("/mod/prompts/new", { title: "Hi", bodySource: "", pinned: "yes" }, modCookie),
    );
    expect(invalid.status).toBe(400);
    expect(Object.keys(((await invalid.json()) as FormData400).fieldErrors).sort()).toEqual([
      "bodySource",
      "tagSlugs",
      "title",
    ]);

    const before = await auditCount();
    const opened = await run(
      modPrompt.action,
      formRequest("/mod/prompts/new", { ...form, pinned: "yes", intent: "publish" }, modCookie),
    );
    expect(await auditCount()).toBe(before + 1);
    const prompt = await db()
      .selectFrom("threads")
      .selectAll()
      .where("title", "=", form.title)
      .executeTakeFirstOrThrow();
    expect(opened.headers.get("Location")).toBe(`/threads/${prompt.id}/${prompt.slug}`);
    expect(prompt).toMatchObject({ kind: "prompt", author_id: moderator.id });
    expect(prompt.pinned_at).not.toBeNull();

    // Pinned prompts lead the home page, ahead of older unpinned ones.
    const titles = (await listOpenPrompts()).map((p) => p.title);
    expect(titles.indexOf(form.title)).toBeLessThan(titles.indexOf("An older prompt, not pinned"));
    const homeData = (await (await run(home.loader, getRequest("/"))).json()) as { prompts: Array<{ title: string }> };
    expect(homeData.prompts.map((p) => p.title)).toEqual(titles);
  });

  it("pinning an existing prompt moves it up the home page", async () => {
    const older = await run(
      modPrompt.action,
      formRequest(
        "/mod/prompts/new",
        { title: "First unpinned prompt here", bodySource: "One.", tagSlugs: ["health"] },
        modCookie,
      ),
    );
    const id = Number(older.headers.get("Location")!.split("/")[2]);
    await run(
      modPrompt.action,
      formRequest(
        "/mod/prompts/new",
        { title: "Second unpinned prompt here", bodySource: "Two.", tagSlugs: ["health"] },
        modCookie,
      ),
    );
    const newer = await run(
      modPrompt.action,
      formRequest(
        "/mod/prompts/new",
        { title: "Third unpinned prompt here", bodySource: "Three.", tagSlugs: ["health"] },
        modCookie,
      ),
    );
    const newerId = Number(newer.headers.get("Location")!.split("/")[2]);
    await expectModerated(() => moderate(newerId, { intent: "pin" }), `/mod/threads/${newerId}`);
    const titles = (await listOpenPrompts(50)).map((p) => p.title);
    expect(titles.indexOf("Third unpinned prompt here")).toBeLessThan(titles.indexOf("First unpinned prompt here"));
    expect(id).toBeLessThan(newerId);
  });
});

describe("topics", () => {
  it("creates a topic, refusing a bad or taken address", async () => {
    const bad = await topicsAction({ intent: "create", name: "Youth work", slug: "Youth Work!", description: "" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as FormData400).fieldErrors.slug).toMatch(/lowercase/);
    const short = await topicsAction({ intent: "create", name: "Y", slug: "y", description: "x".repeat(201) });
    const shortErrors = ((await short.json()) as FormData400).fieldErrors;
    expect(shortErrors.slug).toMatch(/at least 2/);
    expect(shortErrors.description).toMatch(/200/);
    const taken = await topicsAction({ intent: "create", name: "Health again", slug: "health", description: "" });
    expect(((await taken.json()) as FormData400).fieldErrors.slug).toMatch(/already/);

    await expectModerated(
      () =>
        topicsAction({
          intent: "create",
          name: "Youth work",
          slug: "youth-work",
          description: "Programs with and for young people.",
        }),
      "/mod/topics",
    );
    const loaded = (await (await run(modTopics.loader, getRequest("/mod/topics", modCookie))).json()) as {
      topics: Array<{ slug: string; name: string }>;
    };
    expect(loaded.topics.find((t) => t.slug === "youth-work")).toMatchObject({ name: "Youth work" });
  });

  it("edits a topic's name and description", async () => {
    await expectModerated(
      () => topicsAction({ intent: "edit", slug: "innovation", name: "New ideas", description: "Trying new things." }),
      "/mod/topics",
    );
    const row = await db()
      .selectFrom("tags")
      .select(["name", "description"])
      .where("slug", "=", "innovation")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name: "New ideas", description: "Trying new things." });
    const empty = await topicsAction({ intent: "edit", slug: "innovation", name: " ", description: "" });
    expect(((await empty.json()) as FormData400).fieldErrors.name).toMatch(/name/);
    const missing = await topicsAction({ intent: "edit", slug: "no-such-topic", name: "Ghost", description: "" });
    expect(((await missing.json()) as FormData400).fieldErrors.form).toMatch(/no such topic/);
  });

  it("merges one topic into another: threads move and the old topic points to the new one", async () => {
    await topicsAction({ intent: "create", name: "Grants", slug: "grants", description: "" });
    const inBoth = await createTestThread({ authorId: author.id, tagSlugs: ["grants", "funding"] });
    const onlyOld = await createTestThread({ authorId: author.id, tagSlugs: ["grants"] });
    const fundingCount = await topicCount("funding");

    const self = await topicsAction({ intent: "merge", from: "grants", into: "grants" });
    expect(self.status).toBe(400);
    expect(((await self.json()) as FormData400).fieldErrors.into).toMatch(/itself/);

    await expectModerated(() => topicsAction({ intent: "merge", from: "grants", into: "funding" }), "/mod/topics");
    expect(await threadTopics(inBoth.id)).toEqual(["funding"]);
    expect(await threadTopics(onlyOld.id)).toEqual(["funding"]);
    expect(await topicCount("funding")).toBe(fundingCount + 1);
    const grants = await db()
      .selectFrom("tags")
      .select(["merged_into_id", "thread_count"])
      .where("slug", "=", "grants")
      .executeTakeFirstOrThrow();
    const funding = await db().selectFrom("tags").select("id").where("slug", "=", "funding").executeTakeFirstOrThrow();
    expect(grants).toEqual({ merged_into_id: funding.id, thread_count: 0 });
    const loaded = (await (await run(modTopics.loader, getRequest("/mod/topics", modCookie))).json()) as {
      topics: Array<{ slug: string }>;
    };
    expect(loaded.topics.map((t) => t.slug)).not.toContain("grants");
    const oldPage = await run(topicPageRoute.loader, getRequest("/topics/grants?sort=top"), { slug: "grants" });
    expect(oldPage.status).toBe(301);
    expect(oldPage.headers.get("Location")).toBe("/topics/funding?sort=top");
    const moved = (await listTopicThreads({ topicSlug: "funding", sort: "latest" })).items.map((t) => t.id);
    expect(moved).toEqual(expect.arrayContaining([inBoth.id, onlyOld.id]));

    const again = await topicsAction({ intent: "merge", from: "grants", into: "funding" });
    expect(((await again.json()) as FormData400).fieldErrors.from).toMatch(/no such topic/);
  });
});

describe("a story's author closes replies", () => {
  function close(threadId: number, intent: string, cookie: string) {
    return run(closeReplies.action, formRequest(`/threads/${threadId}/close`, { intent }, cookie), {
      id: String(threadId),
    });
  }

  it("closes and reopens their own story's replies", async () => {
    const story = await createTestThread({ authorId: author.id, kind: "story", title: "How our food bank grew" });
    const closed = await close(story.id, "close", authorCookie);
    expect(closed.status).toBe(302);
    expect(closed.headers.get("Location")).toBe(`/threads/${story.id}/how-our-food-bank-grew`);
    expect(await threadRow(story.id)).toMatchObject({ locked_by: author.id });
    const page = await run(threadPage.loader, getRequest(`/threads/${story.id}/${story.slug}`, authorCookie), {
      id: String(story.id),
      slug: story.slug,
    });
    expect(
      ((await page.json()) as { page: { thread: { locked: boolean; lockedByAuthor: boolean } } }).page.thread,
    ).toMatchObject({ locked: true, lockedByAuthor: true });
    expect(
      await createReply({ threadId: story.id, parentId: null, authorId: member.id, bodySource: "Hi" }),
    ).toMatchObject({ ok: false, reason: "locked" });

    expect((await close(story.id, "reopen", authorCookie)).status).toBe(302);
    expect((await threadRow(story.id)).locked_at).toBeNull();
    const get = await run(closeReplies.loader, getRequest(`/threads/${story.id}/close`, authorCookie), {
      id: String(story.id),
    });
    expect(get.headers.get("Location")).toBe(`/threads/${story.id}`);
  });

  it("cannot reopen a moderator's lock; others and other kinds cannot close", async () => {
    const story = await createTestThread({ authorId: author.id, kind: "story" });
    await moderate(story.id, { intent: "lock", lockReason: "Heated; cooling off." });
    const reopen = await close(story.id, "reopen", authorCookie);
    expect(reopen.status).toBe(403);
    expect(await reopen.text()).toBe("Moderators locked this story; only they can reopen it.");
    expect(await threadRow(story.id)).toMatchObject({ locked_by: moderator.id, lock_reason: "Heated; cooling off." });

    const other = await createTestThread({ authorId: author.id, kind: "story" });
    const notAuthor = await close(other.id, "close", memberCookie);
    expect(notAuthor.status).toBe(403);
    expect(await notAuthor.text()).toMatch(/Only the author/);
    const discussion = await createTestThread({ authorId: author.id });
    expect((await close(discussion.id, "close", authorCookie)).status).toBe(403);
    expect((await close(other.id, "shut", authorCookie)).status).toBe(400);
    const visitor = await close(other.id, "close", "");
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    expect((await threadRow(other.id)).locked_at).toBeNull();
    expect((await threadRow(discussion.id)).locked_at).toBeNull();
  });
});

describe("members and visitors", () => {
  it("get 403 (or a login redirect) from every moderator page and intent, and nothing changes", async () => {
    const story = await createTestThread({ authorId: member.id, kind: "story", tagSlugs: ["advocacy"] });
    type Form = Record<string, string | string[]>;
    const threadForms: Form[] = [
      { intent: "pin" },
      { intent: "unpin" },
      { intent: "feature" },
      { intent: "unfeature" },
      { intent: "lock", lockReason: "Mine now" },
      { intent: "unlock" },
      { intent: "topics", tagSlugs: ["health"] },
      { intent: "hide", reason: "spam", note: "" },
      { intent: "restore" },
    ];
    const topicForms: Form[] = [
      { intent: "create", name: "Sneaky", slug: "sneaky", description: "" },
      { intent: "edit", slug: "health", name: "Sneaky", description: "" },
      { intent: "merge", from: "health", into: "policy" },
    ];
    const prompt = { title: "A prompt from a member", bodySource: "Hello", tagSlugs: ["health"], pinned: "yes" };
    const before = await snapshot();
    for (const [cookie, expected] of [
      [memberCookie, 403],
      ["", 302],
    ] as const) {
      const check = (response: Response) => {
        expect(response.status).toBe(expected);
        if (expected === 302) expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
      };
      for (const form of threadForms) check(await moderate(story.id, form, cookie));
      for (const form of topicForms) check(await topicsAction(form, cookie));
      check(await run(modPrompt.action, formRequest("/mod/prompts/new", prompt, cookie)));
      check(await run(modPrompt.action, formRequest("/mod/prompts/new", { ...prompt, intent: "preview" }, cookie)));
      check(await run(modThread.loader, getRequest(`/mod/threads/${story.id}`, cookie), { id: String(story.id) }));
      check(await run(modTopics.loader, getRequest("/mod/topics", cookie)));
      check(await run(modPrompt.loader, getRequest("/mod/prompts/new", cookie)));
    }
    expect(await snapshot()).toBe(before);
  });
});
