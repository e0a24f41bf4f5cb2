import { sql, type SelectQueryBuilder } from "kysely";
import { getDb } from "~db/client.server";
import type { ThreadKind } from "~db/schema";
import { threadShownTo } from "./visibility.server";
import { tr } from "~/lib/translate";
import { localTopic, threadTitle } from "~/lib/seeded-content";
import { openingExcerpt as seededExcerpt } from "~/lib/seeded-content.server";
import { POST_EXCERPT_CHARS } from "./posts.server";

// What every list of threads shares: its items, sorts, cursors, the query for visible threads and the mapping
// to items. The lists themselves are in topic-threads.server (a topic's page, the topic index),
// home-sections.server and member-activity.server. Every list shows only visible threads (neither hidden nor
// deleted), pages by keyset (never OFFSET), and costs a fixed number of queries whatever its length: one for
// the threads with their authors and opening posts, one for tags.

export type ThreadSort = "latest" | "active" | "top";

export const THREAD_SORTS: readonly ThreadSort[] = ["latest", "active", "top"];
export const THREAD_KINDS: readonly ThreadKind[] = ["story", "discussion", "prompt"];
const MAX_PAGE_SIZE = 100;

export const isThreadSort = (value: string): value is ThreadSort => (THREAD_SORTS as readonly string[]).includes(value);
export const isThreadKind = (value: string): value is ThreadKind => (THREAD_KINDS as readonly string[]).includes(value);

export interface ThreadListItem {
  id: number;
  slug: string;
  title: string;
  kind: ThreadKind;
  /**
   * Plain text from the start of the opening post, stored when it was written (posts.server's postExcerpt);
   * empty when that post is hidden or removed.
   */
  excerpt: string;
  /** The thumbnail of the opening post's first picture (issue 17), or null; none when that post is hidden. */
  cover: { url: string; width: number; height: number } | null;
  author: { handle: string; displayName: string };
  createdAt: number;
  lastActivityAt: number;
  replyCount: number;
  helpfulCount: number;
  pinned: boolean;
  featured: boolean;
  locked: boolean;
  tags: Array<{ slug: string; name: string }>;
}

export interface ThreadListPage {
  items: ThreadListItem[];
  /** Opaque; pass back as `after` for the next page. Null on the last page. */
  nextCursor: string | null;
}

export interface MemberReplyItem {
  postId: number;
  thread: { id: number; slug: string; title: string; kind: ThreadKind };
  excerpt: string;
  createdAt: number;
}

// --- cursors ---------------------------------------------------------------------------------------------

/** Where a page ends: the sort key of its last row and that row's id (the tie-breaker). */
export interface Cursor {
  value: number;
  id: number;
}

/** A cursor also names its sort, so a "top" cursor pasted into a "latest" URL is refused, not misread. */
const SORT_CODES: Record<ThreadSort, string> = { latest: "l", active: "a", top: "t" };
const CURSOR_TEXT = /^([lat]):(0|[1-9][0-9]{0,15}):([1-9][0-9]{0,15})$/;

export class InvalidCursorError extends Error {
  constructor() {
    super(tr("browse:topicPage.badCursor"));
    this.name = "InvalidCursorError";
  }
}

export function encodeCursor(sort: ThreadSort, cursor: Cursor): string {
  return Buffer.from(`${SORT_CODES[sort]}:${cursor.value}:${cursor.id}`, "utf8").toString("base64url");
}

/** The cursor in `raw`, or null for anything that this module did not make for the same sort. */
export function parseCursor(raw: string, sort: ThreadSort = "latest"): Cursor | null {
  if (raw.length > 64 || !/^[A-Za-z0-9_-]+$/.test(raw)) return null;
  const match = CURSOR_TEXT.exec(Buffer.from(raw, "base64url").toString("utf8"));
  if (!match || match[1] !== SORT_CODES[sort]) return null;
  const value = Number(match[2]);
  const id = Number(match[3]);
  return Number.isSafeInteger(value) && Number.isSafeInteger(id) ? { value, id } : null;
}

/** The cursor in `raw` (none for an empty one); throws InvalidCursorError for anything else. */
export function requireCursor(raw: string | undefined, sort: ThreadSort): Cursor | null {
  if (raw === undefined || raw === "") return null;
  const cursor = parseCursor(raw, sort);
  if (!cursor) throw new InvalidCursorError();
  return cursor;
}

export const pageSize = (limit: number) => Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE_SIZE);

// --- the shared query and mapping ------------------------------------------------------------------------

const SORT_COLUMNS = { latest: "t.created_at", active: "t.last_activity_at", top: "t.helpful_count" } as const;

/**
 * Threads everyone may see, of `threads as t` alone. A list picks its rows from these (filters, order, limit),
 * and only the rows it picked are joined to their authors and opening posts (visibleThreads().where("t.id",
 * "in", picked)): a query that joined first would join every candidate before its sort (all of a topic's
 * threads, say) to keep thirty (docs/decisions/0032).
 */
export function shownThreads() {
  return getDb().selectFrom("threads as t").where(threadShownTo("t"));
}

