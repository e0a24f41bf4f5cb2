// Unread (issue 14, docs/decisions/0020): a member's read position per thread, "N new" in lists, the new replies
// of a thread page, and where a post lives (locatePost).
import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { queryCounter } from "~db/engine";
import type { Viewer } from "~/auth/viewer";
import { deleteAccount } from "~/models/account-deletion.server";
import { deletePost } from "~/models/posts.server";
import { moderatePost } from "~/models/post-moderation.server";
import { locatePost } from "~/models/post-location.server";
import { PAGE_POSTS_MAX } from "~/models/page-bounds.server";
import { getThreadPage } from "~/models/thread-page.server";
import {
  listUnreadStates,
  markThreadRead,
  NEVER_VISITED_NEW_MS,
  recordThreadPageView,
} from "~/models/thread-reads.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";

const DAY_MS = 24 * 60 * 60 * 1000;
const asViewer = (m: TestMember): Viewer => ({
  id: m.id,
  handle: m.handle,
  displayName: m.displayName,
  role: "member",
});

/** A member opens the first page of a thread, as the thread page's loader does. */
async function visit(member: TestMember, threadId: number, after: number | null = null) {
  const page = (await getThreadPage(threadId, asViewer(member), after))!;
  return recordThreadPageView(asViewer(member), { thread: page.thread, shownPosts: [page.opening, ...page.replies] });
}

const position = async (memberId: number, threadId: number) =>
  (
    await getDb()
      .selectFrom("thread_reads")
      .select("last_read_post_id")
      .where("member_id", "=", memberId)
      .where("thread_id", "=", threadId)
      .executeTakeFirst()
  )?.last_read_post_id ?? null;

