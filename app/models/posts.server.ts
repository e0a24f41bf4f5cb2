import { getDb, type Executor } from "~db/client.server";
import type { Viewer } from "~/auth/viewer";
import { excerptFromHtml, plainTextHtml } from "~/lib/markdown.server";
import { canSeeContent } from "~/lib/permissions";
import { isPostLanguage } from "~/lib/post-language";
import { slugify } from "~/lib/slug";
import { notifyEditedMentions } from "./notifications.server";
import { invalidateAllPages, invalidatePostPages, invalidateThreadEverywhere } from "./page-invalidation.server";
import { linkPostUploads, renderPostBody } from "./uploads.server";
import { loadPseudonyms, presentAuthor, type Byline } from "./pseudonyms.server";
import { reindexThread, syncPostIndex } from "./search-index.server";
import { replaceThreadTags } from "./topics.server";
import { takeWrite } from "./write-throttle.server";
import { tr } from "~/lib/translate";

// A post's rows: written (see replies.server and threads.server), edited with its history kept, deleted softly.
// Markdown renders when a post is written, never when it is read: the post keeps its HTML and the plain-text
// excerpt lists show, and each revision the HTML it had.

/** The stored excerpt of a post: plain text, for lists of threads and of a member's replies. */
export const POST_EXCERPT_CHARS = 180;

/** A post's excerpt from its rendered HTML (no Markdown is rendered again). */
export function postExcerpt(bodyHtml: string): string {
  return excerptFromHtml(bodyHtml, POST_EXCERPT_CHARS);
}

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
    /** A code from lib/post-language's list, or null (unknown); routes check it first, with a message. */
    language?: string | null;
    now: number;
  },
): Promise<number> {
  if (post.language != null && !isPostLanguage(post.language)) throw new Error(`Not a post language: ${post.language}`);
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
      excerpt: postExcerpt(post.bodyHtml),
      created_at: post.now,
      edited_at: null,
      deleted_at: null,
      hidden_at: null,
      hidden_by: null,
      hidden_reason: null,
      hidden_note: null,
      language: post.language ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await linkPostUploads(trx, { id: row.id, authorId: post.authorId, source: post.bodySource });
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
  /** The post's language (lib/post-language), or null: unknown. */
  language: string | null;
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
      "p.language",
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
    language: row.language,
    deleted: row.deleted_at !== null,
    hidden: row.hidden_at !== null,
    descendantCount: row.descendant_count,
  };
}

/** Why an edit or a deletion was refused: the post is gone (404 to a route), or it is someone else's (403). */
export type PostChangeRefusal = { ok: false; reason: "missing" | "not-author"; message: string };

/** The post as its author changes it, read inside the transaction that changes it. */
async function findOwnPost(trx: Executor, postId: number, memberId: number, verb: "edit" | "delete") {
  const post = await trx
    .selectFrom("posts as p")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .innerJoin("members as me", (join) => join.on("me.id", "=", memberId))
    .select([
      "me.role",
      "p.id",
      "p.thread_id",
      "p.author_id",
      "p.depth",
      "p.body_source",
      "p.body_html",
      "p.hidden_at",
      "p.deleted_at",
      "p.descendant_count",
      "t.title",
      "t.author_id as thread_author_id",
      "t.hidden_at as thread_hidden_at",
      "t.deleted_at as thread_deleted_at",
    ])
    .where("p.id", "=", postId)
    .executeTakeFirst();
  // A reply in a thread moderators hid is out of its author's sight too, unless they may see the thread.
  const threadShown = (row: NonNullable<typeof post>) =>
    canSeeContent(
      { id: memberId, role: row.role },
      {
        authorId: row.thread_author_id,
        hidden: row.thread_hidden_at !== null,
        deleted: row.thread_deleted_at !== null,
      },
    );
  if (!post || post.deleted_at !== null || !threadShown(post)) {
    return { ok: false, reason: "missing", message: tr("threads:post.noSuchPost") } satisfies PostChangeRefusal;
  }
  if (post.author_id !== memberId) {
    const message = tr(verb === "edit" ? "threads:editPage.onlyAuthor" : "threads:deletePage.onlyAuthor");
    return { ok: false, reason: "not-author", message } satisfies PostChangeRefusal;
  }
  return { ok: true, post } as const;
}