/** Threads everyone may see, with their author and the start of their opening post. */
export function visibleThreads() {
  return (
    getDb()
      .selectFrom("threads as t")
      .innerJoin("members as m", "m.id", "t.author_id")
      .leftJoin("posts as p", (join) => join.onRef("p.thread_id", "=", "t.id").on("p.depth", "=", 0))
      .select([
        "t.id",
        "t.slug",
        "t.title",
        "t.kind",
        "t.created_at",
        "t.last_activity_at",
        "t.reply_count",
        "t.helpful_count",
        "t.pinned_at",
        "t.featured_at",
        "t.locked_at",
        "m.handle",
        "m.display_name",
        "p.excerpt as opening_excerpt",
        "p.hidden_at as opening_hidden_at",
        "p.deleted_at as opening_deleted_at",
      ])
      // The opening post's first picture, as "<thumbnail name>:<width>:<height>": one indexed lookup a row.
      .select((eb) =>
        eb
          .selectFrom("post_uploads as pu")
          .innerJoin("uploads as u", "u.id", "pu.upload_id")
          .select(
            sql<string>`u.thumb_hash || '.' || u.thumb_ext || ':' || u.thumb_width || ':' || u.thumb_height`.as(
              "cover",
            ),
          )
          .whereRef("pu.post_id", "=", "p.id")
          .where("u.kind", "=", "image")
          .where("u.removed_at", "is", null)
          .orderBy("pu.upload_id")
          .limit(1)
          .as("opening_cover"),
      )
      .where(threadShownTo("t"))
  );
}

type ThreadRow = Awaited<ReturnType<ReturnType<typeof visibleThreads>["execute"]>>[number];

/** Threads of `query` in `sort` order, after `cursor` when given: the keyset half of every paged list. */
export function sortedAfter<Q extends SelectQueryBuilder<any, any, any>>(
  query: Q,
  sort: ThreadSort,
  cursor: Cursor | null,
  limit: number,
) {
  const column = SORT_COLUMNS[sort];
  return query
    .$if(cursor !== null, (q) =>
      q.where((eb) => eb(eb.refTuple(column, "t.id"), "<", eb.tuple(cursor!.value, cursor!.id))),
    )
    .orderBy(column, "desc")
    .orderBy("t.id", "desc")
    .limit(limit) as Q;
}

export function sortValue(row: ThreadRow, sort: ThreadSort): number {
  return sort === "latest" ? row.created_at : sort === "active" ? row.last_activity_at : row.helpful_count;
}

function openingExcerpt(excerpt: string | null, hiddenAt: number | null, deletedAt: number | null): string {
  return hiddenAt !== null || deletedAt !== null ? "" : (excerpt ?? "");
}

function openingCover(row: ThreadRow): ThreadListItem["cover"] {
  if (!row.opening_cover || row.opening_hidden_at !== null || row.opening_deleted_at !== null) return null;
  const [name, width, height] = row.opening_cover.split(":");
  return { url: `/uploads/${name}`, width: Number(width), height: Number(height) };
}

/** Maps rows to list items, fetching the tags of all of them in one query. */
export async function toListItems(rows: ThreadRow[]): Promise<ThreadListItem[]> {
  const ids = rows.map((r) => r.id);
  const tagRows = ids.length
    ? await getDb()
        .selectFrom("thread_tags as tt")
        .innerJoin("tags as g", "g.id", "tt.tag_id")
        .select(["tt.thread_id", "g.slug", "g.name"])
        .where("tt.thread_id", "in", ids)
        .where("g.merged_into_id", "is", null)
        .orderBy("g.sort_key")
        .orderBy("g.id")
        .execute()
    : [];
  const tagsByThread = new Map<number, Array<{ slug: string; name: string }>>();
  for (const tag of tagRows) {
    const list = tagsByThread.get(tag.thread_id) ?? [];
    list.push(localTopic({ slug: tag.slug, name: tag.name }));
    tagsByThread.set(tag.thread_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    // A seeded prompt reads in the reader's language while unedited (docs/decisions/0039).
    title: threadTitle(r.kind, r.title),
    kind: r.kind,
    excerpt: seededExcerpt(
      r,
      openingExcerpt(r.opening_excerpt, r.opening_hidden_at, r.opening_deleted_at),
      POST_EXCERPT_CHARS,
    ),
    cover: openingCover(r),
    author: { handle: r.handle, displayName: r.display_name },
    createdAt: r.created_at,
    lastActivityAt: r.last_activity_at,
    replyCount: r.reply_count,
    helpfulCount: r.helpful_count,
    pinned: r.pinned_at !== null,
    featured: r.featured_at !== null,
    locked: r.locked_at !== null,
    tags: tagsByThread.get(r.id) ?? [],
  }));
}

/** Trims the probe row (limit + 1) off a page and makes the cursor for the next one. */
export function splitPage<T>(
  rows: T[],
  limit: number,
  cursorOf: (last: T) => string,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: cursorOf(page[page.length - 1]!) };
}