describe("unread", () => {
  it("counts replies since the last visit, only those the member can see and did not write", async () => {
    const reader = await createMember();
    const other = await createMember();
    const mod = await createMember({ role: "moderator" });
    const thread = await createTestThread({ authorId: other.id });
    await createTestReply({ threadId: thread.id, authorId: other.id });
    await visit(reader, thread.id);
    expect(await listUnreadStates(asViewer(reader), [thread.id])).toEqual({});

    const shown = await createTestReply({ threadId: thread.id, authorId: other.id });
    const hidden = await createTestReply({ threadId: thread.id, authorId: other.id });
    const removed = await createTestReply({ threadId: thread.id, authorId: other.id });
    await createTestReply({ threadId: thread.id, authorId: reader.id }); // their own: not new to them
    await moderatePost(mod.id, hidden, { reason: "spam", note: "" });
    expect((await deletePost({ post: { id: removed }, memberId: other.id })).ok).toBe(true);

    expect(await listUnreadStates(asViewer(reader), [thread.id])).toEqual({
      [thread.id]: { unread: true, newCount: 1, visited: true },
    });
    // A moderator, who can see the hidden reply, counts it (they never opened the thread: all of it is new).
    expect((await listUnreadStates({ id: mod.id, role: "moderator" }, [thread.id]))[thread.id]?.newCount).toBe(4);

    // The thread page marks the one new reply, and the position moves past everything shown.
    const view = await visit(reader, thread.id);
    expect(view.newPostIds).toEqual([shown]);
    expect(view.firstNewUrl).toBe(`#post-${shown}`);
    expect(await listUnreadStates(asViewer(reader), [thread.id])).toEqual({});
  });

  it("moves the read position only forward, with at most one write per view", async () => {
    const reader = await createMember();
    const other = await createMember();
    const thread = await createTestThread({ authorId: other.id });
    const first = await createTestReply({ threadId: thread.id, authorId: other.id });
    const second = await createTestReply({ threadId: thread.id, authorId: other.id });
    await markThreadRead({ memberId: reader.id, threadId: thread.id, postId: second });
    await markThreadRead({ memberId: reader.id, threadId: thread.id, postId: first });
    expect(await position(reader.id, thread.id)).toBe(second);

    // Nothing newer on the page: the row is not written at all.
    const readAt = () =>
      getDb().selectFrom("thread_reads").select("read_at").where("member_id", "=", reader.id).executeTakeFirstOrThrow();
    await getDb().updateTable("thread_reads").set({ read_at: 1 }).where("member_id", "=", reader.id).execute();
    await visit(reader, thread.id);
    expect((await readAt()).read_at).toBe(1);
    // Something newer: one upsert moves it forward.
    const third = await createTestReply({ threadId: thread.id, authorId: other.id });
    await visit(reader, thread.id);
    expect(await position(reader.id, thread.id)).toBe(third);
    expect((await readAt()).read_at).toBeGreaterThan(1);
  });

  it("counts a thread never opened as new only when it started after the member joined and within 30 days", async () => {
    const now = Date.now();
    const veteran = await createMember({ createdAt: now - 90 * DAY_MS });
    const newcomer = await createMember({ createdAt: now - DAY_MS });
    const author = await createMember({ createdAt: now - 90 * DAY_MS });
    const old = await createTestThread({ authorId: author.id, now: now - NEVER_VISITED_NEW_MS - DAY_MS });
    const beforeNewcomer = await createTestThread({ authorId: author.id, now: now - 3 * DAY_MS });
    const fresh = await createTestThread({ authorId: author.id });
    const own = await createTestThread({ authorId: veteran.id });
    await createTestReply({ threadId: fresh.id, authorId: author.id });
    const ids = [old.id, beforeNewcomer.id, fresh.id, own.id];

    expect(await listUnreadStates(asViewer(veteran), ids)).toEqual({
      [beforeNewcomer.id]: { unread: true, newCount: 0, visited: false },
      [fresh.id]: { unread: true, newCount: 1, visited: false },
    });
    // Started before the newcomer joined: not new to them; since, it is (whoever wrote it but themselves).
    expect(Object.keys(await listUnreadStates(asViewer(newcomer), ids))).toEqual([String(fresh.id), String(own.id)]);
    // An old thread never opened: nothing is marked new on its page either, and no jump is offered.
    await createTestReply({ threadId: old.id, authorId: author.id });
    expect(await visit(veteran, old.id)).toEqual({ newPostIds: [], firstNewUrl: null });
  });

  it("lists any number of threads in one query", async () => {
    const reader = await createMember();
    const other = await createMember();
    const ids: number[] = [];
    for (let i = 0; i < 12; i++) {
      const thread = await createTestThread({ authorId: other.id });
      await createTestReply({ threadId: thread.id, authorId: other.id });
      ids.push(thread.id);
    }
    const before = queryCounter.count;
    const states = await listUnreadStates(asViewer(reader), ids);
    expect(queryCounter.count - before).toBe(1);
    expect(Object.keys(states)).toHaveLength(12);
    expect(Object.values(states).every((s) => s.newCount === 1)).toBe(true);
  });

  it("jumps to the first new reply on a later page when this page has none", async () => {
    const reader = await createMember();
    const other = await createMember();
    const thread = await createTestThread({ authorId: other.id });
    for (let i = 0; i < PAGE_POSTS_MAX + 5; i++) await createTestReply({ threadId: thread.id, authorId: other.id });
    // Read up to the end of the first page (the position is its newest post); the second page is still new.
    await visit(reader, thread.id);
    const firstPage = (await getThreadPage(thread.id, asViewer(reader), null))!;
    const secondPage = (await getThreadPage(thread.id, asViewer(reader), firstPage.nextAfter))!;
    const later = secondPage.replies[0]!.id;
    const view = await visit(reader, thread.id);
    expect(view.newPostIds).toEqual([]);
    expect(view.firstNewUrl).toBe(
      `/threads/${thread.id}/${firstPage.thread.slug}?after=${firstPage.nextAfter}#post-${later}`,
    );
    expect(await locatePost(later, asViewer(reader))).toBe(view.firstNewUrl);
  });

  it("locates a post on its thread page, or on its branch page when no thread page shows it", async () => {
    const reader = await createMember();
    const other = await createMember();
    const thread = await createTestThread({ authorId: other.id });
    let parent = await createTestReply({ threadId: thread.id, authorId: other.id });
    const shallow = parent;
    for (let depth = 2; depth <= 8; depth++)
      parent = await createTestReply({ threadId: thread.id, parentId: parent, authorId: other.id });
    const page = (await getThreadPage(thread.id, null, null))!;
    expect(await locatePost(shallow, null)).toBe(`/threads/${thread.id}/${page.thread.slug}#post-${shallow}`);
    expect(await locatePost(parent, null)).toBe(`/posts/${parent}?branch=1#post-${parent}`);
    const mod = await createMember({ role: "moderator" });
    await moderatePost(mod.id, shallow, { reason: "spam", note: "" });
    expect(await locatePost(shallow, asViewer(reader))).toBeNull();
  });

  it("forgets a deleted account's read positions", async () => {
    const reader = await createMember();
    const other = await createMember();
    const thread = await createTestThread({ authorId: other.id });
    await visit(reader, thread.id);
    expect(await position(reader.id, thread.id)).not.toBeNull();
    await deleteAccount({ memberId: reader.id, posts: "keep" });
    expect(await position(reader.id, thread.id)).toBeNull();
  });
});
