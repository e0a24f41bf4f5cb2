import { sql } from "kysely";
import { seededOpening, seededThreadHeader } from "~/lib/seeded-content.server";
import { getDb } from "~db/client.server";
import type { Role, ThreadKind } from "~db/schema";
import type { Viewer } from "~/auth/viewer";
import { describeHideReason } from "~/lib/moderation";
import type { PostPlace } from "~/lib/post-links";
import { canSeeContent } from "~/lib/permissions";
import { MAX_DISPLAY_DEPTH } from "~/lib/thread-display";
import { budgetAfter, fitsOnPage, readBoundedRange, type Continuation } from "./page-bounds.server";
import { idsInPath, pathSegment, subtreeEnd } from "./post-path";
import { applyRoundRules, type RoundAnswerMark } from "./round-visibility.server";
import { postShownTo, threadShownTo, type Reader } from "./visibility.server";

export type PostState = "visible" | "deleted" | "hidden";

export interface PostView {
  id: number;
  parentId: number | null;
  depth: number;
  state: PostState;
  /**
   * Null when the post is removed or hidden from this viewer. `organization`: from their profile, null when
   * blank or when the post is under a pseudonym (round-visibility.server), so it never tells who wrote it.
   */
  author: {
    id: number;
    handle: string;
    displayName: string;
    organization: string | null;
    /** Their profile picture's address (its thumbnail), or null for initials. */
    pictureUrl: string | null;
  } | null;
  html: string | null;
  /** The language the post is written in (a BCP 47 code), or null: unknown, or the words are not shown. */
  language: string | null;
  /** Shown to the author and moderators only. */
  hiddenReason: string | null;
  createdAt: number;
  editedAt: number | null;
  helpfulCount: number;
  viewerFoundHelpful: boolean;
  descendantCount: number;
  replyToName: string | null;
  /** On a round's prompt: the answer's consent to quote, and its pseudonym (see round-visibility.server). */
  roundAnswer?: RoundAnswerMark | null;
  /** Written under a pseudonym (see pseudonyms.server); `masked`: shown instead of the author to this viewer. */
  pseudonym?: { name: string; masked: boolean } | null;
}

export interface ThreadHeaderView {
  id: number;
  slug: string;
  title: string;
  kind: ThreadKind;
  author: { id: number; handle: string; displayName: string; role: Role };
  createdAt: number;
  lastActivityAt: number;
  replyCount: number;
  pinned: boolean;
  featured: boolean;
  locked: boolean;
  lockReason: string | null;
  /** The story's author closed replies (they may reopen them); false for a moderator's lock. */
  lockedByAuthor: boolean;
  hidden: boolean;
  hiddenReason: string | null;
  tags: Array<{ slug: string; name: string }>;
}

export interface ThreadPageView {
  thread: ThreadHeaderView;
  opening: PostView;
  replies: PostView[];
  /** Cursor (a top-level reply id) of the next page, if any. */
  nextAfter: number | null;
  /** Replies cut from this page under a post shown on it (see page-bounds.server). */
  continuations: Continuation[];
  isFirstPage: boolean;
}

export type PostRow = {
  id: number;
  parent_id: number | null;
  depth: number;
  author_id: number;
  handle: string;
  display_name: string;
  organization: string;
  body_html: string;
  language: string | null;
  created_at: number;
  edited_at: number | null;
  helpful_count: number;
  descendant_count: number;
  deleted_at: number | null;
  hidden_at: number | null;
  hidden_reason: string | null;
  hidden_note: string | null;
  viewer_reacted: number | null;
  picture_hash: string | null;
  picture_ext: string | null;
};

/** Posts with their authors and whether the viewer found each helpful; callers add the where. */
export function postQuery(viewerId: number) {
  return (
    getDb()
      .selectFrom("posts as p")
      .innerJoin("members as m", "m.id", "p.author_id")
      .leftJoin("post_reactions as r", (join) => join.onRef("r.post_id", "=", "p.id").on("r.member_id", "=", viewerId))
      // The author's profile picture (at most one: migration 0021's unique index).
      .leftJoin("uploads as pic", (join) =>
        join
          .onRef("pic.member_id", "=", "p.author_id")
          .on("pic.purpose", "=", "avatar")
          .on("pic.removed_at", "is", null),
      )
      .select([
        "p.id",
        "p.parent_id",
        "p.depth",
        "p.author_id",
        "m.handle",
        "m.display_name",
        "m.organization",
        "p.body_html",
        "p.language",
        "p.created_at",
        "p.edited_at",
        "p.helpful_count",
        "p.descendant_count",
        "p.deleted_at",
        "p.hidden_at",
        "p.hidden_reason",
        "p.hidden_note",
        "r.member_id as viewer_reacted",
        "pic.thumb_hash as picture_hash",
        "pic.thumb_ext as picture_ext",
      ])
  );
}

