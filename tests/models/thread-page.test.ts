import { describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { queryCounter } from "~db/engine";
import type { Viewer } from "~/auth/viewer";
import { toggleHelpful } from "~/models/helpful.server";
import { deletePost, editPost, getPostForEdit, listRevisions } from "~/models/posts.server";
import { createReply } from "~/models/replies.server";
import {
  PAGE_HTML_BYTES_MAX,
  PAGE_POSTS_MAX,
  REVISIONS_PER_PAGE,
  type Continuation,
} from "~/models/page-bounds.server";
import { getBranch, getRevisionPage } from "~/models/post-context.server";
import { getPermalinkTarget, getThreadPage, type ThreadPageView } from "~/models/thread-page.server";
import { createMember } from "../factories/members";
import { createTestReply, createTestThread } from "../factories/threads";

const asViewer = (m: { id: number; handle: string; displayName: string }): Viewer => ({ ...m, role: "member" });

/** The replies reached through "Continue this thread" links and the "More replies" of the branch pages they open. */
async function followContinuations(start: Continuation[]): Promise<number[]> {
  const seen: number[] = [];
  const queue = [...start];
  while (queue.length) {
    const cut = queue.shift()!;
    const view = await getBranch(cut.postId, null, cut.after);
    expect(view!.ancestors.length + view!.branch.length).toBeLessThanOrEqual(PAGE_POSTS_MAX);
    seen.push(...view!.branch.slice(1).map((r) => r.id));
    queue.push(...view!.continuations);
    if (view!.nextAfter) queue.push({ postId: cut.postId, count: 0, after: view!.nextAfter });
  }
  return seen;
}

describe("thread page", () => {
  it("returns replies in threaded order, at every depth, with who each answers", async () => {
    const ana = await createMember({ displayName: "Ana" });
    const ben = await createMember({ displayName: "Ben" });
    const { id: threadId } = await createTestThread({ authorId: ana.id });
    const a = await createTestReply({ threadId, authorId: ben.id, body: "A" });
    const b = await createTestReply({ threadId, authorId: ana.id, body: "B" });
    const a1 = await createTestReply({ threadId, parentId: a, authorId: ana.id, body: "A1" });
    const a1x = await createTestReply({ threadId, parentId: a1, authorId: ben.id, body: "A1x" });
    const a2 = await createTestReply({ threadId, parentId: a, authorId: ana.id, body: "A2" });
    const b1 = await createTestReply({ threadId, parentId: b, authorId: ben.id, body: "B1" });
    const page = await getThreadPage(threadId, null, null);
    expect(page!.replies.map((r) => r.id)).toEqual([a, a1, a1x, a2, b, b1]);
    expect(page!.replies.map((r) => r.depth)).toEqual([1, 2, 3, 2, 1, 2]);
    expect(page!.replies.find((r) => r.id === a1x)!.replyToName).toBe("Ana");
    expect(page!.replies.find((r) => r.id === a)!.replyToName).toBe("Ana"); // the thread's author
    expect(page!.thread.replyCount).toBe(6);
    const opening = await getDb()
      .selectFrom("posts")
      .select("descendant_count")
      .where("thread_id", "=", threadId)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow();
    expect(opening.descendant_count).toBe(6);
  });

  it("pages by posts, top-level and nested together, and reaches every reply through its links", async () => {
    const member = await createMember();
    const { id: threadId } = await createTestThread({ authorId: member.id });
    const expected: number[] = [];
    for (let i = 0; i < PAGE_POSTS_MAX + 30; i++) {
      const top = await createTestReply({ threadId, authorId: member.id });
      expected.push(top);
      if (i % 10 === 8) expected.push(await createTestReply({ threadId, parentId: top, authorId: member.id }));
    }
    const onPages: number[] = [];
    const cuts: Continuation[] = [];
    let after: number | null = null;
    do {
      const page: ThreadPageView | null = await getThreadPage(threadId, null, after);
      expect(page!.replies.length + 1).toBeLessThanOrEqual(PAGE_POSTS_MAX);
      onPages.push(...page!.replies.map((r) => r.id));
      cuts.push(...page!.continuations);
      after = page!.nextAfter;
    } while (after !== null);
    expect(new Set(onPages).size).toBe(onPages.length);
    const continued = await followContinuations(cuts);
    expect([...onPages, ...continued].sort((a, b) => a - b)).toEqual(expected);
  });

  it("cuts a subtree too big for a page, with 'continue' links under the last post shown and its ancestors", async () => {
    const member = await createMember();
    const { id: threadId } = await createTestThread({ authorId: member.id });
    const top = await createTestReply({ threadId, authorId: member.id });
    const a = await createTestReply({ threadId, parentId: top, authorId: member.id });
    const aKids: number[] = [];
    for (let i = 0; i < PAGE_POSTS_MAX + 20; i++)
      aKids.push(await createTestReply({ threadId, parentId: a, authorId: member.id }));
    const b = await createTestReply({ threadId, parentId: top, authorId: member.id });
    const bKids: number[] = [];
    for (let i = 0; i < 3; i++) bKids.push(await createTestReply({ threadId, parentId: b, authorId: member.id }));
    const later = await createTestReply({ threadId, authorId: member.id });

    const page = await getThreadPage(threadId, null, null);
    // The opening post, the top-level reply and `a` leave room for PAGE_POSTS_MAX - 3 of a's replies.
    const shownKids = PAGE_POSTS_MAX - 3;
    expect(page!.replies.map((r) => r.id)).toEqual([top, a, ...aKids.slice(0, shownKids)]);
    expect(page!.continuations).toEqual([
      { postId: a, count: aKids.length - shownKids, after: aKids[shownKids - 1] },
      { postId: top, count: 4, after: a },
    ]);
    expect(page!.nextAfter).toBe(top);
    const next = await getThreadPage(threadId, null, page!.nextAfter);
    expect(next!.replies.map((r) => r.id)).toEqual([later]);

    const rest = await getBranch(a, null, aKids[shownKids - 1]!);
    expect(rest!.branch.map((r) => r.id)).toEqual([a, ...aKids.slice(shownKids)]);
    expect(rest!.continuations).toEqual([]);
    expect(rest!.nextAfter).toBeNull();
    const bPart = await getBranch(top, null, a);
    expect(bPart!.branch.map((r) => r.id)).toEqual([top, b, ...bKids]);
  });

  it("holds no more HTML than PAGE_HTML_BYTES_MAX, whatever the replies' length", async () => {
    const member = await createMember();
    const { id: threadId } = await createTestThread({ authorId: member.id });
    const long = "Words about the meeting, ".repeat(1_800); // 45,000 characters
    const ids: number[] = [];
    for (let i = 0; i < 30; i++)
      ids.push(await createTestReply({ threadId, authorId: member.id, body: `${i} ${long}` }));
    const seen: number[] = [];
    let after: number | null = null;
    do {
      const page: ThreadPageView | null = await getThreadPage(threadId, null, after);
      const bytes = [page!.opening, ...page!.replies].reduce((sum, p) => sum + Buffer.byteLength(p.html ?? ""), 0);
      expect(bytes).toBeLessThanOrEqual(PAGE_HTML_BYTES_MAX);
      expect(page!.replies.length).toBeGreaterThan(0);
      seen.push(...page!.replies.map((r) => r.id));
      after = page!.nextAfter;
    } while (after !== null);
    expect(seen).toEqual(ids);
  });

  it("sends a permalink to a page that shows the reply, or to its own branch when it is cut from one", async () => {
    const member = await createMember();
    const { id: threadId } = await createTestThread({ authorId: member.id });
    const tops: number[] = [];
    for (let i = 0; i < PAGE_POSTS_MAX + 10; i++) tops.push(await createTestReply({ threadId, authorId: member.id }));
    const late = tops[PAGE_POSTS_MAX + 5]!;
    const child = await createTestReply({ threadId, parentId: late, authorId: member.id });
    expect(await getPermalinkTarget(tops[0]!)).toMatchObject({ threadId, page: { after: null } });
    const target = await getPermalinkTarget(child);
    expect(target!.page!.after).toBe(tops[PAGE_POSTS_MAX + 4]);
    const page = await getThreadPage(threadId, null, target!.page!.after);
    expect(page!.replies.some((r) => r.id === child)).toBe(true);

    const bushy = tops[3]!;
    const kids: number[] = [];
    for (let i = 0; i < PAGE_POSTS_MAX + 10; i++)
      kids.push(await createTestReply({ threadId, parentId: bushy, authorId: member.id }));
    const onItsPage = await getPermalinkTarget(kids[10]!);
    const onPage = await getThreadPage(threadId, null, onItsPage!.page!.after);
    expect(onPage!.replies.some((r) => r.id === kids[10])).toBe(true);
    expect(await getPermalinkTarget(kids.at(-1)!)).toMatchObject({ threadId, page: null });
    expect((await getBranch(kids.at(-1)!, null))!.branch[0]!.id).toBe(kids.at(-1));
  });

  it("renders the first page of a 2,000-reply nested thread in the same number of queries as a small one", async () => {
    const member = await createMember();
    const small = await createTestThread({ authorId: member.id });
    await createTestReply({ threadId: small.id, authorId: member.id });
    const big = await createTestThread({ authorId: member.id });
    const ids: number[] = [];
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 2000; i++) {
      // A third start new branches; the rest answer a recent reply, which makes deep chains.
      const parentId =
        i % 3 === 0 || ids.length === 0 ? null : ids[Math.max(0, ids.length - 1 - Math.floor(random() * 20))]!;
      const result = await createReply({ threadId: big.id, parentId, authorId: member.id, bodySource: `reply ${i}` });
      if (!result.ok) throw new Error(result.message);
      ids.push(result.postId);
    }
    const viewer = asViewer(member);
    const count = async (threadId: number) => {
      const before = queryCounter.count;
      const page = await getThreadPage(threadId, viewer, null);
      return { queries: queryCounter.count - before, replies: page!.replies.length };
    };
    const smallRun = await count(small.id);
    const bigRun = await count(big.id);
    expect(bigRun.replies).toBe(PAGE_POSTS_MAX - 1); // a full page, with the opening post
    expect(bigRun.queries).toBe(smallRun.queries);
    expect(bigRun.queries).toBeLessThanOrEqual(6);
  });
});

