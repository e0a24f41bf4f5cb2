import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { getDb } from "~db/client.server";
import { deleteAccount } from "~/models/account-deletion.server";
import { BOOKMARKS_MAX, listSaved, SAVED_PER_PAGE, setBookmark } from "~/models/bookmarks.server";
import { setThreadHidden } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import { deletePost } from "~/models/posts.server";
import * as savePost from "~/routes/posts.$id.save";
import * as savedPage from "~/routes/saved";
import * as threadPage from "~/routes/threads.$id.$slug";
import { createMember } from "../factories/members";
import { createTestAnswer, createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";
import { formRequest, getRequest, run, sessionCookieFor } from "../setup/requests";
import { cardIn } from "../setup/post-cards";

type SavedJson = {
  items: Array<{ postId: number; isOpening: boolean; href: string; author: { name: string; handle: string | null } }>;
  nextBefore: number | null;
};

const openingOf = async (threadId: number) =>
  (
    await getDb()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", threadId)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow()
  ).id;
const save = (postId: number, cookie: string | undefined, form: Record<string, string> = { saved: "1" }) =>
  run(savePost.action, formRequest(`/posts/${postId}/save`, form, cookie), { id: String(postId) });
const saved = async (cookie: string) =>
  (await (await run(savedPage.loader, getRequest("/saved", cookie))).json()) as SavedJson;
const reader = async (id: number) => ({ id, handle: "x", displayName: "x", role: "member" as const });

describe("save for later", () => {
  it("saves and removes threads and replies, newest saved first, linking each in context", async () => {
    const author = await createMember({ displayName: "Author Ana" });
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    const thread = await createTestThread({ authorId: author.id, title: "Phone trees that work" });
    const opening = await openingOf(thread.id);
    const reply = await createTestReply({ threadId: thread.id, authorId: author.id, body: "Ours has 40 people." });

    // Without JavaScript: a redirect back to the post (or where the form says).
    const first = await save(opening, cookie);
    expect(first.status).toBe(302);
    expect(first.headers.get("Location")).toBe(`/posts/${opening}`);
    const second = await save(reply, cookie, { saved: "1", returnTo: "/saved" });
    expect(second.headers.get("Location")).toBe("/saved");
    // Twice is still once.
    await save(reply, cookie);
    const list = await saved(cookie);
    expect(list.items.map((i) => i.postId)).toEqual([reply, opening]);
    expect(list.items[0]).toMatchObject({ isOpening: false, href: `/posts/${reply}` });
    expect(list.items[1]).toMatchObject({ isOpening: true, href: `/threads/${thread.id}/${thread.slug}` });
    expect(list.items[1]!.author).toEqual({ name: "Author Ana", handle: author.handle });

    // With JavaScript (a fetcher): data, not a redirect.
    const removed = await save(reply, cookie, { saved: "0", via: "fetch" });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({ saved: false, error: null });
    expect((await saved(cookie)).items.map((i) => i.postId)).toEqual([opening]);

    // The thread page marks what this member saved; a visitor's page has no Save state at all.
    const page = await run(threadPage.loader, getRequest(`/threads/${thread.id}/${thread.slug}`, cookie), {
      id: String(thread.id),
      slug: thread.slug,
    });
    const memberPage = (await page.json()) as { openingSaved: boolean; serverMarkup: { replies: string } };
    expect(memberPage.openingSaved).toBe(true);
    const replyCard = cardIn(memberPage.serverMarkup.replies, reply)!;
    expect(replyCard.html).toContain('aria-pressed="false"');
    expect(replyCard.text).toContain("Save");
    const visitorPage = await run(threadPage.loader, getRequest(`/threads/${thread.id}/${thread.slug}`), {
      id: String(thread.id),
      slug: thread.slug,
    });
    const visitor = (await visitorPage.json()) as { openingSaved: boolean; serverMarkup: { replies: string } };
    expect(visitor.openingSaved).toBe(false);
    expect(cardIn(visitor.serverMarkup.replies, reply)!.html).not.toContain("save-form");
  });

  it("asks visitors to log in, refuses bad input and posts the member may not see", async () => {
    const author = await createMember();
    const mod = await createMember({ role: "moderator" });
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    const thread = await createTestThread({ authorId: author.id });
    const hidden = await createTestReply({ threadId: thread.id, authorId: author.id, body: "Hidden words." });
    await moderatePost(mod.id, hidden, { reason: "spam", note: "" });
    const visitor = await save(hidden, undefined);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login/);
    expect((await save(hidden, cookie)).status).toBe(404);
    expect((await save(999_999, cookie)).status).toBe(404);
    expect((await save(await openingOf(thread.id), cookie, { saved: "yes" })).status).toBe(400);
    expect(await getDb().selectFrom("bookmarks").where("member_id", "=", member.id).selectAll().execute()).toEqual([]);
    // The /saved page itself is for members.
    expect((await run(savedPage.loader, getRequest("/saved"))).headers.get("Location")).toMatch(/^\/login/);
  });

  it("leaves out what the member may no longer see, without forgetting it", async () => {
    const author = await createMember();
    const mod = await createMember({ role: "moderator" });
    const member = await createMember();
    const thread = await createTestThread({ authorId: author.id, title: "Will be hidden" });
    const other = await createTestThread({ authorId: author.id, title: "Stays" });
    const reply = await createTestReply({ threadId: other.id, authorId: author.id, body: "Will be hidden too." });
    const doomed = await createTestReply({ threadId: other.id, authorId: author.id, body: "Will be removed." });
    for (const postId of [await openingOf(thread.id), reply, doomed, await openingOf(other.id)]) {
      expect(await setBookmark({ memberId: member.id, postId, saved: true })).toEqual({ ok: true, saved: true });
    }
    const ids = async (who = member.id) => (await listSaved(await reader(who), null)).items.map((i) => i.postId);
    expect(await ids()).toHaveLength(4);
    await setThreadHidden(thread.id, { actorId: mod.id, reason: "off-topic", note: "" });
    await moderatePost(mod.id, reply, { reason: "spam", note: "" });
    await deletePost({ post: { id: doomed }, memberId: author.id });
    expect(await ids()).toEqual([await openingOf(other.id)]);
    // The rows stay: restored content comes back.
    await setThreadHidden(thread.id, null, mod.id);
    expect(await ids()).toContain(await openingOf(thread.id));
    // The author still sees their own hidden reply, as everywhere.
    await setBookmark({ memberId: author.id, postId: reply, saved: true });
    expect(await ids(author.id)).toEqual([reply]);
  });

  it("keeps pseudonyms and withheld answers as the round shows them", async () => {
    const mod = await createMember({ role: "moderator" });
    const answerer = await createMember({ displayName: "Real Name" });
    const member = await createMember();
    const round = await createTestRound({ createdBy: mod.id, answerFirst: true });
    const promptId = round.promptIds[0]!;
    const answer = await createTestAnswer({
      roundId: round.id,
      threadId: promptId,
      memberId: answerer.id,
      pseudonym: "River",
    });
    // Saved while it could be seen (written straight in: the route would refuse it now).
    await getDb().insertInto("bookmarks").values({ member_id: member.id, post_id: answer, created_at: 1 }).execute();
    expect((await listSaved(await reader(member.id), null)).items).toEqual([]);
    // Once the round closes everyone sees the answer, under its pseudonym only.
    await getDb()
      .updateTable("rounds")
      .set({ closes_at: Date.now() - 1000 })
      .where("id", "=", round.id)
      .execute();
    const [item] = (await listSaved(await reader(member.id), null)).items;
    expect(item!.author).toEqual({ name: "River", handle: null });
    expect(JSON.stringify(item)).not.toContain("Real Name");
  });

  it("pages through many saved posts and stops at the limit with a clear message", async () => {
    const author = await createMember();
    const member = await createMember();
    const cookie = await sessionCookieFor(member.id);
    const thread = await createTestThread({ authorId: author.id });
    const reply = await createTestReply({ threadId: thread.id, authorId: author.id });
    const { max } = (await sql<{ max: number }>`SELECT max(id) AS max FROM posts`.execute(getDb())).rows[0]!;
    // BOOKMARKS_MAX copies of the reply, each saved.
    await sql`INSERT INTO posts (thread_id, author_id, parent_id, depth, path, body_source, body_html, excerpt, created_at)
      WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BOOKMARKS_MAX})
      SELECT thread_id, author_id, parent_id, depth, path, body_source, body_html, excerpt, created_at
      FROM posts, n WHERE posts.id = ${reply}`.execute(getDb());
    await sql`INSERT INTO bookmarks (member_id, post_id, created_at)
      SELECT ${member.id}, id, created_at FROM posts WHERE id > ${max} ORDER BY id`.execute(getDb());
    const firstPage = await saved(cookie);
    expect(firstPage.items).toHaveLength(SAVED_PER_PAGE);
    const next = await run(savedPage.loader, getRequest(`/saved?before=${firstPage.nextBefore}`, cookie));
    const secondPage = (await next.json()) as SavedJson;
    expect(secondPage.items).toHaveLength(SAVED_PER_PAGE);
    expect(secondPage.items[0]!.postId).toBeLessThan(firstPage.items.at(-1)!.postId);

    const full = await save(await openingOf(thread.id), cookie);
    expect(full.status).toBe(400);
    expect(((await full.json()) as { error: string }).error).toMatch(/1,000 posts, the most we keep/);
    // Removing one makes room.
    await save(max + 1, cookie, { saved: "0" });
    expect((await save(await openingOf(thread.id), cookie)).status).toBe(302);
  });

  it("go with the account, and are in its export", async () => {
    const author = await createMember();
    const member = await createMember();
    const thread = await createTestThread({ authorId: author.id });
    const opening = await openingOf(thread.id);
    await setBookmark({ memberId: member.id, postId: opening, saved: true });
    // Another member's bookmark of a post the leaving member wrote stays theirs (the post stays, as a placeholder).
    await setBookmark({
      memberId: member.id,
      postId: await createTestReply({ threadId: thread.id, authorId: author.id }),
      saved: true,
    });
    const { exportLists } = await import("~/models/account-export-lists.server");
    const list = exportLists("https://example.org").find((l) => l.name === "savedPosts")!;
    expect((await list.page(member.id, null, 10)).map((r) => r.row)).toEqual([
      { postId: opening, savedAt: expect.any(String) },
      { postId: expect.any(Number), savedAt: expect.any(String) },
    ]);
    expect((await deleteAccount({ memberId: member.id, posts: "keep" })).ok).toBe(true);
    expect(await getDb().selectFrom("bookmarks").where("member_id", "=", member.id).selectAll().execute()).toEqual([]);
  });
});
