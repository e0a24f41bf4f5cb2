import { getDb } from "~db/client.server";
import type { ThreadKind } from "~db/schema";
import { excerpt } from "~/lib/markdown.server";
import { publiclyWithheldPostIds } from "./round-visibility.server";

// Lists of threads: a topic's page, the home page sections, a member's activity. Every list shows only
// visible threads (neither hidden nor deleted), pages by keyset (never OFFSET), and costs a fixed number
// of queries whatever its length: one for the threads with their authors and opening posts, one for tags.

export type ThreadSort = "latest" | "active" | "top";
export type MemberSection = "stories" | "discussions" | "replies";

export const THREAD_SORTS: readonly ThreadSort[] = ["latest", "active", "top"];
export const THREAD_KINDS: readonly ThreadKind[] = ["story", "discussion", "prompt"];
export const MEMBER_SECTIONS: readonly MemberSection[] = ["stories", "discussions", "replies"];
export const TOPIC_PAGE_SIZE = 30;
export const MEMBER_PAGE_SIZE = 20;
/** Pinned threads lead a topic's first page; more than this many would push everything else away. */
export const PINNED_MAX = 10;
const EXCERPT_CHARS = 180;
/** An excerpt needs only the start of the opening post; rendering all 50,000 characters would waste time. */
const EXCERPT_SOURCE_CHARS = 2_000;
const MAX_PAGE_SIZE = 100;
const HOME_RECENT_WINDOW_MS = 60 * 24 * 60 * 60 * 1000;

export const isThreadSort = (value: string): value is ThreadSort => (THREAD_SORTS as readonly string[]).includes(value);
export const isThreadKind = (value: string): value is ThreadKind => (THREAD_KINDS as readonly string[]).includes(value);
export const isMemberSection = (value: string): value is MemberSection =>
  (MEMBER_SECTIONS as readonly string[]).includes(value);