/** What a viewer sees of one post: removed and hidden posts keep their place but not their words. */
export function toPostView(row: PostRow, viewer: Viewer | null, replyToName: string | null): PostView {
  const state: PostState = row.deleted_at !== null ? "deleted" : row.hidden_at !== null ? "hidden" : "visible";
  const showBody = canSeeContent(viewer, {
    authorId: row.author_id,
    hidden: state === "hidden",
    deleted: state === "deleted",
  });
  return {
    id: row.id,
    parentId: row.parent_id,
    depth: row.depth,
    state,
    author: showBody
      ? {
          id: row.author_id,
          handle: row.handle,
          displayName: row.display_name,
          organization: row.organization.trim() || null,
          pictureUrl: row.picture_hash ? `/uploads/${row.picture_hash}.${row.picture_ext}` : null,
        }
      : null,
    html: showBody ? row.body_html : null,
    language: showBody ? row.language : null,
    hiddenReason: state === "hidden" && showBody ? describeHideReason(row.hidden_reason, row.hidden_note) : null,
    createdAt: row.created_at,
    editedAt: row.edited_at,
    helpfulCount: state === "visible" ? row.helpful_count : 0,
    viewerFoundHelpful: row.viewer_reacted !== null,
    descendantCount: row.descendant_count,
    replyToName,
  };
}

/** A deleted post with nothing under it disappears; one with replies stays as a placeholder. */
export function isListed(row: PostRow): boolean {
  return row.deleted_at === null || row.descendant_count > 0;
}

/**
 * Views of rows in threaded order, each naming the author it replies to. `names` holds the names of posts
 * seen so far (say, the opening post) and gains each row's; `keep` chooses which views are returned.
 */
export function toThreadedViews(
  rows: PostRow[],
  viewer: Viewer | null,
  names: Map<number, string | null>,
  keep: (row: PostRow) => boolean = () => true,
): PostView[] {
  const views: PostView[] = [];
  for (const row of rows) {
    const view = toPostView(row, viewer, row.parent_id === null ? null : (names.get(row.parent_id) ?? null));
    names.set(row.id, view.author?.displayName ?? null);
    if (keep(row)) views.push(view);
  }
  return views;
}

export async function getThreadHeader(threadId: number, viewer: Viewer | null): Promise<ThreadHeaderView | null> {
  const db = getDb();
  const row = await db
    .selectFrom("threads as t")
    .innerJoin("members as m", "m.id", "t.author_id")
    .select([
      "t.id",
      "t.slug",
      "t.title",
      "t.kind",
      "t.author_id",
      "m.handle",
      "m.display_name",
      "m.role",
      "t.created_at",
      "t.last_activity_at",
      "t.reply_count",
      "t.pinned_at",
      "t.featured_at",
      "t.locked_at",
      "t.locked_by",
      "t.lock_reason",
      "t.hidden_at",
      "t.hidden_reason",
      "t.hidden_note",
      "t.deleted_at",
    ])
    .where("t.id", "=", threadId)
    .executeTakeFirst();
  if (!row) return null;
  if (
    !canSeeContent(viewer, {
      authorId: row.author_id,
      hidden: row.hidden_at !== null,
      deleted: row.deleted_at !== null,
    })
  )
    return null;
  const tags = await db
    .selectFrom("thread_tags")
    .innerJoin("tags", "tags.id", "thread_tags.tag_id")
    .select(["tags.slug", "tags.name"])
    .where("thread_tags.thread_id", "=", threadId)
    .orderBy("tags.sort_key")
    .orderBy("tags.id")
    .execute();
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    kind: row.kind,
    author: { id: row.author_id, handle: row.handle, displayName: row.display_name, role: row.role },
    createdAt: row.created_at,
    lastActivityAt: row.last_activity_at,
    replyCount: row.reply_count,
    pinned: row.pinned_at !== null,
    featured: row.featured_at !== null,
    locked: row.locked_at !== null,
    lockReason: row.lock_reason,
    lockedByAuthor: row.locked_at !== null && row.locked_by === row.author_id,
    hidden: row.hidden_at !== null,
    hiddenReason: row.hidden_at !== null ? describeHideReason(row.hidden_reason, row.hidden_note) : null,
    tags,
  };
}