/**
 * Edits a post, keeping the version it replaces (its words and their HTML) as a revision. For an opening post
 * the thread's title and topics change with it (and the topic counters move in the same transaction). Only its
 * author edits a post, and not once it is removed: both are checked on the row the transaction changes.
 * Counts against the editor's edit limit and renders before the transaction opens: throws WriteThrottledError
 * or MarkdownRefusedError (see writeRefusal) with nothing written.
 */
export async function editPost(input: {
  /** Only its id is used: the post is read again inside the transaction. */
  post: Pick<PostForEdit, "id">;
  editorId: number;
  bodySource: string;
  title?: string;
  tagIds?: number[];
  /** A new language for the post (an opening post's is its thread's too); absent: unchanged. */
  language?: string;
  now?: number;
}): Promise<{ ok: true } | PostChangeRefusal> {
  const now = input.now ?? Date.now();
  if (input.language !== undefined && !isPostLanguage(input.language))
    throw new Error(`Not a post language: ${input.language}`);
  await takeWrite("edit", input.editorId);
  const rendered = await renderPostBody(input.editorId, input.bodySource);
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      const found = await findOwnPost(trx, input.post.id, input.editorId, "edit");
      if (!found.ok) return found;
      const { post } = found;
      await trx
        .insertInto("post_revisions")
        .values({
          post_id: post.id,
          editor_id: input.editorId,
          body_source: post.body_source,
          body_html: post.body_html,
          title: post.depth === 0 ? post.title : null,
          created_at: now,
        })
        .execute();
      await trx
        .updateTable("posts")
        .set({
          body_source: input.bodySource,
          body_html: rendered.html,
          excerpt: postExcerpt(rendered.html),
          edited_at: now,
          ...(input.language !== undefined ? { language: input.language } : {}),
        })
        .where("id", "=", post.id)
        .execute();
      await linkPostUploads(trx, { id: post.id, authorId: post.author_id, source: input.bodySource });
      if (post.depth === 0) await retitleThread(trx, post.thread_id, input);
      await syncPostIndex(trx, post.id);
      if (post.hidden_at === null) {
        const mention = { postId: post.id, threadId: post.thread_id, authorId: post.author_id };
        await notifyEditedMentions(trx, { ...mention, mentions: rendered.mentions });
      }
      return { ok: true, threadId: post.thread_id } as const;
    });
  if (!result.ok) return result;
  // New topics change other topics' pages too; a new title shows on the profile of everyone who replied.
  if (input.tagIds) invalidateAllPages();
  else if (input.title !== undefined) await invalidateThreadEverywhere(result.threadId);
  else await invalidatePostPages(input.post.id);
  return { ok: true };
}

/** An opening post's edit may retitle its thread and move it to other topics. */
async function retitleThread(
  trx: Executor,
  threadId: number,
  input: { title?: string; tagIds?: number[]; language?: string },
) {
  if (input.language !== undefined)
    await trx.updateTable("threads").set({ language: input.language }).where("id", "=", threadId).execute();
  if (input.title !== undefined) {
    await trx
      .updateTable("threads")
      .set({ title: input.title, slug: slugify(input.title) })
      .where("id", "=", threadId)
      .execute();
  }
  if (input.tagIds) await replaceThreadTags(trx, threadId, input.tagIds);
}

/**
 * An author removes their own post. Nothing is erased: the row stays with deleted_at set, so replies under
 * it keep their place. Deleting the opening post of a thread with no replies removes the whole thread. Read
 * again inside the transaction: a post deleted twice at once is refused the second time, counted once.
 */
