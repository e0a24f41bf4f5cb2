// The rules of publishing live in the models (issue 11): calling a model function directly, as a script or
// another feature would, meets the same refusals as the pages do, and a refusal writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~db/client.server";
import { getDraft, saveDraft } from "~/models/drafts.server";
import { flagPost } from "~/models/flags.server";
import { setThreadHidden, setThreadLock } from "~/models/moderation.server";
import { moderatePost } from "~/models/post-moderation.server";
import { deletePost, editPost } from "~/models/posts.server";
import { PostingRefused } from "~/models/publishing.server";
import { createReply, insertReply } from "~/models/replies.server";
import { answerPrompt } from "~/models/round-answers.server";
import { createThread } from "~/models/threads.server";
import { createMember, type TestMember } from "../factories/members";
import { createTestRound } from "../factories/rounds";
import { createTestReply, createTestThread } from "../factories/threads";

const LIMITS = { NEW_MEMBER_REPLIES_PER_HOUR: "2", NEW_MEMBER_THREADS_PER_HOUR: "1" } as const;
const saved: Partial<Record<keyof typeof LIMITS, string | undefined>> = {};

let author: TestMember;
let replier: TestMember;
let moderator: TestMember;

beforeAll(async () => {
  // Small limits, so a test reaches them in a few posts. Put back afterwards: a worker may run other files.
  for (const [name, value] of Object.entries(LIMITS) as Array<[keyof typeof LIMITS, string]>) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  [author, replier, moderator] = [
    await createMember(),
    await createMember(),
    await createMember({ role: "moderator" }),
  ];
});

afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

/** What a refused reply must leave untouched: the thread's posts and its counters. */
async function threadState(threadId: number) {
  const db = getDb();
  const thread = await db
    .selectFrom("threads")
    .select(["reply_count", "last_activity_at"])
    .where("id", "=", threadId)
    .executeTakeFirstOrThrow();
  const posts = await db.selectFrom("posts").select("id").where("thread_id", "=", threadId).execute();
  return { ...thread, postIds: posts.map((p) => p.id) };
}

async function threadWithReply() {
  const thread = await createTestThread({ authorId: author.id });
  const replyId = await createTestReply({ threadId: thread.id, authorId: author.id });
  return { thread, replyId };
}