/**
 * One page of a thread in threaded order, in a constant number of queries whatever its size: the header,
 * its tags, the opening post, the bounded range of replies after the cursor (a top-level reply's id; see
 * page-bounds.server), their rows, and the round's rules when the thread is a prompt.
 */
export async function getThreadPage(
  threadId: number,
  viewer: Viewer | null,
  after: number | null,
): Promise<ThreadPageView | null> {
  const header = await getThreadHeader(threadId, viewer);
  if (!header) return null;
  const thread = seededThreadHeader(header); // the seeded prompts in the reader's language (decision 0039)
  const viewerId = viewer?.id ?? 0;
  const openingRow = await postQuery(viewerId)
    .where("p.thread_id", "=", threadId)
    .where("p.depth", "=", 0)
    .executeTakeFirstOrThrow();
  const opening = seededOpening(thread, toPostView(openingRow, viewer, null));
  const isFirstPage = after === null;
  const range = await readBoundedRange({
    threadId,
    root: { id: opening.id, path: "", depth: 0 },
    after,
    budget: budgetAfter([openingRow]),
  });
  if (range.ids.length === 0) return { thread, opening, replies: [], nextAfter: null, continuations: [], isFirstPage };

  const rows = await postQuery(viewerId).where("p.id", "in", range.ids).orderBy("p.path").execute();
  const names = new Map<number, string | null>([[opening.id, opening.author?.displayName ?? null]]);
  const replies = toThreadedViews(rows, viewer, names, isListed);
  const [shown] = await applyRoundRules(threadId, viewer, [replies]);
  return {
    thread,
    opening,
    replies: shown!,
    nextAfter: range.nextAfter,
    continuations: range.continuations,
    isFirstPage,
  };
}

/**
 * Where a post is shown: its thread, and the page cursor (null for the first page) of a thread page that shows
 * it, or `page: null` when it is shown on a branch page of its own (too deep, or cut from its top-level
 * reply's page). The first page when it is there, else the page that starts with its top-level reply. Null,
 * like a post that never was, when this viewer may not see the post or its thread: its address holds the
 * thread's slug, which is its title.
 */
export async function getPermalinkTarget(
  postId: number,
  viewer: Reader = null,
): Promise<{
  threadId: number;
  slug: string;
  depth: number;
  page: { after: number | null } | null;
} | null> {
  const db = getDb();
  const post = await db
    .selectFrom("posts")
    .innerJoin("threads", "threads.id", "posts.thread_id")
    .innerJoin("posts as opening", (join) =>
      join.onRef("opening.thread_id", "=", "posts.thread_id").on("opening.depth", "=", 0),
    )
    .select(["posts.thread_id", "posts.path", "posts.depth", "threads.slug"])
    .select(sql<number>`octet_length(opening.body_html)`.as("opening_bytes"))
    .where("posts.id", "=", postId)
    .where(postShownTo("posts", viewer))
    .where(threadShownTo("threads", viewer))
    .executeTakeFirst();
  if (!post) return null;
  const base = { threadId: post.thread_id, slug: post.slug, depth: post.depth };
  if (post.depth === 0) return { ...base, page: { after: null } };
  if (post.depth > MAX_DISPLAY_DEPTH) return { ...base, page: null };
  const budget = budgetAfter([post.opening_bytes]);
  const shownFrom = (start: string) => fitsOnPage({ threadId: post.thread_id, start, path: post.path, budget });
  if (await shownFrom("")) return { ...base, page: { after: null } };
  const previous = await db
    .selectFrom("posts")
    .select((eb) => eb.fn.max("id").as("id"))
    .where("thread_id", "=", post.thread_id)
    .where("depth", "=", 1)
    .where("id", "<", idsInPath(post.path)[0]!)
    .executeTakeFirst();
  const after = previous?.id ?? null;
  if (after !== null && (await shownFrom(subtreeEnd(pathSegment(after))))) return { ...base, page: { after } };
  return { ...base, page: null };
}

/** Where a post is read in its conversation (see getPermalinkTarget); null when this viewer may not see it. */
export async function getPostPlace(postId: number, viewer: Reader): Promise<PostPlace | null> {
  const target = await getPermalinkTarget(postId, viewer);
  if (!target) return null;
  return target.page
    ? { kind: "thread", threadId: target.threadId, slug: target.slug, after: target.page.after }
    : { kind: "branch", postId };
}