export interface ThreadListItem {
  id: number;
  slug: string;
  title: string;
  kind: ThreadKind;
  /** Plain text from the start of the opening post; empty when that post is hidden or removed. */
  excerpt: string;
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

export type MemberActivityPage =
  | { section: "stories" | "discussions"; items: ThreadListItem[]; nextCursor: string | null }
  | { section: "replies"; items: MemberReplyItem[]; nextCursor: string | null };

export interface TopicPageView {
  slug: string;
  name: string;
  description: string;
  threadCount: number;
  lastActivityAt: number | null;
}

export interface TopicIndexItem extends TopicPageView {
  /** The visible thread with the most recent activity in the topic, if any. */
  latestThread: { id: number; slug: string; title: string; lastActivityAt: number } | null;
}

export interface HomeSections {
  featuredStories: ThreadListItem[];
  recentStories: ThreadListItem[];
  activeDiscussions: ThreadListItem[];
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
    super("That page link is not valid.");
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

function requireCursor(raw: string | undefined, sort: ThreadSort): Cursor | null {
  if (raw === undefined || raw === "") return null;
  const cursor = parseCursor(raw, sort);
  if (!cursor) throw new InvalidCursorError();
  return cursor;
}

const pageSize = (limit: number) => Math.min(Math.max(1, Math.floor(limit)), MAX_PAGE_SIZE);

// --- the shared query and mapping ------------------------------------------------------------------------

const SORT_COLUMNS = { latest: "t.created_at", active: "t.last_activity_at", top: "t.helpful_count" } as const;

/** Visible threads with their author and the start of their opening post. */
function visibleThreads() {
  return getDb()
    .selectFrom("threads as t")
    .innerJoin("members as m", "m.id", "t.author_id")
    .leftJoin("posts as p", (join) => join.onRef("p.thread_id", "=", "t.id").on("p.depth", "=", 0))
    .select((eb) => [
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
      eb.fn<string | null>("substr", ["p.body_source", eb.lit(1), eb.lit(EXCERPT_SOURCE_CHARS)]).as("opening_source"),
      "p.hidden_at as opening_hidden_at",
      "p.deleted_at as opening_deleted_at",
    ])
    .where("t.hidden_at", "is", null)
    .where("t.deleted_at", "is", null);
}

type ThreadRow = Awaited<ReturnType<ReturnType<typeof visibleThreads>["execute"]>>[number];

/** Visible threads in `sort` order, after `cursor` when given: the keyset half of every paged list. */
function sortedAfter<Q extends ReturnType<typeof visibleThreads>>(
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
    .limit(limit);
}

function sortValue(row: ThreadRow, sort: ThreadSort): number {
  return sort === "latest" ? row.created_at : sort === "active" ? row.last_activity_at : row.helpful_count;
}

/** Stories open with template headings ("### Context"); an excerpt reads better from the prose below them. */
const HEADING_LINE = /^ {0,3}#{1,6}(?:[ \t].*)?$/gm;

function listExcerpt(source: string): string {
  return excerpt(source.replace(HEADING_LINE, ""), EXCERPT_CHARS) || excerpt(source, EXCERPT_CHARS);
}

function openingExcerpt(source: string | null, hiddenAt: number | null, deletedAt: number | null): string {
  return source === null || hiddenAt !== null || deletedAt !== null ? "" : listExcerpt(source);
}

/** Maps rows to list items, fetching the tags of all of them in one query. */
async function toListItems(rows: ThreadRow[]): Promise<ThreadListItem[]> {
  const ids = rows.map((r) => r.id);
  const tagRows = ids.length
    ? await getDb()
        .selectFrom("thread_tags as tt")
        .innerJoin("tags as g", "g.id", "tt.tag_id")
        .select(["tt.thread_id", "g.slug", "g.name"])
        .where("tt.thread_id", "in", ids)
        .where("g.merged_into_id", "is", null)
        .orderBy("g.name")
        .execute()
    : [];
  const tagsByThread = new Map<number, Array<{ slug: string; name: string }>>();
  for (const tag of tagRows) {
    const list = tagsByThread.get(tag.thread_id) ?? [];
    list.push({ slug: tag.slug, name: tag.name });
    tagsByThread.set(tag.thread_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    kind: r.kind,
    excerpt: openingExcerpt(r.opening_source, r.opening_hidden_at, r.opening_deleted_at),
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
function splitPage<T>(
  rows: T[],
  limit: number,
  cursorOf: (last: T) => string,
): { rows: T[]; nextCursor: string | null } {
  if (rows.length <= limit) return { rows, nextCursor: null };
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: cursorOf(page[page.length - 1]!) };
}

// --- topics ----------------------------------------------------------------------------------------------

/**
 * A topic's threads. The first page starts with the pinned threads (in the order they were pinned), which
 * later pages leave out; the rest page by the sort key, newest or highest first, ties broken by id.
 * Throws InvalidCursorError for a cursor that parseCursor refuses (routes check first and answer 400).
 */
export async function listTopicThreads(input: {
  topicSlug: string;
  sort: ThreadSort;
  kind?: ThreadKind;
  after?: string;
  limit?: number;
}): Promise<ThreadListPage> {
  const { sort, kind } = input;
  const limit = pageSize(input.limit ?? TOPIC_PAGE_SIZE);
  const cursor = requireCursor(input.after, sort);
  const db = getDb();
  const inTopic = visibleThreads()
    .where("t.id", "in", (eb) =>
      eb
        .selectFrom("thread_tags")
        .select("thread_id")
        .where("tag_id", "=", (eb2) => eb2.selectFrom("tags").select("id").where("slug", "=", input.topicSlug)),
    )
    .$if(kind !== undefined, (q) => q.where("t.kind", "=", kind!));
  const regular = sortedAfter(inTopic.where("t.pinned_at", "is", null), sort, cursor, limit + 1);
  // One statement for both halves of the first page: the pinned threads and the first regular ones.
  const rows =
    cursor === null
      ? await db
          .selectFrom(
            inTopic
              .where("t.pinned_at", "is not", null)
              .orderBy("t.pinned_at")
              .orderBy("t.id")
              .limit(PINNED_MAX)
              .as("pinned"),
          )
          .selectAll()
          .unionAll(db.selectFrom(regular.as("regular")).selectAll())
          .execute()
      : await regular.execute();
  const pinned = rows.filter((r) => r.pinned_at !== null).sort((a, b) => a.pinned_at! - b.pinned_at! || a.id - b.id);
  const ordered = rows
    .filter((r) => r.pinned_at === null)
    .sort((a, b) => sortValue(b, sort) - sortValue(a, sort) || b.id - a.id);
  const page = splitPage(ordered, limit, (last) => encodeCursor(sort, { value: sortValue(last, sort), id: last.id }));
  return { items: await toListItems([...pinned, ...page.rows]), nextCursor: page.nextCursor };
}

const MAX_MERGE_HOPS = 5;

/** A live topic's header; `{ redirectTo }` with the live topic's slug when this one was merged; else null. */
export async function getTopicPage(slug: string): Promise<TopicPageView | { redirectTo: string } | null> {
  const db = getDb();
  const columns = ["id", "slug", "name", "description", "thread_count", "last_activity_at", "merged_into_id"] as const;
  const row = await db.selectFrom("tags").select(columns).where("slug", "=", slug).executeTakeFirst();
  if (!row) return null;
  let topic = row;
  // Follow a chain of merges (a into b, later b into c) so the visitor is redirected only once.
  for (let hop = 0; topic.merged_into_id !== null && hop < MAX_MERGE_HOPS; hop++) {
    const next = await db.selectFrom("tags").select(columns).where("id", "=", topic.merged_into_id).executeTakeFirst();
    if (!next) return null;
    topic = next;
  }
  if (topic !== row) return { redirectTo: topic.slug };
  return {
    slug: topic.slug,
    name: topic.name,
    description: topic.description,
    threadCount: topic.thread_count,
    lastActivityAt: topic.last_activity_at,
  };
}

/** Every live topic by name, with its thread count and the visible thread most recently active in it. */
export async function listTopicIndex(): Promise<TopicIndexItem[]> {
  const db = getDb();
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom("tags as g")
        .select((eb2) => [
          "g.slug",
          "g.name",
          "g.description",
          "g.thread_count",
          eb2
            .selectFrom("thread_tags as tt")
            .innerJoin("threads as t", "t.id", "tt.thread_id")
            .select("t.id")
            .whereRef("tt.tag_id", "=", "g.id")
            .where("t.hidden_at", "is", null)
            .where("t.deleted_at", "is", null)
            .orderBy("t.last_activity_at", "desc")
            .orderBy("t.id", "desc")
            .limit(1)
            .as("latest_id"),
        ])
        .where("g.merged_into_id", "is", null)
        .as("topic"),
    )
    .leftJoin("threads as lt", "lt.id", "topic.latest_id")
    .select([
      "topic.slug",
      "topic.name",
      "topic.description",
      "topic.thread_count",
      "lt.id as thread_id",
      "lt.slug as thread_slug",
      "lt.title as thread_title",
      "lt.last_activity_at as thread_activity",
    ])
    .orderBy("topic.name")
    .execute();
  return rows.map((r) => {
    const latestThread =
      r.thread_id !== null && r.thread_slug !== null && r.thread_title !== null && r.thread_activity !== null
        ? { id: r.thread_id, slug: r.thread_slug, title: r.thread_title, lastActivityAt: r.thread_activity }
        : null;
    return {
      slug: r.slug,
      name: r.name,
      description: r.description,
      threadCount: r.thread_count,
      lastActivityAt: latestThread?.lastActivityAt ?? null,
      latestThread,
    };
  });
}

// --- home page -------------------------------------------------------------------------------------------

/**
 * The home page's lists. Featured stories come first, then recent stories that members found helpful;
 * "recent stories" leaves out what the featured list already shows, so no story appears twice.
 */
export async function listHomeSections(now = Date.now()): Promise<HomeSections> {
  const stories = visibleThreads().where("t.kind", "=", "story");
  const [featuredRows, recentRows, activeRows] = await Promise.all([
    stories
      .where((eb) =>
        eb.or([
          eb("t.featured_at", "is not", null),
          eb.and([eb("t.helpful_count", ">", 0), eb("t.created_at", ">=", now - HOME_RECENT_WINDOW_MS)]),
        ]),
      )
      .orderBy((eb) => eb.case().when("t.featured_at", "is not", null).then(0).else(1).end())
      .orderBy("t.featured_at", "desc")
      .orderBy("t.helpful_count", "desc")
      .orderBy("t.created_at", "desc")
      .orderBy("t.id", "desc")
      .limit(4)
      .execute(),
    stories
      .orderBy("t.created_at", "desc")
      .orderBy("t.id", "desc")
      .limit(6 + 4)
      .execute(),
    visibleThreads()
      .where("t.kind", "=", "discussion")
      .orderBy("t.last_activity_at", "desc")
      .orderBy("t.id", "desc")
      .limit(6)
      .execute(),
  ]);
  const featuredIds = new Set(featuredRows.map((r) => r.id));
  const recent = recentRows.filter((r) => !featuredIds.has(r.id)).slice(0, 6);
  const items = await toListItems([...featuredRows, ...recent, ...activeRows]);
  return {
    featuredStories: items.slice(0, featuredRows.length),
    recentStories: items.slice(featuredRows.length, featuredRows.length + recent.length),
    activeDiscussions: items.slice(featuredRows.length + recent.length),
  };
}

// --- a member's activity ---------------------------------------------------------------------------------

/** A member's visible stories, discussions or replies, newest first. Throws InvalidCursorError for junk. */
export async function listMemberActivity(input: {
  memberId: number;
  section: MemberSection;
  after?: string;
  limit?: number;
}): Promise<MemberActivityPage> {
  const limit = pageSize(input.limit ?? MEMBER_PAGE_SIZE);
  const cursor = requireCursor(input.after, "latest");
  if (input.section === "replies") {
    const page = splitPage(await memberReplies(input.memberId, cursor, limit + 1), limit, (last) =>
      encodeCursor("latest", { value: last.createdAt, id: last.postId }),
    );
    return { section: "replies", items: page.rows, nextCursor: page.nextCursor };
  }
  const kind: ThreadKind = input.section === "stories" ? "story" : "discussion";
  const rows = await sortedAfter(
    visibleThreads().where("t.author_id", "=", input.memberId).where("t.kind", "=", kind),
    "latest",
    cursor,
    limit + 1,
  ).execute();
  const page = splitPage(rows, limit, (last) => encodeCursor("latest", { value: last.created_at, id: last.id }));
  return { section: input.section, items: await toListItems(page.rows), nextCursor: page.nextCursor };
}

async function memberReplies(memberId: number, cursor: Cursor | null, limit: number): Promise<MemberReplyItem[]> {
  const rows = await getDb()
    .selectFrom("posts as p")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .select((eb) => [
      "p.id",
      "p.created_at",
      eb.fn<string>("substr", ["p.body_source", eb.lit(1), eb.lit(EXCERPT_SOURCE_CHARS)]).as("source"),
      "t.id as thread_id",
      "t.slug",
      "t.title",
      "t.kind",
    ])
    .where("p.author_id", "=", memberId)
    .where("p.depth", ">=", 1)
    .where("p.id", "not in", publiclyWithheldPostIds(getDb()))
    .where("p.hidden_at", "is", null)
    .where("p.deleted_at", "is", null)
    .where("t.hidden_at", "is", null)
    .where("t.deleted_at", "is", null)
    .$if(cursor !== null, (q) =>
      q.where((eb) => eb(eb.refTuple("p.created_at", "p.id"), "<", eb.tuple(cursor!.value, cursor!.id))),
    )
    .orderBy("p.created_at", "desc")
    .orderBy("p.id", "desc")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    postId: r.id,
    thread: { id: r.thread_id, slug: r.slug, title: r.title, kind: r.kind },
    excerpt: listExcerpt(r.source),
    createdAt: r.created_at,
  }));
}
