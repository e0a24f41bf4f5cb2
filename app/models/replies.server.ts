import { getDb, type Executor } from "~db/client.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { followThreadAutomatically } from "./follows.server";
import { notifyNewReply } from "./notifications.server";
import { invalidateThreadPages } from "./page-invalidation.server";
import { childPath, idsInPath } from "./post-path";
import { insertPostRow } from "./posts.server";
import { indexPost } from "./search-index.server";

export type ReplyResult =
  { ok: true; postId: number } | { ok: false; reason: "thread-missing" | "parent-missing" | "locked"; message: string };

export interface NewReplyInput {
  threadId: number;
  /** The reply answered; null answers the thread's opening post. */
  parentId: number | null;
  authorId: number;
  bodySource: string;
  now?: number;
}

/**
 * Adds a reply: the post, its place in the tree, the ancestors' descendant counts, the thread's counters
 * and the topics' activity, all in one transaction.
 */
export async function createReply(input: NewReplyInput): Promise<ReplyResult> {
  const bodyHtml = renderMarkdown(input.bodySource);
  const result = await getDb()
    .transaction()
    .execute((trx) => insertReply(trx, input, bodyHtml));
  if (result.ok) await invalidateThreadPages(input.threadId, [input.authorId]);
  return result;
}

/** The rows of a reply, inside a transaction the caller owns (see createReply; a round answer uses it too). */
export async function insertReply(trx: Executor, input: NewReplyInput, bodyHtml: string): Promise<ReplyResult> {
  const now = input.now ?? Date.now();
  const thread = await trx
    .selectFrom("threads")
    .select(["id", "locked_at", "hidden_at", "deleted_at"])
    .where("id", "=", input.threadId)
    .executeTakeFirst();
  if (!thread || thread.deleted_at !== null) {
    return { ok: false, reason: "thread-missing", message: "That discussion does not exist." };
  }
  if (thread.locked_at !== null) {
    return { ok: false, reason: "locked", message: "This discussion is locked, so it takes no new replies." };
  }
  const parentQuery = trx
    .selectFrom("posts")
    .select(["id", "depth", "path", "author_id", "deleted_at", "hidden_at"])
    .where("thread_id", "=", input.threadId);
  const parent = await (
    input.parentId === null ? parentQuery.where("depth", "=", 0) : parentQuery.where("id", "=", input.parentId)
  ).executeTakeFirst();
  if (!parent) {
    return { ok: false, reason: "parent-missing", message: "The reply you answered is not in this discussion." };
  }
  const insertedId = await insertPostRow(trx, {
    threadId: input.threadId,
    authorId: input.authorId,
    parentId: parent.id,
    depth: parent.depth + 1,
    bodySource: input.bodySource,
    bodyHtml,
    now,
  });
  const inserted = { id: insertedId };
  await trx
    .updateTable("posts")
    .set({ path: childPath(parent.path, inserted.id) })
    .where("id", "=", inserted.id)
    .execute();
  await indexPost(trx, { id: inserted.id, title: null, bodyHtml }, true);
  // The opening post (depth 0) is an ancestor of every reply but has no segment in the path.
  const ancestorIds = parent.depth === 0 ? [parent.id] : [...idsInPath(parent.path)];
  if (parent.depth > 0) {
    const opening = await trx
      .selectFrom("posts")
      .select("id")
      .where("thread_id", "=", input.threadId)
      .where("depth", "=", 0)
      .executeTakeFirstOrThrow();
    ancestorIds.push(opening.id);
  }
  await trx
    .updateTable("posts")
    .set((eb) => ({ descendant_count: eb("descendant_count", "+", 1) }))
    .where("id", "in", ancestorIds)
    .execute();
  await trx
    .updateTable("threads")
    .set((eb) => ({ reply_count: eb("reply_count", "+", 1), last_activity_at: now }))
    .where("id", "=", input.threadId)
    .execute();
  await trx
    .updateTable("tags")
    .set({ last_activity_at: now })
    .where("id", "in", trx.selectFrom("thread_tags").select("tag_id").where("thread_id", "=", input.threadId))
    .execute();
  await followThreadAutomatically(trx, input.authorId, input.threadId, now);
  await notifyNewReply(trx, {
    postId: inserted.id,
    threadId: input.threadId,
    authorId: input.authorId,
    parentAuthorId: parent.author_id,
    source: input.bodySource,
  });
  return { ok: true, postId: inserted.id };
}
