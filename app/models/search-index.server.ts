import { sql } from "kysely";
import { getDb, type Executor } from "~db/client.server";
import type { ThreadKind } from "~db/schema";
import { markdownToPlainText } from "~/lib/markdown.server";
import { type ParsedSearch, toFts5Query } from "~/lib/search-query";
import { publiclyWithheldPostIds } from "./round-visibility.server";

// The one module that knows the search engine is SQLite FTS5 (table search_index, migration 0003). Another
// engine would replace this file: the rest of the app calls indexPost / removeFromIndex / reindexThread inside
// its write transactions, and searchPosts to read.

/** Adds or replaces a post's row. The opening post carries the thread title, weighted above bodies. */
export async function indexPost(trx: Executor, post: { id: number; title: string | null; bodySource: string }): Promise<void> {
  await removeFromIndex(trx, [post.id]);
  await sql`INSERT INTO search_index(rowid, title, body) VALUES (${post.id}, ${post.title ?? ""}, ${markdownToPlainText(post.bodySource)})`.execute(trx);
}

export async function removeFromIndex(trx: Executor, postIds: number[]): Promise<void> {
  if (!postIds.length) return;
  await trx.deleteFrom("search_index").where("rowid", "in", postIds).execute();
}

/** Indexes one post if visitors can see it, else removes it: call after any change to the post or its thread. */
export async function syncPostIndex(trx: Executor, postId: number): Promise<void> {
  const row = await trx
    .selectFrom("posts as p")
    .innerJoin("threads as t", "t.id", "p.thread_id")
    .select(["p.id", "p.depth", "p.body_source", "p.hidden_at", "p.deleted_at", "t.title", "t.hidden_at as thread_hidden_at", "t.deleted_at as thread_deleted_at"])
    .where("p.id", "=", postId)
    .executeTakeFirst();
  if (!row) return;
  const visible = row.hidden_at === null && row.deleted_at === null && row.thread_hidden_at === null && row.thread_deleted_at === null;
  if (visible) await indexPost(trx, { id: row.id, title: row.depth === 0 ? row.title : null, bodySource: row.body_source });
  else await removeFromIndex(trx, [row.id]);
}

/** Brings a thread's rows in line with what visitors can see: all of its visible posts, or none. */
export async function reindexThread(trx: Executor, threadId: number): Promise<void> {
  const thread = await trx.selectFrom("threads").select(["title", "hidden_at", "deleted_at"]).where("id", "=", threadId).executeTakeFirstOrThrow();
  const posts = await trx
    .selectFrom("posts")
    .select(["id", "depth", "body_source", "hidden_at", "deleted_at"])
    .where("thread_id", "=", threadId)
    .execute();
  await removeFromIndex(trx, posts.map((p) => p.id));
  if (thread.hidden_at !== null || thread.deleted_at !== null) return;
  for (const post of posts) {
    if (post.hidden_at !== null || post.deleted_at !== null) continue;
    await indexPost(trx, { id: post.id, title: post.depth === 0 ? thread.title : null, bodySource: post.body_source });
  }
}

export interface SearchFilters {
  topicSlug?: string;
  kind?: ThreadKind;
  authorHandle?: string;
  from?: number;
  to?: number;
}

export interface SearchHit {
  postId: number;
  isOpening: boolean;
  thread: { id: number; slug: string; title: string; kind: ThreadKind };
  author: { handle: string; displayName: string };
  createdAt: number;
  /** The matching passage: text pieces, `hit` marks the matched words (rendered as <mark>, never as HTML). */
  snippet: Array<{ text: string; hit: boolean }>;
  topics: Array<{ slug: string; name: string }>;
}

export interface SearchResults {
  hits: SearchHit[];
  hasMore: boolean;
  /** Set when a term is so common that only its most recent matches were ranked. */
  limitedToRecent: number | null;
}

export const RESULTS_PER_PAGE = 20;
/** A query with more matches than this is too common to rank in full: its most recent matches are ranked. */
// bm25 costs about 25 µs a row here (measured on the 500,000-post set), so ranking stays under ~12 ms.
const rankAllMax = () => Number(process.env.SEARCH_RANK_ALL_MAX) || 500;
const recentCandidates = () => Number(process.env.SEARCH_RECENT_CANDIDATES) || 200;
const OPEN = "\u0002";
const CLOSE = "\u0003";

function splitSnippet(text: string): Array<{ text: string; hit: boolean }> {
  const parts: Array<{ text: string; hit: boolean }> = [];
  for (const chunk of text.split(OPEN)) {
    const [hit, rest] = chunk.includes(CLOSE) ? chunk.split(CLOSE, 2) : [null, chunk];
    if (hit) parts.push({ text: hit, hit: true });
    if (rest) parts.push({ text: rest, hit: false });
  }
  return parts;
}

