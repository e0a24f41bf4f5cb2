import { getDb, type Executor } from "~db/client.server";
import { renderMarkdown } from "~/lib/markdown.server";
import { slugify } from "~/lib/slug";
import { notifyEditedMentions } from "./notifications.server";
import { invalidateAllPages, invalidateThreadPages } from "./page-invalidation.server";
import { reindexThread, syncPostIndex } from "./search-index.server";
import { replaceThreadTags } from "./topics.server";

// A post's rows: written (see replies.server and threads.server), edited with its history kept, deleted softly.

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