describe("a reply, asked of the model directly", () => {
  it("is refused under a post its author removed", async () => {
    const { thread, replyId } = await threadWithReply();
    await createTestReply({ threadId: thread.id, parentId: replyId, authorId: replier.id }); // keeps a placeholder
    await deletePost({ post: { id: replyId }, memberId: author.id });
    const before = await threadState(thread.id);
    const result = await createReply({ threadId: thread.id, parentId: replyId, authorId: replier.id, bodySource: "x" });
    expect(result).toMatchObject({ ok: false, reason: "deleted-parent" });
    expect(await threadState(thread.id)).toEqual(before);
  });

  it("is refused in a thread moderators hid, even from its author", async () => {
    const { thread, replyId } = await threadWithReply();
    await setThreadHidden(thread.id, { actorId: moderator.id, reason: "spam", note: "" });
    const before = await threadState(thread.id);
    for (const [authorId, parentId] of [
      [replier.id, replyId],
      [author.id, null],
    ] as const) {
      const result = await createReply({ threadId: thread.id, parentId, authorId, bodySource: "Anyone there?" });
      expect(result).toMatchObject({ ok: false, reason: "hidden-thread" });
    }
    expect(await threadState(thread.id)).toEqual(before);
  });

  it("is refused under a reply moderators hid", async () => {
    const { thread, replyId } = await threadWithReply();
    expect(await moderatePost(moderator.id, replyId, { reason: "spam", note: "" })).toEqual({ ok: true });
    const before = await threadState(thread.id);
    const result = await createReply({ threadId: thread.id, parentId: replyId, authorId: replier.id, bodySource: "x" });
    expect(result).toMatchObject({
      ok: false,
      reason: "hidden-parent",
      message: "Moderators hid the post you answered, so it takes no replies.",
    });
    expect(await threadState(thread.id)).toEqual(before);
  });

  it("is refused in a locked thread, also inside a transaction the caller owns", async () => {
    const { thread, replyId } = await threadWithReply();
    await setThreadLock(moderator.id, thread.id, { reason: "The meeting is over." });
    const before = await threadState(thread.id);
    const input = { threadId: thread.id, parentId: replyId, authorId: replier.id, bodySource: "Late!" };
    expect(await createReply(input)).toEqual({
      ok: false,
      reason: "locked",
      message: "This discussion is locked, so it takes no new replies.",
    });
    const refusal = getDb()
      .transaction()
      .execute((trx) => insertReply(trx, input, { html: "<p>Late!</p>", mentions: [], images: [] }));
    await expect(refusal).rejects.toBeInstanceOf(PostingRefused);
    await expect(refusal).rejects.toMatchObject({ reason: "locked" });
    expect(await threadState(thread.id)).toEqual(before);
  });

  it("is refused past the new-member limit, with the limit's message", async () => {
    const newcomer = await createMember({ createdAt: Date.now() });
    const { thread } = await threadWithReply();
    for (let i = 0; i < 2; i++) await createTestReply({ threadId: thread.id, authorId: newcomer.id });
    const before = await threadState(thread.id);
    const result = await createReply({ threadId: thread.id, parentId: null, authorId: newcomer.id, bodySource: "x" });
    expect(result).toEqual({
      ok: false,
      reason: "rate-limited",
      message:
        "New members can post 2 replies an hour during their first day. Your text is kept here: please try again a little later.",
    });
    expect(await threadState(thread.id)).toEqual(before);
    // The limit is for new members only.
    expect(
      await createReply({ threadId: thread.id, parentId: null, authorId: replier.id, bodySource: "y" }),
    ).toMatchObject({ ok: true });
  });

  it("counts a round answer against the same limit, and writes no answer when refused", async () => {
    const newcomer = await createMember({ createdAt: Date.now() });
    const round = await createTestRound({ createdBy: moderator.id });
    const { thread } = await threadWithReply();
    for (let i = 0; i < 2; i++) await createTestReply({ threadId: thread.id, authorId: newcomer.id });
    const result = await answerPrompt({
      roundId: round.id,
      threadId: round.promptIds[0]!,
      memberId: newcomer.id,
      bodySource: "My answer.",
      consent: "anonymized",
      pseudonym: null,
    });
    expect(result).toMatchObject({ ok: false, field: "form", reason: "rate-limited" });
    const answers = await getDb()
      .selectFrom("round_answers")
      .select("post_id")
      .where("member_id", "=", newcomer.id)
      .execute();
    expect(answers).toEqual([]);
  });
});

describe("a reply and its draft", () => {
  it("go together: the draft is discarded when the reply is published, and stays when it is refused", async () => {
    const { thread, replyId } = await threadWithReply();
    const draft = () =>
      saveDraft({
        memberId: replier.id,
        kind: "reply",
        threadId: thread.id,
        parentPostId: replyId,
        bodySource: "Draft",
      });
    const kept = await draft();
    await setThreadLock(moderator.id, thread.id, { reason: "Paused." });
    const refused = await createReply({
      threadId: thread.id,
      parentId: replyId,
      authorId: replier.id,
      bodySource: "Draft, finished",
      draftId: kept,
    });
    expect(refused).toMatchObject({ ok: false, reason: "locked" });
    expect(await getDraft(kept, replier.id)).not.toBeNull();

    await setThreadLock(moderator.id, thread.id, null);
    const published = await createReply({
      threadId: thread.id,
      parentId: replyId,
      authorId: replier.id,
      bodySource: "Draft, finished",
      draftId: kept,
    });
    expect(published).toMatchObject({ ok: true });
    expect(await getDraft(kept, replier.id)).toBeNull();
  });

  it("never discards someone else's draft", async () => {
    const { thread, replyId } = await threadWithReply();
    const theirs = await saveDraft({ memberId: author.id, kind: "discussion", title: "Mine", bodySource: "Mine." });
    const result = await createReply({
      threadId: thread.id,
      parentId: replyId,
      authorId: replier.id,
      bodySource: "x",
      draftId: theirs,
    });
    expect(result).toMatchObject({ ok: true });
    expect(await getDraft(theirs, author.id)).not.toBeNull();
  });
});