/**
 * Ranked full-text search (bm25, titles weighted 10 to 1) over visible posts, with filters and pages.
 * FTS5 computes bm25 for every match before LIMIT. So we first probe (cheaply, in rowid order) whether the
 * query has more than 500 matches; if so only the 200 most recent are ranked (both adjustable). Snippets are
 * made for the page's rows only.
 */
export async function searchPosts(parsed: ParsedSearch, filters: SearchFilters, page: number): Promise<SearchResults> {
  const db = getDb();
  const match = toFts5Query(parsed);
  const probe = await sql<{ rowid: number }>`SELECT rowid FROM search_index WHERE search_index MATCH ${match} ORDER BY rowid DESC LIMIT 1 OFFSET ${rankAllMax()}`.execute(db);
  // Walking the doclist newest first with LIMIT is cheap; a rowid range (rowid >= x) is not, in FTS5.
  const limitedToRecent = probe.rows.length ? recentCandidates() : null;
  const candidates = limitedToRecent
    ? sql`SELECT rowid AS id, bm25(search_index, 10.0, 1.0) AS score FROM search_index WHERE search_index MATCH ${match} ORDER BY rowid DESC LIMIT ${limitedToRecent}`
    : sql`SELECT rowid AS id, bm25(search_index, 10.0, 1.0) AS score FROM search_index WHERE search_index MATCH ${match}`;
  const offset = (page - 1) * RESULTS_PER_PAGE;
  const rows = await sql<{
    post_id: number;
    depth: number;
    thread_id: number;
    slug: string;
    title: string;
    kind: ThreadKind;
    handle: string;
    display_name: string;
    created_at: number;
  }>`
    SELECT s.id AS post_id, p.depth, t.id AS thread_id, t.slug, t.title, t.kind, m.handle, m.display_name, p.created_at
    FROM (${candidates}) s
    JOIN posts p ON p.id = s.id
    JOIN threads t ON t.id = p.thread_id
    JOIN members m ON m.id = p.author_id
    WHERE p.hidden_at IS NULL AND p.deleted_at IS NULL AND t.hidden_at IS NULL AND t.deleted_at IS NULL
      AND p.id NOT IN (${publiclyWithheldPostIds(db)})
      ${filters.kind ? sql`AND t.kind = ${filters.kind}` : sql``}
      ${filters.authorHandle ? sql`AND m.handle = ${filters.authorHandle}` : sql``}
      ${filters.from !== undefined ? sql`AND p.created_at >= ${filters.from}` : sql``}
      ${filters.to !== undefined ? sql`AND p.created_at < ${filters.to}` : sql``}
      ${filters.topicSlug ? sql`AND t.id IN (SELECT tt.thread_id FROM thread_tags tt JOIN tags g ON g.id = tt.tag_id WHERE g.slug = ${filters.topicSlug})` : sql``}
    ORDER BY s.score
    LIMIT ${RESULTS_PER_PAGE + 1} OFFSET ${offset}`.execute(db);
  const pageRows = rows.rows.slice(0, RESULTS_PER_PAGE);
  const postIds = pageRows.map((r) => r.post_id);
  const snippets = postIds.length
    ? new Map(
        (
          await sql<{ rowid: number; snippet: string }>`SELECT rowid, snippet(search_index, -1, ${OPEN}, ${CLOSE}, '…', 24) AS snippet
            FROM search_index WHERE search_index MATCH ${match} AND rowid IN (${sql.join(postIds)})`.execute(db)
        ).rows.map((r) => [r.rowid, r.snippet]),
      )
    : new Map<number, string>();
  const threadIds = [...new Set(pageRows.map((r) => r.thread_id))];
  const topics = threadIds.length
    ? await db
        .selectFrom("thread_tags")
        .innerJoin("tags", "tags.id", "thread_tags.tag_id")
        .select(["thread_tags.thread_id", "tags.slug", "tags.name"])
        .where("thread_tags.thread_id", "in", threadIds)
        .execute()
    : [];
  return {
    hits: pageRows.map((r) => ({
      postId: r.post_id,
      isOpening: r.depth === 0,
      thread: { id: r.thread_id, slug: r.slug, title: r.title, kind: r.kind },
      author: { handle: r.handle, displayName: r.display_name },
      createdAt: r.created_at,
      snippet: splitSnippet(snippets.get(r.post_id) ?? ""),
      topics: topics.filter((t) => t.thread_id === r.thread_id).map((t) => ({ slug: t.slug, name: t.name })),
    })),
    hasMore: rows.rows.length > RESULTS_PER_PAGE,
    limitedToRecent,
  };
}
