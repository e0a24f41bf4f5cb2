import { getDb, type Executor } from "~db/client.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { slugify } from "~/lib/slug";
import { childPath, idsInPath } from "./post-path";
import { followThreadAutomatically } from "./follows.server";
import { notifyEditedMentions, notifyNewReply } from "./notifications.server";
import { indexPost, reindexThread, syncPostIndex } from "./search-index.server";
import { invalidateAllPages, invalidateThreadPages } from "./page-invalidation.server";

/** A new post row, visible and unedited; its path is set by the caller once its id is known. */
export async function insertPostRow(
  trx: Executor,
  post: {
    threadId: number;
    authorId: number;
    parentId: number | null;
    depth: number;
    bodySource: string;
    bodyHtml: string;
    now: number;
  },
): Promise<number> {
  const row = await trx
    .insertInto("posts")
    .values({
      thread_id: post.threadId,
      author_id: post.authorId,
      parent_id: post.parentId,
      depth: post.depth,
      path: "",
      body_source: post.bodySource,
      body_html: post.bodyHtml,
      created_at: post.now,
      edited_at: null,
      deleted_at: null,
      hidden_at: null,
      hidden_by: null,
      hidden_reason: null,
      hidden_note: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

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

export interface PostForEdit {
  id: number;
  threadId: number;
  threadSlug: string;
  authorId: number;
  depth: number;
  bodySource: string;
  /** For an opening post, the thread's title and topics are edited with it. */
  title: string | null;
  tagSlugs: string[];
  deleted: boolean;
  hidden: boolean;
  descendantCount: number;
}

export async function getPostForEdit(postId: number): Promise<PostForEdit | null> {
  const db = getDb();
  const row = await db
    .selectFrom("posts as p")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .select([
      "p.id",
      "p.thread_id",
      "t.slug",
      "p.author_id",
      "p.depth",
      "p.body_source",
      "t.title",
      "p.deleted_at",
      "p.hidden_at",
      "p.descendant_count",
      "t.deleted_at as thread_deleted_at",
    ])
    .where("p.id", "=", postId)
    .executeTakeFirst();
  if (!row || row.thread_deleted_at !== null) return null;
  const tags =
    row.depth === 0
      ? await db
          .selectFrom("thread_tags")
          .innerJoin("tags", "tags.id", "thread_tags.tag_id")
          .select("tags.slug")
          .where("thread_tags.thread_id", "=", row.thread_id)
          .execute()
      : [];
  return {
    id: row.id,
    threadId: row.thread_id,
    threadSlug: row.slug,
    authorId: row.author_id,
    depth: row.depth,
    bodySource: row.body_source,
    title: row.depth === 0 ? row.title : null,
    tagSlugs: tags.map((t) => t.slug),
    deleted: row.deleted_at !== null,
    hidden: row.hidden_at !== null,
    descendantCount: row.descendant_count,
  };
}

/**
 * Edits a post, keeping the version it replaces as a revision. For an opening post the thread's title and
 * topics change with it (and the topic counters move in the same transaction).
 */
export async function editPost(input: {
  post: PostForEdit;
  editorId: number;
  bodySource: string;
  title?: string;
  tagIds?: number[];
  now?: number;
}): Promise<void> {
  const { post } = input;
  const now = input.now ?? Date.now();
  const bodyHtml = renderMarkdown(input.bodySource);
  await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .insertInto("post_revisions")
        .values({
          post_id: post.id,
          editor_id: input.editorId,
          body_source: post.bodySource,
          title: post.title,
          created_at: now,
        })
        .execute();
      await trx
        .updateTable("posts")
        .set({ body_source: input.bodySource, body_html: bodyHtml, edited_at: now })
        .where("id", "=", post.id)
        .execute();
      if (post.depth === 0 && input.title !== undefined) {
        await trx
          .updateTable("threads")
          .set({ title: input.title, slug: slugify(input.title) })
          .where("id", "=", post.threadId)
          .execute();
      }
      if (post.depth === 0 && input.tagIds) await replaceThreadTags(trx, post.threadId, input.tagIds);
      await syncPostIndex(trx, post.id);
      if (!post.hidden)
        await notifyEditedMentions(trx, {
          postId: post.id,
          threadId: post.threadId,
          authorId: post.authorId,
          source: input.bodySource,
        });
    });
  // New topics change other topics' pages too.
  if (input.tagIds) invalidateAllPages();
  else await invalidateThreadPages(post.threadId, [input.editorId]);
}

/** Moves a thread to a new set of topics, keeping every topic's thread count true. */
export async function replaceThreadTags(trx: Executor, threadId: number, tagIds: number[]): Promise<void> {
  const current = (
    await trx.selectFrom("thread_tags").select("tag_id").where("thread_id", "=", threadId).execute()
  ).map((r) => r.tag_id);
  const removed = current.filter((id) => !tagIds.includes(id));
  const added = tagIds.filter((id) => !current.includes(id));
  const thread = await trx
    .selectFrom("threads")
    .select(["hidden_at", "deleted_at"])
    .where("id", "=", threadId)
    .executeTakeFirstOrThrow();
  const counted = thread.hidden_at === null && thread.deleted_at === null;
  if (removed.length) {
    await trx.deleteFrom("thread_tags").where("thread_id", "=", threadId).where("tag_id", "in", removed).execute();
    if (counted) {
      await trx
        .updateTable("tags")
        .set((eb) => ({ thread_count: eb("thread_count", "-", 1) }))
        .where("id", "in", removed)
        .execute();
    }
  }
  if (added.length) {
    await trx
      .insertInto("thread_tags")
      .values(added.map((tag_id) => ({ thread_id: threadId, tag_id })))
      .execute();
    if (counted) {
      await trx
        .updateTable("tags")
        .set((eb) => ({ thread_count: eb("thread_count", "+", 1) }))
        .where("id", "in", added)
        .execute();
    }
  }
}

/**
 * An author removes their own post. Nothing is erased: the row stays with deleted_at set, so replies under
 * it keep their place. Deleting the opening post of a thread with no replies removes the whole thread.
 */
export async function deletePost(post: PostForEdit, now = Date.now()): Promise<{ threadRemoved: boolean }> {
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      await trx
        .updateTable("posts")
        .set({ deleted_at: now })
        .where("id", "=", post.id)
        .where("deleted_at", "is", null)
        .execute();
      await syncPostIndex(trx, post.id);
      if (post.depth > 0) {
        if (!post.hidden) {
          await trx
            .updateTable("threads")
            .set((eb) => ({ reply_count: eb("reply_count", "-", 1) }))
            .where("id", "=", post.threadId)
            .execute();
        }
        return { threadRemoved: false };
      }
      if (post.descendantCount > 0) return { threadRemoved: false };
      const thread = await trx
        .selectFrom("threads")
        .select("hidden_at")
        .where("id", "=", post.threadId)
        .executeTakeFirstOrThrow();
      await trx.updateTable("threads").set({ deleted_at: now }).where("id", "=", post.threadId).execute();
      await reindexThread(trx, post.threadId);
      if (thread.hidden_at === null) {
        await trx
          .updateTable("tags")
          .set((eb) => ({ thread_count: eb("thread_count", "-", 1) }))
          .where("id", "in", trx.selectFrom("thread_tags").select("tag_id").where("thread_id", "=", post.threadId))
          .execute();
      }
      return { threadRemoved: true };
    });
  await invalidateThreadPages(post.threadId, [post.authorId]);
  return result;
}