export async function deletePost(input: {
  post: Pick<PostForEdit, "id">;
  memberId: number;
  now?: number;
}): Promise<{ ok: true; threadRemoved: boolean } | PostChangeRefusal> {
  const now = input.now ?? Date.now();
  const result = await getDb()
    .transaction()
    .execute(async (trx) => {
      const found = await findOwnPost(trx, input.post.id, input.memberId, "delete");
      if (!found.ok) return found;
      const { post } = found;
      await trx.updateTable("posts").set({ deleted_at: now }).where("id", "=", post.id).execute();
      await syncPostIndex(trx, post.id);
      const threadRemoved = post.depth === 0 && post.descendant_count === 0;
      if (threadRemoved) await removeThread(trx, post.thread_id, post.thread_hidden_at === null, now);
      else if (post.depth > 0 && post.hidden_at === null) {
        await trx
          .updateTable("threads")
          .set((eb) => ({ reply_count: eb("reply_count", "-", 1) }))
          .where("id", "=", post.thread_id)
          .execute();
      }
      return { ok: true, threadRemoved, threadId: post.thread_id } as const;
    });
  if (!result.ok) return result;
  if (result.threadRemoved) await invalidateThreadEverywhere(result.threadId);
  else await invalidatePostPages(input.post.id);
  return { ok: true, threadRemoved: result.threadRemoved };
}

/** A thread whose opening post goes with no replies goes too; it leaves its topics' counts if it was in them. */
async function removeThread(trx: Executor, threadId: number, counted: boolean, now: number): Promise<void> {
  await trx.updateTable("threads").set({ deleted_at: now }).where("id", "=", threadId).execute();
  await reindexThread(trx, threadId);
  if (counted) {
    await trx
      .updateTable("tags")
      .set((eb) => ({ thread_count: eb("thread_count", "-", 1) }))
      .where("id", "in", trx.selectFrom("thread_tags").select("tag_id").where("thread_id", "=", threadId))
      .execute();
  }
}

export interface RevisionView {
  id: number;
  /** 1 for the first version; the current one (the post itself) comes after the last. */
  version: number;
  title: string | null;
  html: string;
  createdAt: number;
  /** Who made the change, as the post presents its author to the viewer (a pseudonym, for a post under one). */
  editor: Byline;
}

/**
 * Earlier versions of a post, newest first, older than the revision `before` and at most `limit` of them. Each
 * shows the HTML it had; a revision from before 0009_rendered_revisions that the backfill (rendered-backfill.server)
 * has not reached yet shows its words unformatted, never rendered here.
 */
export async function listRevisions(
  postId: number,
  page: { before?: number | null; limit?: number } = {},
  viewer: Viewer | null = null,
): Promise<RevisionView[]> {
  const [rows, pseudonyms] = await Promise.all([
    getDb()
      .selectFrom("post_revisions as r")
      .innerJoin("members as m", "m.id", "r.editor_id")
      .select([
        "r.id",
        "r.title",
        "r.body_html",
        "r.body_source",
        "r.created_at",
        "m.id as editor_id",
        "m.handle",
        "m.display_name",
      ])
      .select((eb) =>
        eb
          .selectFrom("post_revisions as older")
          .select(eb.fn.countAll<number>().as("n"))
          .whereRef("older.post_id", "=", "r.post_id")
          .whereRef("older.id", "<=", "r.id")
          .as("version"),
      )
      .where("r.post_id", "=", postId)
      .$if(page.before != null, (q) => q.where("r.id", "<", page.before!))
      .orderBy("r.id", "desc")
      .$if(page.limit !== undefined, (q) => q.limit(page.limit!))
      .execute(),
    loadPseudonyms({ postIds: [postId] }),
  ]);
  return rows.map((r) => ({
    id: r.id,
    version: Number(r.version),
    title: r.title,
    html: r.body_html ?? plainTextHtml(r.body_source),
    createdAt: r.created_at,
    editor: presentAuthor(
      { id: r.editor_id, handle: r.handle, displayName: r.display_name },
      pseudonyms.get(postId),
      viewer,
    ),
  }));
}
