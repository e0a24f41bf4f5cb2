import { getDb } from "~db/client.server";
import type { ThreadKind } from "~db/schema";
import type { Viewer } from "~/auth/viewer";
import { excerptFromHtml } from "~/lib/markdown.server";
import { applyRoundRules } from "./round-visibility.server";
import { postQuery, toPostView, type PostRow } from "./thread-page.server";
import { postShownTo, threadShownTo } from "./visibility.server";
import { tr } from "~/lib/translate";

// Save for later (docs/decisions/0022): a member's bookmarks, one row per saved post; saving a thread saves its
// opening post. A bookmark outlives its post being hidden or removed: /saved reads every row through the
// visibility rules (and a round's), so what a member may not see is simply not listed, and comes back if
// restored. Nothing here shows on a page visitors get, so no cached page changes when a bookmark does.

export const BOOKMARKS_MAX = 1000;
export const SAVED_PER_PAGE = 25;

export type SaveResult = { ok: true; saved: boolean } | { ok: false; message: string };

/** A catalog key: `tr(BOOKMARKS_FULL_MESSAGE, { max: BOOKMARKS_MAX })` where it is shown. */
export const BOOKMARKS_FULL_MESSAGE = "threads:savePage.full";

/**
 * Saves a post for a member, or removes the bookmark (saved: false). Saving needs the post to be one the member
 * may see (the route checks with the thread's rules; here, that it exists and is not removed) and room under
 * BOOKMARKS_MAX, counted in the same transaction. Both are idempotent: saving twice keeps one row.
 */
export async function setBookmark(input: { memberId: number; postId: number; saved: boolean }): Promise<SaveResult> {
  const { memberId, postId, saved } = input;
  return getDb()
    .transaction()
    .execute(async (trx) => {
      if (!saved) {
        await trx.deleteFrom("bookmarks").where("member_id", "=", memberId).where("post_id", "=", postId).execute();
        return { ok: true, saved: false };
      }
      const post = await trx.selectFrom("posts").select(["deleted_at"]).where("id", "=", postId).executeTakeFirst();
      if (!post || post.deleted_at !== null) return { ok: false, message: tr("threads:post.notAvailable") };
      const existing = await trx
        .selectFrom("bookmarks")
        .select("id")
        .where("member_id", "=", memberId)
        .where("post_id", "=", postId)
        .executeTakeFirst();
      if (existing) return { ok: true, saved: true };
      const { count } = await trx
        .selectFrom("bookmarks")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("member_id", "=", memberId)
        .executeTakeFirstOrThrow();
      if (count >= BOOKMARKS_MAX) return { ok: false, message: tr(BOOKMARKS_FULL_MESSAGE, { max: BOOKMARKS_MAX }) };
      await trx
        .insertInto("bookmarks")
        .values({ member_id: memberId, post_id: postId, created_at: Date.now() })
        .execute();
      return { ok: true, saved: true };
    });
}

/** Which of these posts (one page of a thread: bounded) the member saved. */
export async function savedAmong(memberId: number, postIds: number[]): Promise<number[]> {
  if (!postIds.length) return [];
  const rows = await getDb()
    .selectFrom("bookmarks")
    .select("post_id")
    .where("member_id", "=", memberId)
    .where("post_id", "in", postIds)
    .execute();
  return rows.map((r) => r.post_id);
}

export interface SavedItem {
  postId: number;
  isOpening: boolean;
  href: string;
  thread: { id: number; title: string; kind: ThreadKind };
  /** As the reader may see them: a pseudonym stays a pseudonym (no handle, so no profile link). */
  author: { name: string; handle: string | null };
  excerpt: string;
  savedAt: number;
}

export interface SavedPage {
  items: SavedItem[];
  /** Cursor (a bookmark id) of the next, older page, if any. */
  nextBefore: number | null;
}

/**
 * Where a saved post opens: a thread at its top; a reply through its permalink, which finds the thread page
 * holding it and scrolls to it (#post-<id>). The one place /saved builds links.
 */
export function savedPostHref(post: { id: number; isOpening: boolean; threadId: number; slug: string }): string {
  return post.isOpening ? `/threads/${post.threadId}/${post.slug}` : `/posts/${post.id}`;
}

/** A member's saved posts they may still see, newest saved first, a bounded page at a time. */
export async function listSaved(viewer: Viewer, before: number | null): Promise<SavedPage> {
  const rows = await postQuery(viewer.id)
    .innerJoin("bookmarks as b", "b.post_id", "p.id")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .select([
      "b.id as bookmark_id",
      "b.created_at as saved_at",
      "p.thread_id",
      "p.excerpt",
      "t.slug",
      "t.title",
      "t.kind",
    ])
    .where("b.member_id", "=", viewer.id)
    .$if(before !== null, (q) => q.where("b.id", "<", before!))
    .where(postShownTo("p", viewer))
    .where(threadShownTo("t", viewer))
    .orderBy("b.id", "desc")
    .limit(SAVED_PER_PAGE + 1)
    .execute();
  const page = rows.slice(0, SAVED_PER_PAGE);
  // A round's prompt may withhold answers from this reader, or show them under a pseudonym.
  const views = new Map(page.map((r) => [r.id, toPostView(r as PostRow, viewer, null)]));
  for (const threadId of new Set(page.filter((r) => r.kind === "prompt").map((r) => r.thread_id))) {
    const inThread = page.filter((r) => r.thread_id === threadId).map((r) => views.get(r.id)!);
    const [shown = []] = await applyRoundRules(threadId, viewer, [inThread]);
    for (const view of inThread) views.delete(view.id);
    for (const view of shown) views.set(view.id, view);
  }
  const items: SavedItem[] = [];
  for (const row of page) {
    const view = views.get(row.id);
    if (!view || view.html === null) continue;
    const isOpening = row.depth === 0;
    items.push({
      postId: row.id,
      isOpening,
      href: savedPostHref({ id: row.id, isOpening, threadId: row.thread_id, slug: row.slug }),
      thread: { id: row.thread_id, title: row.title, kind: row.kind },
      author: view.pseudonym?.masked
        ? { name: view.pseudonym.name, handle: null }
        : { name: view.author?.displayName ?? "", handle: view.author?.handle ?? null },
      excerpt: row.excerpt ?? excerptFromHtml(row.body_html),
      savedAt: row.saved_at,
    });
  }
  return { items, nextBefore: rows.length > SAVED_PER_PAGE ? page[page.length - 1]!.bookmark_id : null };
}