describe("a new thread", () => {
  it("is refused past the new-member limit with nothing written, and its draft kept", async () => {
    const newcomer = await createMember({ createdAt: Date.now() });
    await createTestThread({ authorId: newcomer.id });
    const draftId = await saveDraft({ memberId: newcomer.id, kind: "discussion", title: "Second", bodySource: "Two" });
    const attempt = createThread({
      authorId: newcomer.id,
      kind: "discussion",
      title: "A second thread today",
      bodySource: "Two",
      tagSlugs: ["organizing"],
      draftId,
    });
    await expect(attempt).rejects.toBeInstanceOf(PostingRefused);
    await expect(attempt).rejects.toMatchObject({
      reason: "rate-limited",
      message:
        "New members can post 1 new threads an hour during their first day. Your text is kept here: please try again a little later.",
    });
    const threads = await getDb().selectFrom("threads").select("id").where("author_id", "=", newcomer.id).execute();
    expect(threads).toHaveLength(1);
    expect(await getDraft(draftId, newcomer.id)).not.toBeNull();
  });

  it("discards its draft in the same transaction when published", async () => {
    const draftId = await saveDraft({ memberId: author.id, kind: "discussion", title: "Later", bodySource: "Soon" });
    await createThread({
      authorId: author.id,
      kind: "discussion",
      title: "Published from a draft",
      bodySource: "Soon",
      tagSlugs: ["organizing"],
      draftId,
    });
    expect(await getDraft(draftId, author.id)).toBeNull();
  });
});

describe("a flag, asked of the model directly", () => {
  async function flagRows(postId: number) {
    return getDb().selectFrom("flags").select("id").where("post_id", "=", postId).execute();
  }

  it("is refused on a reply moderators hid", async () => {
    const { replyId } = await threadWithReply();
    await moderatePost(moderator.id, replyId, { reason: "off-topic", note: "" });
    expect(await flagPost({ postId: replyId, memberId: replier.id, reason: "spam", note: "" })).toEqual({
      ok: false,
      reason: "hidden",
      message: "Moderators have already hidden this post.",
    });
    expect(await flagRows(replyId)).toEqual([]);
  });

  it("is refused on a post its author removed", async () => {
    const { replyId } = await threadWithReply();
    await deletePost({ post: { id: replyId }, memberId: author.id });
    expect(await flagPost({ postId: replyId, memberId: replier.id, reason: "spam", note: "" })).toMatchObject({
      ok: false,
      reason: "missing",
    });
    expect(await flagRows(replyId)).toEqual([]);
  });
});

describe("an edit or a deletion, asked of the model directly", () => {
  it("is refused on a post already removed, and a post deleted twice counts once", async () => {
    const { thread, replyId } = await threadWithReply();
    const before = await threadState(thread.id);
    expect(await deletePost({ post: { id: replyId }, memberId: author.id })).toEqual({
      ok: true,
      threadRemoved: false,
    });
    expect(await deletePost({ post: { id: replyId }, memberId: author.id })).toMatchObject({
      ok: false,
      reason: "missing",
    });
    expect((await threadState(thread.id)).reply_count).toBe(before.reply_count - 1);
    expect(await editPost({ post: { id: replyId }, editorId: author.id, bodySource: "Back again" })).toEqual({
      ok: false,
      reason: "missing",
      message: "There is no such post.",
    });
    const revisions = await getDb().selectFrom("post_revisions").select("id").where("post_id", "=", replyId).execute();
    expect(revisions).toEqual([]);
  });

  it("is refused on someone else's post", async () => {
    const { replyId } = await threadWithReply();
    expect(await editPost({ post: { id: replyId }, editorId: replier.id, bodySource: "Mine now" })).toMatchObject({
      ok: false,
      reason: "not-author",
    });
    expect(await deletePost({ post: { id: replyId }, memberId: replier.id })).toMatchObject({
      ok: false,
      reason: "not-author",
    });
    const row = await getDb()
      .selectFrom("posts")
      .select(["body_source", "deleted_at"])
      .where("id", "=", replyId)
      .executeTakeFirstOrThrow();
    expect(row.deleted_at).toBeNull();
    expect(row.body_source).not.toBe("Mine now");
  });
});