describe("writing rules", () => {
  it("refuses a reply to a post of another thread or a missing post, and to a locked thread", async () => {
    const member = await createMember();
    const one = await createTestThread({ authorId: member.id });
    const two = await createTestThread({ authorId: member.id });
    const elsewhere = await createTestReply({ threadId: two.id, authorId: member.id });
    const cross = await createReply({ threadId: one.id, parentId: elsewhere, authorId: member.id, bodySource: "x" });
    expect(cross).toMatchObject({ ok: false, reason: "parent-missing" });
    const missing = await createReply({ threadId: one.id, parentId: 999_999, authorId: member.id, bodySource: "x" });
    expect(missing).toMatchObject({ ok: false, reason: "parent-missing" });
    await getDb().updateTable("threads").set({ locked_at: Date.now() }).where("id", "=", one.id).execute();
    expect(await createReply({ threadId: one.id, parentId: null, authorId: member.id, bodySource: "x" })).toMatchObject(
      { ok: false, reason: "locked" },
    );
    const thread = await getDb()
      .selectFrom("threads")
      .select("reply_count")
      .where("id", "=", one.id)
      .executeTakeFirstOrThrow();
    expect(thread.reply_count).toBe(0);
  });

  it("keeps every earlier version when a post is edited", async () => {
    const member = await createMember();
    const { id: threadId } = await createTestThread({
      authorId: member.id,
      title: "Original title here",
      body: "First words",
    });
    const opening = await getDb()
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", threadId)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow();
    await editPost({
      post: (await getPostForEdit(opening.id))!,
      editorId: member.id,
      bodySource: "Second words",
      title: "A better title",
    });
    await editPost({ post: (await getPostForEdit(opening.id))!, editorId: member.id, bodySource: "Third words" });
    const revisions = await listRevisions(opening.id);
    expect(revisions.map((r) => r.html.trim())).toEqual(["<p>Second words</p>", "<p>First words</p>"]);
    expect(revisions[1]!.title).toBe("Original title here");
    const page = await getThreadPage(threadId, null, null);
    expect(page!.thread.title).toBe("A better title");
    expect(page!.thread.slug).toBe("a-better-title");
    expect(page!.opening.html?.trim()).toBe("<p>Third words</p>");
    expect(page!.opening.editedAt).not.toBeNull();
  });

  it("pages the edit history, newest first, with every version numbered once", async () => {
    const member = await createMember();
    const { id: threadId } = await createTestThread({ authorId: member.id });
    const reply = await createTestReply({ threadId, authorId: member.id, body: "Version 1" });
    const edits = REVISIONS_PER_PAGE * 2 + 5;
    for (let i = 2; i <= edits + 1; i++)
      await editPost({ post: { id: reply }, editorId: member.id, bodySource: `Version ${i}` });
    const versions: number[] = [];
    let before: number | null = null;
    do {
      const page: Awaited<ReturnType<typeof getRevisionPage>> = await getRevisionPage(
        reply,
        "<p>current</p>",
        before,
        null,
      );
      expect(page.revisions.length).toBeLessThanOrEqual(REVISIONS_PER_PAGE);
      for (const revision of page.revisions) {
        expect(revision.html.trim()).toBe(`<p>Version ${revision.version}</p>`);
        versions.push(revision.version);
      }
      before = page.nextBefore;
    } while (before !== null);
    expect(versions).toEqual(Array.from({ length: edits }, (_, i) => edits - i));
  });

  it("deletes softly: a placeholder where replies hang on the post, nothing where none do", async () => {
    const author = await createMember();
    const other = await createMember();
    const { id: threadId } = await createTestThread({ authorId: author.id });
    const withReplies = await createTestReply({ threadId, authorId: author.id, body: "secret words" });
    const answer = await createTestReply({ threadId, parentId: withReplies, authorId: other.id });
    const alone = await createTestReply({ threadId, authorId: author.id });
    await deletePost({ post: { id: withReplies }, memberId: author.id });
    await deletePost({ post: { id: alone }, memberId: author.id });
    const page = await getThreadPage(threadId, null, null);
    expect(page!.replies.map((r) => [r.id, r.state])).toEqual([
      [withReplies, "deleted"],
      [answer, "visible"],
    ]);
    expect(page!.replies[0]!.html).toBeNull();
    expect(page!.replies[0]!.author).toBeNull();
    expect(page!.thread.replyCount).toBe(1);
    const rows = await getDb().selectFrom("posts").select("id").where("id", "in", [withReplies, alone]).execute();
    expect(rows).toHaveLength(2);
  });

  it("toggles helpful once per member and refuses your own post", async () => {
    const author = await createMember();
    const reader = await createMember();
    const { id: threadId } = await createTestThread({ authorId: author.id });
    const reply = await createTestReply({ threadId, authorId: author.id });
    expect(await toggleHelpful(reply, reader.id)).toEqual({ ok: true, helpful: true, count: 1 });
    expect(await toggleHelpful(reply, author.id)).toMatchObject({ ok: false });
    let page = await getThreadPage(threadId, asViewer(reader), null);
    expect(page!.replies[0]).toMatchObject({ helpfulCount: 1, viewerFoundHelpful: true });
    expect(await toggleHelpful(reply, reader.id)).toEqual({ ok: true, helpful: false, count: 0 });
    page = await getThreadPage(threadId, asViewer(reader), null);
    expect(page!.replies[0]).toMatchObject({ helpfulCount: 0, viewerFoundHelpful: false });
  });
});