export type HelpfulResult = { ok: true; helpful: boolean; count: number } | { ok: false; message: string };

/** Marks or unmarks a post as helpful: one per member per post, never your own. */
export async function toggleHelpful(postId: number, memberId: number): Promise<HelpfulResult> {
  let threadId = 0;
  const result: HelpfulResult = await getDb()
    .transaction()
    .execute(async (trx) => {
      const post = await trx
        .selectFrom("posts")
        .select(["id", "thread_id", "author_id", "depth", "helpful_count", "deleted_at", "hidden_at"])
        .where("id", "=", postId)
        .executeTakeFirst();
      if (!post || post.deleted_at !== null || post.hidden_at !== null)
        return { ok: false, message: "That post is not available." };
      if (post.author_id === memberId) return { ok: false, message: "You can't mark your own post as helpful." };
      const removed = await trx
        .deleteFrom("post_reactions")
        .where("post_id", "=", postId)
        .where("member_id", "=", memberId)
        .executeTakeFirst();
      const helpful = removed.numDeletedRows === 0n;
      if (helpful)
        await trx
          .insertInto("post_reactions")
          .values({ post_id: postId, member_id: memberId, created_at: Date.now() })
          .execute();
      const delta = helpful ? 1 : -1;
      await trx
        .updateTable("posts")
        .set((eb) => ({ helpful_count: eb("helpful_count", "+", delta) }))
        .where("id", "=", postId)
        .execute();
      if (post.depth === 0) {
        await trx
          .updateTable("threads")
          .set((eb) => ({ helpful_count: eb("helpful_count", "+", delta) }))
          .where("id", "=", post.thread_id)
          .execute();
      }
      threadId = post.thread_id;
      return { ok: true, helpful, count: post.helpful_count + delta };
    });
  if (result.ok) await invalidateThreadPages(threadId, [memberId]);
  return result;
}

export interface RevisionView {
  id: number;
  title: string | null;
  html: string;
  createdAt: number;
  editor: { handle: string; displayName: string };
}

/** Every earlier version of a post, newest first; the current one is the post itself. */
export async function listRevisions(postId: number): Promise<RevisionView[]> {
  const rows = await getDb()
    .selectFrom("post_revisions as r")
    .innerJoin("members as m", "m.id", "r.editor_id")
    .select(["r.id", "r.title", "r.body_source", "r.created_at", "m.handle", "m.display_name"])
    .where("r.post_id", "=", postId)
    .orderBy("r.id", "desc")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    html: renderMarkdown(r.body_source),
    createdAt: r.created_at,
    editor: { handle: r.handle, displayName: r.display_name },
  }));
}
