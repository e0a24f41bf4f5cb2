import { getDb, type Executor } from "~db/client.server";
import type { RenderedMarkdown } from "~/lib/markdown-bounded.server";
import { discardDraft } from "./drafts.server";
import { followThreadAutomatically } from "./follows.server";
import { notifyNewReply } from "./notifications.server";
import { invalidateThreadPages } from "./page-invalidation.server";
import { childPath, idsInPath } from "./post-path";
import { insertPostRow } from "./posts.server";
import { assertMayPublish, PostingRefused, type PostingRefusalReason } from "./publishing.server";
import { indexPost } from "./search-index.server";
import { renderPostBody } from "./uploads.server";
import { tr } from "~/lib/translate";

export type ReplyResult = { ok: true; postId: number } | { ok: false; reason: PostingRefusalReason; message: string };

export interface NewReplyInput {
  threadId: number;
  /** The reply answered; null answers the thread's opening post. */
  parentId: number | null;
  authorId: number;
  bodySource: string;
  /** The reply's language (lib/post-language); absent or null: unknown. */
  language?: string | null;
  now?: number;
}

/**
 * Adds a reply: the post, its place in the tree, the ancestors' descendant counts, the thread's counters,
 * the topics' activity and, when `draftId` names the author's draft of it, the draft's removal, all in one
 * transaction. Refused, with nothing written (the draft stays), by the rules of insertReply. The Markdown
 * renders first, outside the transaction: a refusal of it is thrown (MarkdownRefusedError) before anything
 * is read or written.
 */
export async function createReply(input: NewReplyInput & { draftId?: number }): Promise<ReplyResult> {
  const rendered = await renderPostBody(input.authorId, input.bodySource);
  let postId: number;
  try {
    postId = await getDb()
      .transaction()
      .execute(async (trx) => {
        const id = await insertReply(trx, input, rendered);
        if (input.draftId) await discardDraft(input.draftId, input.authorId, trx);
        return id;
      });
  } catch (error) {
    if (error instanceof PostingRefused) return { ok: false, reason: error.reason, message: error.message };
    throw error;
  }
  await invalidateThreadPages(input.threadId, [input.authorId]);
  return { ok: true, postId };
}

/**
 * The rows of a reply, inside a transaction the caller owns (see createReply; a round answer uses it too).
 * Throws PostingRefused before writing anything when the thread or the post answered takes no replies
 * (deleted, hidden by moderators, locked) or the author may not publish now (publishing.server). `rendered` is
 * the body rendered by the caller before the transaction opened (renderMarkdownBounded).
 */
export async function insertReply(trx: Executor, input: NewReplyInput, rendered: RenderedMarkdown): Promise<number> {
  const parent = await findOpenParent(trx, input);
  await assertMayPublish(trx, input.authorId, "reply");
  const now = input.now ?? Date.now();
  const postId = await insertPostRow(trx, {
    threadId: input.threadId,
    authorId: input.authorId,
    parentId: parent.id,
    depth: parent.depth + 1,
    bodySource: input.bodySource,
    bodyHtml: rendered.html,
    language: input.language ?? null,
    now,
  });
  await trx
    .updateTable("posts")
    .set({ path: childPath(parent.path, postId) })
    .where("id", "=", postId)
    .execute();
  await indexPost(trx, { id: postId, title: null, bodyHtml: rendered.html }, true);
  await countReply(trx, input.threadId, parent, now);
  await followThreadAutomatically(trx, input.authorId, input.threadId, now);
  await notifyNewReply(trx, {
    postId,
    threadId: input.threadId,
    authorId: input.authorId,
    parentAuthorId: parent.author_id,
    mentions: rendered.mentions,
    now,
  });
  return postId;
}

interface ParentRow {
  id: number;
  depth: number;
  path: string;
  author_id: number;
  /** The thread's opening post: an ancestor of every reply. */
  opening_id: number;
}

/**
 * The post a reply answers, when it and its thread take replies; else throws PostingRefused. One statement:
 * the thread, the post answered and the thread's opening post.
 */
async function findOpenParent(trx: Executor, input: NewReplyInput): Promise<ParentRow> {
  const row = await trx
    .selectFrom("threads as t")
    .leftJoin("posts as p", (join) =>
      input.parentId === null
        ? join.onRef("p.thread_id", "=", "t.id").on("p.depth", "=", 0)
        : join.onRef("p.thread_id", "=", "t.id").on("p.id", "=", input.parentId),
    )
    .leftJoin("posts as o", (join) => join.onRef("o.thread_id", "=", "t.id").on("o.depth", "=", 0))
    .select(["t.locked_at", "t.hidden_at", "t.deleted_at", "p.id", "p.depth", "p.path", "p.author_id"])
    .select(["p.deleted_at as parent_deleted_at", "p.hidden_at as parent_hidden_at", "o.id as opening_id"])
    .where("t.id", "=", input.threadId)
    .executeTakeFirst();
  if (!row || row.deleted_at !== null) throw new PostingRefused("thread-missing", tr("threads:refusal.threadMissing"));
  if (row.hidden_at !== null) throw new PostingRefused("hidden-thread", tr("threads:refusal.hiddenThread"));
  if (row.locked_at !== null) throw new PostingRefused("locked", tr("threads:refusal.locked"));
  const { id, depth, path, author_id, opening_id } = row;
  if (id === null || depth === null || path === null || author_id === null || opening_id === null)
    throw new PostingRefused("parent-missing", tr("threads:refusal.parentMissing"));
  if (row.parent_deleted_at !== null) throw new PostingRefused("deleted-parent", tr("threads:refusal.deletedParent"));
  if (row.parent_hidden_at !== null) throw new PostingRefused("hidden-parent", tr("threads:refusal.hiddenParent"));
  return { id, depth, path, author_id, opening_id };
}

/** A new reply counts for each of its ancestors, for its thread (replies, activity) and its topics (activity). */
async function countReply(trx: Executor, threadId: number, parent: ParentRow, now: number): Promise<void> {
  // The opening post (depth 0) is an ancestor of every reply but has no segment in the path.
  const ancestorIds = parent.depth === 0 ? [parent.id] : [...idsInPath(parent.path), parent.opening_id];
  await trx
    .updateTable("posts")
    .set((eb) => ({ descendant_count: eb("descendant_count", "+", 1) }))
    .where("id", "in", ancestorIds)
    .execute();
  await trx
    .updateTable("threads")
    .set((eb) => ({ reply_count: eb("reply_count", "+", 1), last_activity_at: now }))
    .where("id", "=", threadId)
    .execute();
  await trx
    .updateTable("tags")
    .set({ last_activity_at: now })
    .where("id", "in", trx.selectFrom("thread_tags").select("tag_id").where("thread_id", "=", threadId))
    .execute();
}
